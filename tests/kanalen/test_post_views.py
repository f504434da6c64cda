"""The post room's screens through the Django client: who may do what, bad uploads
refused with a Dutch reason, the sender search, routing, an outgoing letter."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kanalen.models import Poststuk, UitgaandeBrief
from kanalen.post import services
from kcc.models import AuditLogEntry
from kcc.roles import BACKOFFICE, KLANTCONTACTMEDEWERKER, POSTKAMER
from tests.contacts.factories import AdresFactory, PersoonFactory, ProductFactory
from tests.kanalen.factories import upload
from tests.zaken.factories import make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def postkamer(client, make_medewerker):
    medewerker = make_medewerker(POSTKAMER)
    client.force_login(medewerker.user)
    return medewerker


def _form(**extra):
    return {
        "datum_ontvangen": timezone.localdate().isoformat(),
        "onderwerp": "Bezwaar parkeerboete",
        "kenmerk_afzender": "",
        "afzender_naam": "",
        "afzender_adres": "",
        **extra,
    }


def test_the_post_room_registers_a_letter_for_a_found_sender(client, postkamer):
    klant = PersoonFactory(achternaam="D'Ancona")
    response = client.get(reverse("post:afzender-zoeken"), {"q": "D'Anc"}, HTTP_HX_REQUEST="true")
    assert escape(klant.naam) in response.content.decode()
    assert f'value="{klant.uuid}"' in response.content.decode()

    response = client.post(
        reverse("post:registreren"),
        _form(partij=str(klant.uuid), scan=upload(PDF, name="boete.pdf")),
    )
    poststuk = Poststuk.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("post:detail", kwargs={"uuid": poststuk.uuid})
    assert poststuk.partij == klant
    assert poststuk.geregistreerd_door == postkamer

    page = client.get(response["Location"]).content.decode()
    assert poststuk.poststuknummer in page
    assert escape(klant.naam) in page
    assert AuditLogEntry.objects.filter(
        object_uuid=poststuk.uuid, actie=AuditLogEntry.Actie.VIEW
    ).exists()
    lijst = client.get(reverse("post:lijst")).content.decode()
    assert "Bezwaar parkeerboete" in lijst


def test_an_upload_that_is_not_a_pdf_or_image_is_refused_with_the_reason(client, postkamer):
    response = client.post(
        reverse("post:registreren"),
        _form(afzender_naam="Piet", scan=upload(b"MZ\x90\x00" * 50, name="brief.pdf")),
    )
    assert response.status_code == 400
    assert "Dit bestand is geen PDF of afbeelding (JPEG, PNG)" in response.content.decode()
    assert not Poststuk.objects.exists()


def test_without_javascript_the_search_button_shows_the_results(client, postkamer):
    klant = PersoonFactory(achternaam="Verbeek")
    response = client.post(
        reverse("post:registreren"), _form(q="Verbeek", zoeken="1", onderwerp="Vraag")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert f'value="{klant.uuid}"' in content
    assert 'value="Vraag"' in content
    assert not Poststuk.objects.exists()


def test_routing_as_a_zaak_from_the_detail_page(client, postkamer):
    zaaktype = make_zaaktype()
    product = ProductFactory(naam="Dakkapel", zaaktype=zaaktype)
    poststuk = services.poststuk_register(
        afzender_naam="Piet",
        onderwerp="Dakkapel",
        datum_ontvangen=timezone.localdate(),
        scan=upload(PDF),
        door=postkamer,
    )
    url = reverse("post:route-zaak", kwargs={"uuid": poststuk.uuid})
    response = client.post(url, {"product": ""})
    assert response.status_code == 400
    assert "Kies een product." in response.content.decode()

    response = client.post(url, {"product": str(product.uuid)})
    assert response.status_code == 302
    zaak = Zaak.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "De zaak is gestart; de scan staat bij de zaak." in page
    assert zaak.identificatie in page
    # Handled: no second routing.
    response = client.post(url, {"product": str(product.uuid)}, follow=True)
    assert "Dit poststuk is al afgehandeld." in response.content.decode()
    assert Zaak.objects.count() == 1


def test_roles(client, make_medewerker):
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    client.force_login(agent.user)
    assert client.get(reverse("post:lijst")).status_code == 200
    assert client.get(reverse("post:registreren")).status_code == 403
    assert client.get(reverse("post:brief-nieuw")).status_code == 200
    backoffice = make_medewerker(BACKOFFICE)
    client.force_login(backoffice.user)
    assert client.get(reverse("post:lijst")).status_code == 403


def test_an_agent_writes_an_answer_letter_and_downloads_it(client, make_medewerker):
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    client.force_login(agent.user)
    klant = PersoonFactory()
    AdresFactory(partij=klant)
    poststuk = services.poststuk_register(
        partij=klant,
        onderwerp="Vraag over afval",
        datum_ontvangen=timezone.localdate() - datetime.timedelta(days=1),
        scan=upload(PDF),
        door=None,
    )
    form = client.get(reverse("post:brief-nieuw"), {"poststuk": str(poststuk.uuid)})
    assert f'value="{klant.uuid}" checked' in form.content.decode()

    response = client.post(
        reverse("post:brief-nieuw"),
        {
            "poststuk": str(poststuk.uuid),
            "partij": str(klant.uuid),
            "onderwerp": "Uw brief",
            "tekst": "Geachte heer, mevrouw,\n\nDe container wordt dinsdag geleegd.",
        },
    )
    brief = UitgaandeBrief.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("post:brief", kwargs={"uuid": brief.uuid})
    assert brief.poststuk == poststuk
    pdf = client.get(reverse("post:brief-pdf", kwargs={"uuid": brief.uuid}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_the_backoffice_writes_a_letter_about_its_zaak(client, make_medewerker):
    from tests.zaken.factories import make_zaak

    klant = PersoonFactory()
    AdresFactory(partij=klant)
    zaak = make_zaak(initiator=klant)
    backoffice = make_medewerker(BACKOFFICE, afdeling=zaak.behandelende_afdeling)
    client.force_login(backoffice.user)
    detail = client.get(reverse("zaken:zaak", kwargs={"uuid": zaak.uuid})).content.decode()
    assert f"{reverse('post:brief-nieuw')}?zaak={zaak.uuid}" in detail

    form = client.get(reverse("post:brief-nieuw"), {"zaak": str(zaak.uuid)}).content.decode()
    assert f'value="{klant.uuid}" checked' in form
    response = client.post(
        reverse("post:brief-nieuw"),
        {
            "zaak": str(zaak.uuid),
            "partij": str(klant.uuid),
            "onderwerp": "Besluit",
            "tekst": "Uw vergunning is verleend.",
        },
        follow=True,
    )
    brief = UitgaandeBrief.objects.get()
    assert brief.zaak == zaak
    assert zaak.klantcontacten.filter(pk=brief.klantcontact.pk).exists()
    assert f"Terug naar zaak {zaak.identificatie}" in response.content.decode()


def test_the_kcc_sees_its_post_queue_first_the_post_room_everything_open(client, make_medewerker):
    te_routeren = services.poststuk_register(
        afzender_naam="A",
        onderwerp="Nog te routeren",
        datum_ontvangen=timezone.localdate(),
        scan=upload(PDF),
        door=None,
    )
    in_queue = services.poststuk_register(
        afzender_naam="B",
        onderwerp="Voor het KCC",
        datum_ontvangen=timezone.localdate(),
        scan=upload(PDF),
        door=None,
    )
    services.poststuk_route(poststuk=in_queue, route="werkvoorraad", door=None)
    client.force_login(make_medewerker(KLANTCONTACTMEDEWERKER).user)
    page = client.get(reverse("post:lijst")).content.decode()
    assert "Voor het KCC" in page
    assert te_routeren.onderwerp not in page
    open_page = client.get(reverse("post:lijst"), {"status": "open"}).content.decode()
    assert open_page.count('<span class="kcc-klein">POST-') == 2
    client.force_login(make_medewerker(POSTKAMER).user)
    page = client.get(reverse("post:lijst")).content.decode()
    assert "Voor het KCC" in page and te_routeren.onderwerp in page
