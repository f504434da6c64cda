"""Done-when of issue 4: from search to a contactverzoek in the backoffice work list."""

import pytest
from django.core.management import call_command

from contacts.models import Contactverzoek, Klantcontact, Partij
from kcc.models import AuditLogEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def password():
    return "demo"


@pytest.fixture
def demo():
    call_command("demo_data")


def test_agent_registers_a_phone_contact_and_backoffice_sees_the_callback(
    page, login, demo, axe_violations, browser, live_server
):
    persoon = Partij.objects.get(achternaam="Jansen", voornaam="Jan")
    adres = persoon.adressen.get()
    login("agent")
    page.goto("/klantcontact/")
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type(f"{adres.postcode.replace(' ', '')} {adres.huisnummer}")
    result = page.get_by_role("link", name="Jan Jansen")
    result.wait_for()
    assert axe_violations(page) == []
    result.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Jan Jansen").wait_for()

    page.locator("#id_vragen-0-onderwerp").fill("Paspoort")
    page.locator("#id_vragen-0-vraag").fill("Hoe lang is mijn paspoort geldig?")
    page.locator("#id_vragen-0-antwoord").fill("Tien jaar.")
    page.get_by_role("button", name="+ vraag").press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_vragen-1-product"
    page.locator("#id_vragen-1-onderwerp").fill("Verhuizing")
    page.locator("#id_vragen-1-vraag").fill("Is mijn verhuizing al verwerkt?")
    assert page.locator("#id_vragen-1-cv_afdeling").is_hidden()
    page.locator("#id_vragen-1-afhandeling").select_option("terugbelverzoek")
    page.locator("#id_vragen-1-cv_afdeling").select_option(label="Burgerzaken")
    page.locator("#id_vragen-1-cv_toelichting").fill("Klant belt over adreswijziging.")
    assert axe_violations(page) == []
    page.locator("#id_vragen-1-cv_toelichting").press("Control+Enter")
    page.get_by_text("Het contact is geregistreerd.").wait_for()

    klantcontact = Klantcontact.objects.filter(partij=persoon).latest("plaatsgevonden_op")
    assert klantcontact.kanaal == "telefoon"
    assert list(klantcontact.vragen.values_list("afhandeling", flat=True)) == [
        "direct_beantwoord",
        "terugbelverzoek",
    ]
    verzoek = Contactverzoek.objects.get(klantcontact=klantcontact)
    assert verzoek.afdeling.code == "burgerzaken"
    assert AuditLogEntry.objects.filter(
        partij_uuid=persoon.uuid, actie="view", gebruikersnaam="agent"
    ).exists()

    backoffice = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    other = backoffice.new_page()
    other.goto("/inloggen/")
    other.get_by_label("Gebruikersnaam").fill("backoffice")
    other.get_by_label("Wachtwoord").fill("demo")
    other.get_by_role("button", name="Inloggen").click()
    other.wait_for_url(lambda url: "/inloggen/" not in url)
    other.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Contactverzoeken"
    ).click()
    # The list is paged by deadline: the backoffice finds the new request by its customer.
    other.get_by_label("Zoek op klant of gevraagde handeling").fill("Jan Jansen")
    other.get_by_role("button", name="Zoeken").click()
    row = other.get_by_role("row").filter(has_text="Klant belt over adreswijziging.")
    assert "Jan Jansen" in row.inner_text()
    assert axe_violations(other) == []
    row.get_by_role("button", name="Oppakken").click()
    other.get_by_text("U heeft het contactverzoek opgepakt.").wait_for()
    verzoek.refresh_from_db()
    assert verzoek.status == "in_behandeling"
    backoffice.close()


def test_bad_input_keeps_everything_and_focuses_the_error(page, login, demo, axe_violations):
    # The demo already holds anonymous contacts (the dashboard's volume): none may be added.
    anonymous_before = Klantcontact.objects.filter(partij=None).count()
    login("agent")
    page.goto("/klantcontact/anoniem/")
    page.locator("#id_vragen-0-onderwerp").fill("Afval")
    page.locator("#id_vragen-0-onderwerp").press("Control+Enter")
    page.get_by_text("Het contact is niet opgeslagen.", exact=False).wait_for()
    assert page.evaluate("document.activeElement.id") == "id_vragen-0-vraag"
    assert page.locator("#id_vragen-0-onderwerp").input_value() == "Afval"
    assert axe_violations(page) == []
    assert Klantcontact.objects.filter(partij=None).count() == anonymous_before
