import datetime
import uuid

import pytest
from django.utils import timezone

from contacts.models import Contactverzoek, Klantcontact, Partij
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import (
    AdresFactory,
    BsnFactory,
    ContactverzoekFactory,
    KlantcontactFactory,
    PersoonFactory,
    ProductFactory,
    TelefoonFactory,
)
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backoffice_api(make_medewerker):
    from rest_framework.test import APIClient

    api_client = APIClient()
    medewerker = make_medewerker(roles.BACKOFFICE)
    api_client.force_authenticate(medewerker.user)
    api_client.medewerker = medewerker
    return api_client


@pytest.fixture
def jansen():
    persoon = PersoonFactory(
        voornaam="Jan", achternaam="Jansen", geboortedatum=datetime.date(1965, 5, 4)
    )
    BsnFactory(partij=persoon, waarde="111222333")
    AdresFactory(partij=persoon, postcode="1234 AB", huisnummer=12)
    TelefoonFactory(partij=persoon, adres="+31612345678")
    TelefoonFactory(partij=persoon, soort="email", adres="jan@example.nl")
    PersoonFactory(achternaam="Bakker")
    return persoon


@pytest.mark.parametrize(
    "query",
    [
        {"bsn": "111222333"},
        {"achternaam": "jans", "geboortedatum": "1965-05-04"},
        {"postcode": "1234ab", "huisnummer": "12"},
        {"telefoon": "06 12345678"},
        {"email": "JAN@example.nl"},
        {"q": "1234AB 12"},
        {"q": "Jansen 04-05-1965"},
    ],
)
def test_every_search_filter_finds_the_partij_and_logs_the_read(agent_api, agent, jansen, query):
    response = agent_api.get("/api/v1/partijen", query)
    assert response.status_code == 200, response.json()
    assert [p["uuid"] for p in response.json()["results"]] == [str(jansen.uuid)]
    result = response.json()["results"][0]
    assert result["identificatoren"] == [{"soort": "bsn", "waarde": "111222333"}]
    assert result["adressen"][0]["postcode"] == "1234 AB"
    entry = AuditLogEntry.objects.get(partij_uuid=jansen.uuid)
    assert (entry.kanaal, entry.gebruikersnaam) == ("api", agent.user.username)


def test_kvk_filter(agent_api):
    bedrijf = PersoonFactory(soort="organisatie", statutaire_naam="Bakkerij B.V.")
    BsnFactory(partij=bedrijf, soort="kvk_nummer", waarde="69599000")
    response = agent_api.get("/api/v1/partijen", {"kvk": "69599000"})
    assert [p["naam"] for p in response.json()["results"]] == ["Bakkerij B.V."]


def test_invalid_birth_date_filter_is_a_400(agent_api):
    response = agent_api.get("/api/v1/partijen", {"geboortedatum": "31-02-1990"})
    assert response.status_code == 400
    assert "geboortedatum" in response.json()


def test_secret_address_is_hidden_without_the_permission_and_the_refusal_logged(
    agent_api, agent, make_medewerker
):
    from rest_framework.test import APIClient

    partij = PersoonFactory(indicatie_geheimhouding=True)
    AdresFactory(partij=partij)
    data = agent_api.get(f"/api/v1/partijen/{partij.uuid}").json()
    assert (data["adressen"], data["adres_afgeschermd"]) == ([], True)
    assert (
        "adres afgeschermd"
        in AuditLogEntry.objects.get(partij_uuid=partij.uuid).object_omschrijving
    )

    teamleider = make_medewerker(roles.TEAMLEIDER)
    api_client = APIClient()
    api_client.force_authenticate(teamleider.user)
    data = api_client.get(f"/api/v1/partijen/{partij.uuid}").json()
    assert data["adres_afgeschermd"] is False
    assert len(data["adressen"]) == 1


