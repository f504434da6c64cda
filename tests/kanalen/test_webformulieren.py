"""The public web forms: klantcontact + contactverzoek, confirmation, abuse protection."""

import pytest
from django.urls import reverse

from catalogus.models import Publicatiestatus
from contacts.models import Afhandeling, Contactverzoek, Kanaal, Klantcontact
from kanalen.forms import form_token
from kanalen.models import Webformulier
from kcc.calendar import deadline_for
from kcc.models import Bericht, Eenheid, Servicenorm
from tests.contacts.factories import ProductFactory
from tests.factories import AfdelingFactory
from tests.kanalen.conftest import old_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kcc_afdeling():
    return AfdelingFactory(naam="KCC", code="kcc")


def vraag_data(**overrides):
    return {
        "naam": "Sanne Visser",
        "email": "sanne@example.nl",
        "telefoon": "",
        "product": "",
        "vraag": "Wanneer wordt het grofvuil opgehaald?",
        "website": "",
        "formulier_token": old_token(),
        **overrides,
    }


def terugbel_data(**overrides):
    return {
        "naam": "Sanne Visser",
        "telefoon": "06 12345678",
        "tijdvak": "ochtend",
        "email": "",
        "vraag": "Over mijn aanvraag",
        "website": "",
        "formulier_token": old_token(),
        **overrides,
    }


def test_the_forms_need_no_login_and_show_no_staff_navigation(client):
    for name in ("formulieren:index", "formulieren:vraag", "formulieren:terugbellen"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Hoofdmenu" not in response.content.decode()


def test_only_published_products_are_offered(client):
    ProductFactory(naam="Paspoort", publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    ProductFactory(naam="Geheim concept", publicatiestatus=Publicatiestatus.CONCEPT)

    html = client.get(reverse("formulieren:vraag")).content.decode()

    assert "Paspoort" in html
    assert "Geheim concept" not in html


def test_a_question_about_a_product_goes_to_its_afdeling_with_the_webformulier_norm(client):
    burgerzaken = AfdelingFactory(naam="Burgerzaken", code="burgerzaken")
    product = ProductFactory(
        naam="Paspoort",
        behandelende_afdeling=burgerzaken,
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )
    Servicenorm.objects.create(
        kanaal=Servicenorm.Kanaal.WEBFORMULIER,
        termijn=3,
        eenheid=Eenheid.WERKDAGEN,
        omschrijving="Webformulier binnen 3 werkdagen",
    )

    response = client.post(reverse("formulieren:vraag"), vraag_data(product=product.uuid))

    assert response.status_code == 302
    inzending = Webformulier.objects.get()
    contact = inzending.klantcontact
    assert contact.kanaal == Kanaal.WEBFORMULIER
    assert contact.medewerker is None
    vraag = contact.vragen.get()
    assert vraag.product == product
    assert vraag.vraag == "Wanneer wordt het grofvuil opgehaald?"
    verzoek = Contactverzoek.objects.get()
    assert verzoek.afdeling == burgerzaken
    assert verzoek.email == "sanne@example.nl"
    assert verzoek.deadline == deadline_for(
        contact.plaatsgevonden_op, amount=3, unit=Eenheid.WERKDAGEN
    )
    confirmation = client.get(response.url).content.decode()
    assert inzending.referentie in confirmation
    mail = Bericht.objects.get(aanleiding__startswith="Bevestiging webformulier")
    assert mail.ontvanger == "sanne@example.nl"
    assert inzending.referentie in mail.onderwerp


def test_a_callback_request_goes_to_the_kcc_with_number_and_time_window(client, kcc_afdeling):
    response = client.post(reverse("formulieren:terugbellen"), terugbel_data())

    assert response.status_code == 302
    verzoek = Contactverzoek.objects.get()
    assert verzoek.afdeling == kcc_afdeling
    assert verzoek.terugbelnummer == "+31612345678"
    assert "ochtend" in verzoek.gevraagde_handeling
    assert verzoek.klantcontact.afhandeling == Afhandeling.TERUGBELVERZOEK
    assert not Bericht.objects.exists()  # no e-mail address, no confirmation mail


def test_script_in_a_field_is_stored_as_text(client):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(reverse("formulieren:vraag"), vraag_data(naam=script, vraag=script))

    vraag = Klantcontact.objects.get().vragen.get()
    assert vraag.vraag == script


def test_a_filled_honeypot_stores_nothing_but_looks_like_success(client, caplog):
    response = client.post(reverse("formulieren:vraag"), vraag_data(website="http://spam.example"))

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert not Klantcontact.objects.exists()
    assert not Bericht.objects.exists()
    assert "honeypot" in caplog.text


def test_sent_too_fast_asks_to_send_again(client):
    response = client.post(reverse("formulieren:vraag"), vraag_data(formulier_token=form_token()))

    assert response.status_code == 400
    assert "erg snel verstuurd" in response.content.decode()
    assert not Klantcontact.objects.exists()


def test_a_forged_token_is_refused(client):
    response = client.post(reverse("formulieren:vraag"), vraag_data(formulier_token="123:abc"))

    assert response.status_code == 400
    assert not Klantcontact.objects.exists()


def test_errors_are_summarised_at_the_top_with_links_to_the_fields(client):
    response = client.post(
        reverse("formulieren:vraag"), vraag_data(naam="", email="geen-adres", vraag="x" * 5001)
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_naam">Naam: Vul uw naam in.' in html
    assert 'href="#id_email"' in html
    assert "Uw vraag is te lang" in html
    assert html.index("Controleer het formulier") < html.index('for="id_naam"')


def test_too_many_submissions_from_one_address_are_refused(client, settings):
    settings.KCC_WEBFORMULIER_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(reverse("formulieren:terugbellen"), terugbel_data()).status_code == 302

    response = client.post(reverse("formulieren:terugbellen"), terugbel_data())

    assert response.status_code == 429
    assert Klantcontact.objects.count() == 2
