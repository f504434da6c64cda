"""POST /api/v1/telefonie/gesprekken: CTI events from a telephony platform."""

import pytest
from rest_framework.test import APIClient

from contacts.models import DigitaalAdres
from kanalen.models import TelefoonGebeurtenis, Telefoongesprek
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.kanalen.factories import PLATFORM_TOKEN, TelefonieKoppelingFactory

URL = "/api/v1/telefonie/gesprekken"

pytestmark = pytest.mark.django_db


@pytest.fixture
def koppeling():
    return TelefonieKoppelingFactory()


@pytest.fixture
def platform(koppeling):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {PLATFORM_TOKEN}")
    return client


@pytest.fixture
def agent_met_toestel(make_medewerker):
    return make_medewerker(roles.KLANTCONTACTMEDEWERKER, toestelnummer="2041")


@pytest.fixture
def beller():
    partij = PersoonFactory(voornaam="Sanne", achternaam="Visser")
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.TELEFOON, adres="+31612345678"
    )
    return partij


def ringing(**overrides):
    return {
        "extern_id": "call-1",
        "event": "ringing",
        "beller": "06-12345678",
        "gebeld_nummer": "14 026",
        "toestelnummer": "2041",
        "wachtrij": "Algemeen",
        "wachttijd_seconden": 12,
        **overrides,
    }


def test_ringing_records_the_call_and_matches_the_partij(platform, agent_met_toestel, beller):
    response = platform.post(URL, ringing(), format="json")

    assert response.status_code == 201, response.json()
    gesprek = Telefoongesprek.objects.get()
    assert gesprek.beller == "+31612345678"
    assert gesprek.gebeld_nummer == "14026"
    assert gesprek.medewerker == agent_met_toestel
    assert gesprek.partij == beller
    assert gesprek.status == Telefoongesprek.Status.RINGING
    assert response.json()["partij"] == str(beller.uuid)


def test_a_whole_call_records_wait_and_duration(platform, agent_met_toestel):
    base = "2026-03-02T10:00:{:02d}+01:00"
    platform.post(URL, ringing(tijdstip=base.format(0), wachttijd_seconden=None), format="json")
    platform.post(URL, ringing(event="answered", tijdstip=base.format(20)), format="json")
    response = platform.post(
        URL, {"extern_id": "call-1", "event": "ended", "tijdstip": base.format(50)}, format="json"
    )

    assert response.status_code == 201
    gesprek = Telefoongesprek.objects.get()
    assert gesprek.status == Telefoongesprek.Status.ENDED
    assert gesprek.wachttijd_seconden == 12
    assert gesprek.gespreksduur_seconden == 30


def test_ended_without_answer_counts_as_abandoned(platform, agent_met_toestel):
    platform.post(URL, ringing(), format="json")
    platform.post(URL, {"extern_id": "call-1", "event": "ended"}, format="json")

    assert Telefoongesprek.objects.get().status == Telefoongesprek.Status.ABANDONED


def test_the_same_event_twice_changes_nothing(platform, agent_met_toestel):
    first = platform.post(URL, ringing(), format="json")
    again = platform.post(URL, ringing(wachtrij="Anders"), format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert Telefoongesprek.objects.count() == 1
    assert TelefoonGebeurtenis.objects.count() == 1
    assert Telefoongesprek.objects.get().wachtrij == "Algemeen"


def test_unknown_extension_is_refused_and_nothing_is_stored(platform, agent_met_toestel):
    response = platform.post(URL, ringing(toestelnummer="9999"), format="json")

    assert response.status_code == 400
    assert "9999" in response.json()["toestelnummer"][0]
    assert not Telefoongesprek.objects.exists()


@pytest.mark.parametrize("nummer", ["06-1234", "hallo", "+31 0612345678", "0031612"])
def test_malformed_caller_number_is_refused(platform, agent_met_toestel, nummer):
    response = platform.post(URL, ringing(beller=nummer), format="json")

    assert response.status_code == 400
    assert "telefoonnummer" in response.json()["beller"][0]
    assert not Telefoongesprek.objects.exists()


def test_anonymous_caller_is_allowed(platform, agent_met_toestel):
    response = platform.post(URL, ringing(beller=""), format="json")

    assert response.status_code == 201
    assert Telefoongesprek.objects.get().partij is None


def test_wrong_platform_token_is_401(api_client, koppeling, agent_met_toestel):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer niet-het-token")

    response = api_client.post(URL, ringing(), format="json")

    assert response.status_code == 401
    assert not Telefoongesprek.objects.exists()


def test_missing_token_is_401(api_client, koppeling):
    assert api_client.post(URL, ringing(), format="json").status_code == 401


def test_inactive_platform_is_refused(platform, koppeling, agent_met_toestel):
    koppeling.actief = False
    koppeling.save()

    assert platform.post(URL, ringing(), format="json").status_code == 401


def test_a_user_token_cannot_post_events(agent_api, agent_met_toestel):
    response = agent_api.post(URL, ringing(), format="json")

    assert response.status_code == 403
    assert not Telefoongesprek.objects.exists()


def test_platform_token_cannot_read_other_endpoints(platform):
    assert platform.get("/api/v1/partijen").status_code in (401, 403)
    assert platform.get(URL).status_code in (401, 403)


def test_medewerker_reads_the_calls(platform, agent_met_toestel, agent_api):
    platform.post(URL, ringing(), format="json")

    response = agent_api.get(URL)

    assert response.status_code == 200
    assert response.json()["results"][0]["beller"] == "+31612345678"