def test_create_partij_with_dutch_field_errors(agent_api):
    response = agent_api.post(
        "/api/v1/partijen",
        {
            "soort": "persoon",
            "achternaam": "Visser",
            "identificatoren": [{"soort": "bsn", "waarde": "123456789"}],
            "telefoonnummers": ["12"],
        },
    )
    assert response.status_code == 400
    assert "elfproef" in response.json()["identificatoren"][0]
    assert "telefoonnummer" in response.json()["telefoonnummers"][0]
    assert not Partij.objects.exists()

    response = agent_api.post(
        "/api/v1/partijen",
        {
            "soort": "persoon",
            "achternaam": "Visser",
            "identificatoren": [{"soort": "bsn", "waarde": "111222333"}],
            "adressen": [{"postcode": "1234ab", "huisnummer": 3}],
            "telefoonnummers": ["06-12345678"],
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["adressen"][0]["postcode"] == "1234 AB"
    assert response.json()["digitale_adressen"][0]["adres"] == "+31612345678"


def test_backoffice_cannot_create_partijen(backoffice_api):
    response = backoffice_api.post("/api/v1/partijen", {"soort": "persoon", "achternaam": "X"})
    assert response.status_code == 403


def _klantcontact_body(partij, product, afdeling):
    return {
        "partij": str(partij.uuid),
        "kanaal": "telefoon",
        "vragen": [
            {
                "product": str(product.uuid),
                "vraag": "Hoe lang is een paspoort geldig?",
                "antwoord": "Tien jaar.",
                "afhandeling": "direct_beantwoord",
            },
            {
                "onderwerp": "Verhuizing",
                "vraag": "Is mijn verhuizing verwerkt?",
                "afhandeling": "terugbelverzoek",
                "contactverzoek": {
                    "afdeling": str(afdeling.uuid),
                    "gevraagde_handeling": "Terugbellen",
                    "terugbelnummer": "06-12345678",
                },
            },
        ],
    }


def test_post_klantcontact_with_nested_vragen_is_idempotent(agent_api, jansen):
    body = _klantcontact_body(jansen, ProductFactory(), AfdelingFactory())
    headers = {"Idempotency-Key": "contact-1"}
    first = agent_api.post("/api/v1/klantcontacten", body, format="json", headers=headers)
    second = agent_api.post("/api/v1/klantcontacten", body, format="json", headers=headers)
    assert first.status_code == 201, first.json()
    assert second.json() == first.json()
    assert Klantcontact.objects.count() == 1
    assert Contactverzoek.objects.get().terugbelnummer == "+31612345678"
    assert [v["volgnummer"] for v in first.json()["vragen"]] == [1, 2]


def test_post_klantcontact_errors(agent_api, jansen):
    body = _klantcontact_body(jansen, ProductFactory(), AfdelingFactory())
    body["vragen"][0]["product"] = str(uuid.uuid4())
    response = agent_api.post("/api/v1/klantcontacten", body, format="json")
    assert response.status_code == 400
    assert "product" in response.json()["vragen"]["0"]

    body = _klantcontact_body(jansen, ProductFactory(), AfdelingFactory())
    body["vragen"][1]["contactverzoek"]["afdeling"] = str(uuid.uuid4())
    response = agent_api.post("/api/v1/klantcontacten", body, format="json")
    assert response.status_code == 400
    assert "afdeling" in response.json()["vragen"]["1"]["contactverzoek"]

    body = _klantcontact_body(jansen, ProductFactory(), AfdelingFactory())
    del body["vragen"][1]["contactverzoek"]
    response = agent_api.post("/api/v1/klantcontacten", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "vragen": {"1": {"afdeling": ["Een terugbelverzoek heeft een afdeling nodig."]}}
    }
    assert not Klantcontact.objects.exists()


def test_klantcontact_filters(agent_api, jansen):
    now = timezone.now()
    oud = KlantcontactFactory(
        partij=jansen, kanaal="balie", plaatsgevonden_op=now - datetime.timedelta(days=40)
    )
    nieuw = KlantcontactFactory(
        partij=jansen, kanaal="telefoon", afhandeling="doorverbonden", plaatsgevonden_op=now
    )
    KlantcontactFactory()

    def uuids(**query):
        response = agent_api.get("/api/v1/klantcontacten", query)
        assert response.status_code == 200
        return [c["uuid"] for c in response.json()["results"]]

    assert uuids(partij=jansen.uuid) == [str(nieuw.uuid), str(oud.uuid)]
    assert uuids(partij=jansen.uuid, kanaal="balie") == [str(oud.uuid)]
    assert uuids(partij=jansen.uuid, afhandeling="doorverbonden") == [str(nieuw.uuid)]
    vanaf = (now - datetime.timedelta(days=1)).isoformat()
    assert uuids(partij=jansen.uuid, plaatsgevonden_vanaf=vanaf) == [str(nieuw.uuid)]
    assert uuids(partij=jansen.uuid, plaatsgevonden_tot=vanaf) == [str(oud.uuid)]


def test_klantbeeld_endpoint(agent_api, jansen):
    KlantcontactFactory(partij=jansen)
    verzoek = ContactverzoekFactory(klantcontact=KlantcontactFactory(partij=jansen))
    ContactverzoekFactory(klantcontact=KlantcontactFactory(partij=jansen), status="verwerkt")
    data = agent_api.get(f"/api/v1/partijen/{jansen.uuid}/klantbeeld").json()
    assert data["klantcontacten_totaal"] == 3
    assert [c["uuid"] for c in data["contactverzoeken"]] == [str(verzoek.uuid)]
    assert data["zaken"] is None
    assert AuditLogEntry.objects.filter(partij_uuid=jansen.uuid, reden="Klantbeeld (API)").exists()


def test_contactverzoeken_per_afdeling_claim_and_complete(agent_api, backoffice_api):
    burgerzaken = backoffice_api.medewerker.afdeling
    mine = ContactverzoekFactory(afdeling=burgerzaken)
    ContactverzoekFactory()
    response = backoffice_api.get("/api/v1/contactverzoeken", {"afdeling": burgerzaken.uuid})
    assert [c["uuid"] for c in response.json()["results"]] == [str(mine.uuid)]

    assert agent_api.post(f"/api/v1/contactverzoeken/{mine.uuid}/oppakken").status_code == 403
    response = backoffice_api.post(f"/api/v1/contactverzoeken/{mine.uuid}/oppakken")
    assert response.json()["status"] == "in_behandeling"
    assert response.json()["medewerker"] == str(backoffice_api.medewerker.uuid)
    response = backoffice_api.get(
        "/api/v1/contactverzoeken",
        {"medewerker": backoffice_api.medewerker.uuid, "status": "in_behandeling"},
    )
    assert response.json()["count"] == 1
    response = backoffice_api.post(f"/api/v1/contactverzoeken/{mine.uuid}/oppakken")
    assert response.status_code == 400
    response = backoffice_api.post(
        f"/api/v1/contactverzoeken/{mine.uuid}/afhandelen", {"toelichting": "Teruggebeld"}
    )
    assert response.json()["status"] == "verwerkt"
    assert response.json()["afhandeling_toelichting"] == "Teruggebeld"


def test_create_contactverzoek_defaults_deadline_and_checks_assignment(agent_api):
    klantcontact = KlantcontactFactory()
    afdeling = AfdelingFactory()
    response = agent_api.post(
        "/api/v1/contactverzoeken",
        {"klantcontact": str(klantcontact.uuid), "gevraagde_handeling": "Bellen"},
    )
    assert response.status_code == 400
    assert "afdeling" in response.json()
    response = agent_api.post(
        "/api/v1/contactverzoeken",
        {
            "klantcontact": str(klantcontact.uuid),
            "afdeling": str(afdeling.uuid),
            "gevraagde_handeling": "Bellen",
        },
        headers={"Idempotency-Key": "cv-1"},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["deadline"] > timezone.now().isoformat()
