"""Applying for a product on the website: the form from the product's questions and
documents, abuse protection, and the klantcontact and zaak it starts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from catalogus.models import Aanvraagveld, Publicatiestatus
from catalogus.services import AanvraagveldData, aanvraagvelden_replace
from contacts.models import Afhandeling, Kanaal, Klantcontact, Partij
from kanalen.models import Webformulier
from kcc.models import Bericht
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory
from tests.kanalen.test_webformulieren import old_token
from tests.zaken.factories import EmailFactory, make_zaaktype
from zaken.models import Zaak, ZaakDocument

pytestmark = pytest.mark.django_db

T = Aanvraagveld.Type
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture
def vergunningen():
    return AfdelingFactory(naam="Vergunningen", code="vergunningen")


@pytest.fixture
def product(vergunningen):
    product = ProductFactory(
        naam="Parkeervergunning",
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
        aanvraagkanalen=["web"],
        zaaktype=make_zaaktype(afdeling=vergunningen),
        behandelende_afdeling=vergunningen,
        benodigde_documenten="Kentekenbewijs\nLeaseverklaring",
    )
    aanvraagvelden_replace(
        product=product,
        velden=[
            AanvraagveldData("Kenteken"),
            AanvraagveldData("Soort", T.KEUZE, keuzes=["Eerste", "Tweede"]),
            AanvraagveldData("Ingangsdatum", T.DATUM),
            AanvraagveldData("Aantal auto's", T.GETAL),
            AanvraagveldData("Leaseauto?", T.JA_NEE),
            AanvraagveldData("Opmerking", T.LANGE_TEKST, verplicht=False),
        ],
    )
    return product


def url(product) -> str:
    return reverse("formulieren:aanvraag", kwargs={"uuid": product.uuid})


def veld(product, label: str) -> str:
    return f"veld_{product.aanvraagvelden.get(label=label).pk}"


def upload(content: bytes = PDF, name: str = "kenteken.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def aanvraag_data(product, **overrides):
    data = {
        "voornaam": "Sanne",
        "tussenvoegsel": "de",
        "achternaam": "Visser",
        "email": "sanne@example.nl",
        "telefoon": "06 12345678",
        "postcode": "1234ab",
        "huisnummer": "12",
        "huisnummertoevoeging": "A",
        veld(product, "Kenteken"): "AB-123-C",
        veld(product, "Soort"): "Eerste",
        veld(product, "Ingangsdatum"): "1-12-2026",
        veld(product, "Aantal auto's"): "1",
        veld(product, "Leaseauto?"): "nee",
        veld(product, "Opmerking"): "",
        "document_1": upload(),
        "document_2": upload(PNG, "lease.png"),
        "website": "",
        "formulier_token": old_token(),
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_products_questions_and_one_upload_per_document(client, product):
    response = client.get(url(product))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoofdmenu" not in html
    assert 'enctype="multipart/form-data"' in html
    for label in ("Kenteken", "Soort", "Ingangsdatum", "Kentekenbewijs", "Leaseverklaring"):
        assert f">{escape(label)}</" in html
    assert "Opmerking (niet verplicht)" in html
    assert html.count('type="file"') == 2
    assert '<legend class="utrecht-form-fieldset__legend">Leaseauto?</legend>' in html


def test_an_application_starts_a_zaak_at_the_products_afdeling_with_documents_and_answers(
    client, product, vergunningen
):
    response = client.post(url(product), aanvraag_data(product))

    assert response.status_code == 302
    zaak = Zaak.objects.get(hoofdzaak=None)
    assert zaak.product == product
    assert zaak.behandelende_afdeling == vergunningen
    assert zaak.communicatiekanaal == Kanaal.WEBFORMULIER
    assert zaak.aanvraaggegevens == [
        {"vraag": "Naam", "antwoord": "Sanne de Visser"},
        {"vraag": "Adres", "antwoord": "1234 AB 12-A"},
        {"vraag": "E-mailadres", "antwoord": "sanne@example.nl"},
        {"vraag": "Telefoonnummer", "antwoord": "+31612345678"},
        {"vraag": "Kenteken", "antwoord": "AB-123-C"},
        {"vraag": "Soort", "antwoord": "Eerste"},
        {"vraag": "Ingangsdatum", "antwoord": "01-12-2026"},
        {"vraag": "Aantal auto's", "antwoord": "1"},
        {"vraag": "Leaseauto?", "antwoord": "Nee"},
    ]
    documenten = list(zaak.documenten.order_by("titel"))
    assert [(d.titel, d.formaat, d.bestandsnaam) for d in documenten] == [
        ("Kentekenbewijs", "application/pdf", "kenteken.pdf"),
        ("Leaseverklaring", "image/png", "lease.png"),
    ]
    assert documenten[0].bestand.read() == PDF

    klantcontact = Klantcontact.objects.get()
    assert klantcontact.kanaal == Kanaal.WEBFORMULIER
    assert klantcontact.vragen.get().afhandeling == Afhandeling.AANVRAAG_INGENOMEN
    assert list(zaak.klantcontacten.all()) == [klantcontact]
    inzending = Webformulier.objects.get()
    assert (inzending.soort, inzending.referentie) == ("aanvraag", zaak.identificatie)

    partij = zaak.initiator
    assert (partij.voornaam, partij.voorvoegsel_achternaam, partij.achternaam) == (
        "Sanne",
        "de",
        "Visser",
    )
    assert partij.adressen.get().postcode == "1234 AB"
    assert not partij.identificatoren.exists()  # unverified: no BSN
    bevestiging = Bericht.objects.get(aanleiding="Ontvangstbevestiging")
    assert bevestiging.ontvanger == "sanne@example.nl"
    assert f"/zaak/{zaak.status_token}" in bevestiging.inhoud

    page = client.get(response["Location"]).content.decode()
    assert zaak.identificatie in page
    assert "Wij hebben uw aanvraag ontvangen" in page


def test_a_known_e_mail_address_links_the_application_to_that_partij(client, product):
    bekend = PersoonFactory(achternaam="Visser")
    EmailFactory(partij=bekend, adres="sanne@example.nl")

    client.post(url(product), aanvraag_data(product))

    assert Zaak.objects.get(hoofdzaak=None).initiator == bekend
    assert Partij.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("voornaam", "", "Vul uw voornaam in."),
        ("achternaam", "", "Vul uw achternaam in."),
        ("email", "sanne@", "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        ("postcode", "12345", "Vul een geldige postcode in, zoals 1234 AB."),
        ("huisnummer", "12a", "Vul alleen het nummer in, zoals 12."),
        ("telefoon", "bel me", "Telefoonnummer"),
        ("Kenteken", "", "Vul dit in."),
        ("Kenteken", "x" * 501, "Uw tekst is te lang: gebruik maximaal 500 tekens."),
        ("Soort", "Derde", "Kies een van de mogelijkheden."),
        ("Ingangsdatum", "31-02-2026", "Vul een geldige datum in, zoals 31-12-2026."),
        ("Aantal auto's", "twee", "Vul een heel getal in, zoals 12."),
        ("Aantal auto's", "-1", "Vul een getal van 0 of meer in."),
        ("Leaseauto?", "", "Kies ja of nee."),
    ],
)
def test_bad_input_is_refused_in_dutch_per_field_and_nothing_is_stored(
    client, product, field, value, message
):
    name = field if field.islower() else veld(product, field)

    response = client.post(url(product), aanvraag_data(product, **{name: value}))

    html = response.content.decode()
    assert response.status_code == 400
    assert escape(message) in html
    assert f'href="#id_{name}' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html or f'id="id_{name}_error"' in html
    assert not Zaak.objects.exists()
    assert not Klantcontact.objects.exists()
    assert not Partij.objects.exists()


@pytest.mark.parametrize(
    ("bestand", "message"),
    [
        (upload(EXE, "kenteken.pdf"), "Dit bestand is geen PDF, JPEG of PNG"),
        (upload(b"", "leeg.pdf"), "Het bestand is leeg."),
        ("", "Voeg dit document toe."),
    ],
)
def test_a_bad_upload_is_refused_by_its_content(client, product, bestand, message):
    response = client.post(url(product), aanvraag_data(product, document_1=bestand))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Kies uw documenten opnieuw" in response.content.decode()
    assert not ZaakDocument.objects.exists()
    assert not Zaak.objects.exists()


def test_an_upload_over_the_limit_is_refused(client, product, settings):
    settings.KCC_ZAAK_DOCUMENT_MAX_BYTES = 1024 * 1024
    groot = upload(PDF + b"0" * (1024 * 1024))

    response = client.post(url(product), aanvraag_data(product, document_1=groot))

    assert response.status_code == 400
    assert "Het bestand is groter dan 1 MB." in response.content.decode()
    assert not Zaak.objects.exists()


def test_script_in_the_fields_is_stored_and_shown_as_text(client, product, admin_client):
    script = "<script>alert('x')</script>"
    client.post(
        url(product),
        aanvraag_data(
            product, achternaam=f"Visser {script}", **{veld(product, "Kenteken"): script}
        ),
    )

    zaak = Zaak.objects.get(hoofdzaak=None)
    assert {"vraag": "Kenteken", "antwoord": script} in zaak.aanvraaggegevens
    html = admin_client.get(reverse("zaken:zaak", kwargs={"uuid": zaak.uuid})).content.decode()
    assert script not in html
    assert escape(script) in html


@pytest.mark.parametrize(
    "change",
    [
        {"aanvraagkanalen": ["balie"]},
        {"publicatiestatus": Publicatiestatus.CONCEPT},
        {"zaaktype": None},
    ],
)
def test_a_product_without_web_intake_has_no_form(client, product, change):
    for name, value in change.items():
        setattr(product, name, value)
    product.save()

    assert client.get(url(product)).status_code == 404
    assert client.post(url(product), aanvraag_data(product)).status_code == 404
    detail = client.get(reverse("producten:detail", kwargs={"uuid": product.uuid}))
    assert url(product) not in detail.content.decode()


def test_the_product_page_offers_the_form_when_web_intake_is_possible(client, product):
    html = client.get(reverse("producten:detail", kwargs={"uuid": product.uuid})).content.decode()

    assert f'href="{url(product)}"' in html
    assert "Parkeervergunning aanvragen" in html


def test_a_filled_honeypot_is_answered_like_a_success_and_stores_nothing(client, product):
    response = client.post(url(product), aanvraag_data(product, website="http://spam.example"))

    assert response.status_code == 302
    assert not Zaak.objects.exists()
    assert not Klantcontact.objects.exists()


def test_a_form_sent_too_fast_is_refused(client, product, settings):
    settings.KCC_WEBFORMULIER_MIN_SECONDS = 30

    response = client.post(url(product), aanvraag_data(product, formulier_token=old_token(1)))

    assert response.status_code == 400
    assert "erg snel verstuurd" in response.content.decode()
    assert not Zaak.objects.exists()


def test_too_many_applications_from_one_address_are_refused(client, product, settings):
    settings.KCC_WEBFORMULIER_RATE_LIMIT = 1
    client.post(url(product), aanvraag_data(product))

    response = client.post(url(product), aanvraag_data(product))

    assert response.status_code == 429
    assert Zaak.objects.filter(hoofdzaak=None).count() == 1
