"""The beheer page of the outbox and the parked berichten in the klantbeeld."""

import pytest
from django.utils.html import escape

from kcc import roles
from kcc.models import Bericht
from tests.contacts.factories import PersoonFactory
from tests.factories import BerichtFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def berichten():
    return {
        "wachtend": BerichtFactory(ontvanger="a.wachtend@example.nl"),
        "opnieuw": BerichtFactory(
            ontvanger="b.opnieuw@example.nl", pogingen=2, laatste_fout="Mailserver onbereikbaar"
        ),
        "verstuurd": BerichtFactory(ontvanger="c.verstuurd@example.nl", status="verstuurd"),
        "mislukt": BerichtFactory(
            ontvanger="d.mislukt@onbekend.example",
            status="mislukt",
            pogingen=5,
            laatste_fout="Ontvanger geweigerd: 550 5.1.1 Ontvanger onbekend",
        ),
    }


@pytest.mark.parametrize("fase", ["wachtend", "opnieuw", "verstuurd", "mislukt"])
def test_the_list_filters_by_state(client, beheerder, berichten, fase):
    client.force_login(beheerder.user)
    page = client.get("/beheer/berichten/", {"fase": fase}).content.decode()
    shown = [f for f, bericht in berichten.items() if bericht.ontvanger in page]
    assert shown == [fase]


def test_a_parked_bericht_can_be_tried_again(client, beheerder, berichten):
    client.force_login(beheerder.user)
    page = client.get("/beheer/berichten/", {"fase": "mislukt"}).content.decode()
    assert "550 5.1.1 Ontvanger onbekend" in page
    assert "Opnieuw proberen" in page

    response = client.post(
        f"/beheer/berichten/{berichten['mislukt'].uuid}/opnieuw/", {"fase": "mislukt"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/beheer/berichten/?fase=mislukt"
    bericht = Bericht.objects.get(pk=berichten["mislukt"].pk)
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.TE_VERSTUREN, 0)


def test_only_the_beheerder_may_see_and_retry(client, make_medewerker, berichten):
    client.force_login(make_medewerker(roles.KLANTCONTACTMEDEWERKER).user)
    assert client.get("/beheer/berichten/").status_code == 403
    response = client.post(f"/beheer/berichten/{berichten['mislukt'].uuid}/opnieuw/")
    assert response.status_code == 403
    assert Bericht.objects.get(pk=berichten["mislukt"].pk).status == Bericht.Status.MISLUKT


def test_the_agent_sees_a_parked_bericht_in_the_klantbeeld(client, agent):
    partij = PersoonFactory(achternaam="D'Hondt")
    BerichtFactory(
        partij_uuid=partij.uuid,
        ontvanger="k.dhondt@onbekend.example",
        onderwerp="Nieuwe status van uw zaak",
        status="mislukt",
        laatste_fout="Ontvanger geweigerd: 550 Ontvanger onbekend",
    )
    client.force_login(agent.user)
    page = client.get(f"/klantcontact/partij/{partij.uuid}/").content.decode()
    assert "Niet bezorgde berichten" in page
    assert "k.dhondt@onbekend.example" in page
    assert escape("550 Ontvanger onbekend") in page
