"""Done-when of issue 8 (items 1 and 2): the counter flow and the CTI screen-pop."""

import re

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from contacts.models import DigitaalAdres, Kanaal, Klantcontact
from kanalen.models import Ticket
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.kanalen.factories import (
    PLATFORM_TOKEN,
    BalieFactory,
    BalieLocatieFactory,
    ProductgroepFactory,
    TelefonieKoppelingFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kiosk_ticket_called_registered_and_shown_on_the_display(
    page, browser, live_server, login, make_medewerker, axe_violations
):
    locatie = BalieLocatieFactory(slug="stadhuis", naam="Stadhuis")
    ProductgroepFactory(locatie=locatie, naam="Burgerzaken", letter="B")
    ProductgroepFactory(locatie=locatie, naam="Belastingen", letter="T", vaardigheid="belastingen")
    for nummer in range(1, 5):
        BalieFactory(locatie=locatie, nummer=nummer)
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, vaardigheden=["burgerzaken"])

    publiek = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    kiosk = publiek.new_page()
    kiosk.goto("/balie/kiosk/stadhuis/")
    assert axe_violations(kiosk) == []
    kiosk.get_by_role("button", name="Burgerzaken").click()
    expect(kiosk.locator("#ticket-nummer")).to_have_text("B001")
    assert axe_violations(kiosk) == []

    scherm = publiek.new_page()
    scherm.goto("/balie/scherm/stadhuis/")
    expect(scherm.get_by_text("Nog geen oproepen")).to_be_visible()
    assert axe_violations(scherm) == []

    login(agent.user.username)
    page.goto("/balie/")
    page.get_by_label("Uw balie").select_option(label="Stadhuis, balie 3")
    page.get_by_role("button", name="Aan deze balie gaan zitten").click()
    page.get_by_role("button", name="Volgende klant").click()
    expect(page.locator("#huidig-ticket")).to_have_text("B001")
    assert axe_violations(page) == []

    # The display polls: the called ticket appears with its desk.
    rij = scherm.locator('[data-ticket="B001"]')
    expect(rij).to_be_visible()
    expect(rij).to_contain_text("3")

    page.get_by_role("button", name="Klant is er").click()
    page.get_by_label("Vraag van de klant").fill("Wil een nieuw paspoort aanvragen")
    page.get_by_label("Antwoord of notitie").fill(
        "Afspraak gemaakt voor de foto en vingerafdrukken"
    )
    page.get_by_role("button", name="Afronden").click()
    expect(page.get_by_text("Ticket B001 is afgerond")).to_be_visible()

    ticket = Ticket.objects.get()
    assert ticket.status == Ticket.Status.AFGEHANDELD
    contact = Klantcontact.objects.get()
    assert (contact.kanaal, ticket.klantcontact) == (Kanaal.BALIE, contact)
    expect(scherm.locator('[data-ticket="B001"]')).to_contain_text("3")
    publiek.close()


def test_ringing_event_pops_the_callers_klantbeeld_in_the_agents_browser(
    page, login, make_medewerker, axe_violations
):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, toestelnummer="2041")
    partij = PersoonFactory(voornaam="Sanne", achternaam="Visser")
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.TELEFOON, adres="+31612345678"
    )
    TelefonieKoppelingFactory()
    login(agent.user.username)
    page.goto("/klantcontact/")
    expect(page.locator("html[data-screenpop='verbonden']")).to_be_attached()

    platform = APIClient()
    platform.credentials(HTTP_AUTHORIZATION=f"Bearer {PLATFORM_TOKEN}")
    response = platform.post(
        "/api/v1/telefonie/gesprekken",
        {"extern_id": "c-1", "event": "ringing", "beller": "0612345678", "toestelnummer": "2041"},
        format="json",
    )
    assert response.status_code == 201

    pop = page.get_by_role("alert").filter(has_text="Inkomend gesprek van")
    expect(pop).to_contain_text("Sanne Visser")
    assert axe_violations(page) == []
    pop.get_by_role("link", name="Open klantbeeld").click()
    expect(page).to_have_url(re.compile(f"/klantcontact/partij/{partij.uuid}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Visser")
