"""A behandelaar sees the counter of unread meldingen in the header, opens the page and
marks them read by keyboard; the counter follows."""

import re

import pytest

from kcc.models import Notificatie
from tests.factories import MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _melding(user, tekst):
    return Notificatie.objects.create(ontvanger=user, tekst=tekst, link="/zaken/")


def test_meldingen_counter_and_page_by_keyboard(page, login, axe_violations):
    medewerker = MedewerkerFactory(user__username="behandelaar", user__last_name="D'Ancona")
    _melding(medewerker.user, "Termijn verlopen: zaak ZAAK-2027-0000001 Paspoort (D'Ancona)")
    _melding(medewerker.user, "Termijn bijna verstreken: contactverzoek Terugbellen")
    _melding(MedewerkerFactory().user, "Niet voor deze medewerker")

    login("behandelaar")
    teller = page.locator("#kcc-meldingen-teller")
    assert teller.inner_text().split() == ["Meldingen", "2", "ongelezen"]
    assert axe_violations(page) == []

    teller.click()
    page.get_by_role("heading", level=1, name="Meldingen").wait_for()
    lijst = page.locator(".kcc-meldingen-lijst")
    assert lijst.locator("li").count() == 2
    assert "zaak ZAAK-2027-0000001 Paspoort (D'Ancona)" in lijst.inner_text()
    assert "Niet voor deze medewerker" not in page.content()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/sla-meldingen.png", full_page=True)

    # Keyboard: focus the first "Gelezen" button and press Enter; focus moves on to the
    # next unread one, which Enter marks read too.
    page.get_by_role("button", name=re.compile(r"^Gelezen\W+Termijn bijna")).focus()
    page.keyboard.press("Enter")
    page.locator("#kcc-meldingen-teller").get_by_text("1", exact=True).wait_for()
    # htmx moves the focus after the swap has settled: wait for it, do not race it.
    page.wait_for_function(
        "() => /^Gelezen\\W+Termijn verlopen/.test(document.activeElement.textContent)"
    )
    page.keyboard.press("Enter")
    page.locator("#kcc-meldingen-teller .kcc-meldingen__teller").wait_for(state="detached")
    assert page.locator(".kcc-melding--ongelezen").count() == 0
    page.get_by_role("heading", level=1, name="Meldingen").wait_for()
    assert Notificatie.objects.filter(ontvanger=medewerker.user, gelezen=False).count() == 0
    assert axe_violations(page) == []

    # Opt in to the daily e-mail, by keyboard.
    page.get_by_label("Stuur mij elke ochtend een e-mail met mijn ongelezen meldingen").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("U krijgt elke ochtend een overzicht per e-mail.").wait_for()
    medewerker.refresh_from_db()
    assert medewerker.sla_dagoverzicht
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/sla-meldingen-gelezen.png", full_page=True)
