import uuid

import pytest

from kcc import roles
from kcc.models import AuditLogEntry, Bericht
from tests.factories import BerichtFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teamleider_api(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    return api_client


@pytest.fixture
def beheerder_api(api_client, beheerder):
    api_client.force_authenticate(beheerder.user)
    return api_client


def test_a_teamleider_lists_all_berichten_and_filters_them(teamleider_api):
    verstuurd = BerichtFactory(status=Bericht.Status.VERSTUURD)
    BerichtFactory(status=Bericht.Status.MISLUKT)

    everything = teamleider_api.get("/api/v1/berichten").json()
    assert everything["count"] == 2
    only_sent = teamleider_api.get("/api/v1/berichten", {"status": "verstuurd"}).json()
    assert [b["uuid"] for b in only_sent["results"]] == [str(verstuurd.uuid)]
    assert teamleider_api.get("/api/v1/berichten", {"kanaal": "email"}).json()["count"] == 2


def test_an_agent_sees_the_berichten_of_one_partij_and_the_lookup_is_logged(agent_api):
    partij = uuid.uuid4()
    mine = BerichtFactory(partij_uuid=partij, zaak_uuid=uuid.uuid4())
    BerichtFactory()

    response = agent_api.get("/api/v1/berichten", {"partij": str(partij)})
    assert response.status_code == 200
    assert [b["uuid"] for b in response.json()["results"]] == [str(mine.uuid)]
    assert AuditLogEntry.objects.filter(object_type="bericht", partij_uuid=partij).exists()
    by_zaak = agent_api.get("/api/v1/berichten", {"zaak": str(mine.zaak_uuid)}).json()
    assert by_zaak["count"] == 1


def test_an_agent_cannot_list_every_bericht(agent_api):
    BerichtFactory()
    response = agent_api.get("/api/v1/berichten")
    assert response.status_code == 400
    assert "partij" in response.json()


def test_a_bericht_in_detail(agent_api):
    bericht = BerichtFactory(laatste_fout="550 onbekende ontvanger", status="mislukt")
    body = agent_api.get(f"/api/v1/berichten/{bericht.uuid}").json()
    assert body["laatste_fout"] == "550 onbekende ontvanger"
    assert body["status"] == "mislukt"


def test_a_beheerder_sends_a_parked_bericht_again(beheerder_api):
    bericht = BerichtFactory(status=Bericht.Status.MISLUKT, pogingen=5)
    response = beheerder_api.post(f"/api/v1/berichten/{bericht.uuid}/opnieuw")
    assert response.status_code == 202, response.json()
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.TE_VERSTUREN
    assert bericht.pogingen == 0


def test_a_sent_bericht_is_not_sent_again(beheerder_api):
    bericht = BerichtFactory(status=Bericht.Status.VERSTUURD)
    response = beheerder_api.post(f"/api/v1/berichten/{bericht.uuid}/opnieuw")
    assert response.status_code == 400
    assert response.json() == {"status": ["Dit bericht is al verstuurd."]}


def test_only_a_beheerder_may_send_again(teamleider_api):
    bericht = BerichtFactory(status=Bericht.Status.MISLUKT)
    response = teamleider_api.post(f"/api/v1/berichten/{bericht.uuid}/opnieuw")
    assert response.status_code == 403
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT


def test_berichten_are_read_only(beheerder_api):
    response = beheerder_api.post(
        "/api/v1/berichten", {"ontvanger": "a@example.nl", "inhoud": "x"}, format="json"
    )
    assert response.status_code == 405
