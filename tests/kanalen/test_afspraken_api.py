import datetime

import pytest
from django.utils import timezone

from kanalen.models import Afspraak
from kcc.models import Bericht
from tests.kanalen.afspraken_helpers import om, werkdag_na
from tests.kanalen.factories import AfspraakAanbodFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/afspraken"


@pytest.fixture
def aanbod():
    return AfspraakAanbodFactory(blok__capaciteit=1)


def _body(aanbod, begin, **extra):
    return {
        "product": str(aanbod.product.uuid),
        "locatie": str(aanbod.locatie.uuid),
        "begin": begin.isoformat(),
        "naam": "Fleur van 't Hof",
        "email": "fleur@example.nl",
        **extra,
    }


def test_free_slots_book_list_detail_cancel(agent_api, aanbod):
    day = werkdag_na()
    query = {"product": aanbod.product.uuid, "locatie": aanbod.locatie.uuid, "datum": day}

    vrij = agent_api.get(f"{URL}/vrije-tijdsloten", query)
    created = agent_api.post(URL, _body(aanbod, om(day, 9)), format="json")
    vrij_na = agent_api.get(f"{URL}/vrije-tijdsloten", query)
    uuid = created.json()["uuid"]
    detail = agent_api.get(f"{URL}/{uuid}")
    listed = agent_api.get(URL, {"begin__date": day.isoformat()})
    cancelled = agent_api.post(f"{URL}/{uuid}/annuleren")
    again = agent_api.post(f"{URL}/{uuid}/annuleren")

    assert vrij.status_code == 200
    assert len(vrij.json()) == 11
    assert created.status_code == 201, created.json()
    assert created.json()["geboekt_via"] == "api"
    assert len(created.json()["code"]) == 6
    assert len(vrij_na.json()) == 9  # one desk: the starts 09:00 and 09:15 are gone
    assert detail.json()["eind"].startswith(om(day, 9, 30).isoformat()[:16])
    assert listed.json()["count"] == 1
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "geannuleerd"
    assert again.status_code == 400
    assert Bericht.objects.filter(ontvanger="fleur@example.nl").count() == 2


def test_bad_input_is_a_400_per_field_and_stores_nothing(agent_api, aanbod):
    day = werkdag_na()

    bad = agent_api.post(URL, _body(aanbod, om(day, 9), email="geen-adres", naam=""), format="json")
    outside = agent_api.post(URL, _body(aanbod, om(day, 13)), format="json")
    vrij = agent_api.get(f"{URL}/vrije-tijdsloten", {"product": "x", "datum": "morgen"})

    assert bad.status_code == 400
    assert {"email", "naam"} <= set(bad.json())
    assert outside.status_code == 400 and "begin" in outside.json()
    assert vrij.status_code == 400 and {"product", "locatie", "datum"} <= set(vrij.json())
    assert not Afspraak.objects.exists()


def test_a_taken_place_is_a_clear_400(agent_api, aanbod):
    day = werkdag_na()
    agent_api.post(URL, _body(aanbod, om(day, 10)), format="json")

    second = agent_api.post(URL, _body(aanbod, om(day, 10), email="jan@example.nl"), format="json")

    assert second.status_code == 400
    assert "door iemand anders geboekt" in second.json()["begin"][0]


def test_anonymous_gets_no_access(api_client):
    assert api_client.get(URL).status_code in (401, 403)


def test_check_in_and_no_show_through_the_api(agent_api, aanbod):
    now = timezone.now()
    afspraken = [
        Afspraak.objects.create(
            code=code,
            token=code * 8,
            product=aanbod.product,
            locatie=aanbod.locatie,
            begin=now - datetime.timedelta(minutes=5),
            eind=now + datetime.timedelta(minutes=25),
            naam="Jan",
            email="jan@example.nl",
            geboekt_via=Afspraak.GeboektVia.ONLINE,
        )
        for code in ("AAAAAA", "BBBBBB")
    ]
    locatie = str(aanbod.locatie.uuid)

    ticket = agent_api.post(f"{URL}/inchecken", {"locatie": locatie, "code": "aaaaaa"})
    onbekend = agent_api.post(f"{URL}/inchecken", {"locatie": locatie, "code": "ZZZZZZ"})
    no_show = agent_api.post(f"{URL}/{afspraken[1].uuid}/no-show")
    al_ingecheckt = agent_api.post(f"{URL}/{afspraken[0].uuid}/no-show")

    assert ticket.status_code == 200 and ticket.json()["nummer"] == "B001"
    assert onbekend.status_code == 400 and "kennen wij niet" in onbekend.json()["code"][0]
    assert no_show.status_code == 200 and no_show.json()["status"] == "no_show"
    assert al_ingecheckt.status_code == 400
