"""A contactverzoek goes back to the KCC's queue with the reason: service, API, screen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts import services
from contacts.models import Contactverzoek, ContactverzoekGebeurtenis
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import ContactverzoekFactory
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kcc():
    return AfdelingFactory(code="kcc")


def test_hand_back_unassigns_and_logs_the_reason(kcc, make_medewerker):
    bram = make_medewerker(roles.BACKOFFICE)
    verzoek = ContactverzoekFactory(afdeling=bram.afdeling)
    services.contactverzoek_claim(contactverzoek=verzoek, medewerker=bram)

    services.contactverzoek_hand_back(
        contactverzoek=verzoek, medewerker=bram, toelichting="Vraag is voor het KCC"
    )

    verzoek.refresh_from_db()
    assert (verzoek.afdeling, verzoek.team, verzoek.medewerker) == (kcc, None, None)
    assert verzoek.status == Contactverzoek.Status.TE_VERWERKEN
    laatste = verzoek.gebeurtenissen.last()
    assert (laatste.soort, laatste.toelichting, laatste.medewerker) == (
        ContactverzoekGebeurtenis.Soort.TERUG_NAAR_KCC,
        "Vraag is voor het KCC",
        bram,
    )
    audit = AuditLogEntry.objects.get(object_uuid=str(verzoek.uuid), actie="change")
    assert audit.reden == "Vraag is voor het KCC"


def test_hand_back_refuses_without_reason_twice_or_when_done(kcc, make_medewerker):
    bram = make_medewerker(roles.BACKOFFICE)
    verzoek = ContactverzoekFactory(afdeling=bram.afdeling)

    with pytest.raises(ValidationError) as leeg:
        services.contactverzoek_hand_back(contactverzoek=verzoek, medewerker=bram, toelichting=" ")
    assert "toelichting" in leeg.value.message_dict
    services.contactverzoek_hand_back(contactverzoek=verzoek, medewerker=bram, toelichting="Fout")
    with pytest.raises(ValidationError, match="al bij het KCC"):
        services.contactverzoek_hand_back(contactverzoek=verzoek, medewerker=bram, toelichting="x")
    services.contactverzoek_complete(contactverzoek=verzoek, medewerker=bram)
    with pytest.raises(ValidationError, match="al verwerkt"):
        services.contactverzoek_hand_back(contactverzoek=verzoek, medewerker=bram, toelichting="x")


def test_terugleggen_api(kcc, make_medewerker, api_client):
    bram = make_medewerker(roles.BACKOFFICE)
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    verzoek = ContactverzoekFactory(afdeling=bram.afdeling)
    url = f"/api/v1/contactverzoeken/{verzoek.uuid}/terugleggen"

    api_client.force_authenticate(agent.user)
    assert api_client.post(url, {"toelichting": "x"}).status_code == 403
    api_client.force_authenticate(bram.user)
    leeg = api_client.post(url, {"toelichting": ""})
    done = api_client.post(url, {"toelichting": "Niet voor Burgerzaken"})

    assert leeg.status_code == 400
    assert list(leeg.json()) == ["toelichting"]
    assert done.status_code == 200, done.json()
    verzoek.refresh_from_db()
    assert verzoek.afdeling == kcc


def test_hand_back_from_the_werkvoorraad(kcc, make_medewerker, client):
    bram = make_medewerker(roles.BACKOFFICE)
    verzoek = ContactverzoekFactory(afdeling=bram.afdeling)
    client.force_login(bram.user)
    url = reverse("contacts:contactverzoek-terug", kwargs={"uuid": verzoek.uuid})
    assert url in client.get(reverse("zaken:werkvoorraad")).content.decode()

    response = client.post(
        url, {"toelichting": "Klant wil een afspraak", "volgende": "werkvoorraad"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("zaken:werkvoorraad")
    html = response.content.decode()
    assert "Het contactverzoek is teruggegeven aan het KCC." in html
    assert url not in html  # no longer in this afdeling's list
