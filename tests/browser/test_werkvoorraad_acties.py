"""The teamleider reassigns zaken in bulk and a behandelaar takes one on, by keyboard,
with the werkvoorraad swapped in place (htmx) and passing axe."""

import os

import pytest
from django.core.management import call_command

from contacts.models import Contactverzoek
from kcc import roles
from kcc.models import Afdeling
from tests.factories import MedewerkerFactory
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("KCC_SCREENSHOTS")


@pytest.fixture
def password():
    return "demo"


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_teamleider_bulk_reassigns_and_backoffice_claims(page, login, axe_violations):
    call_command("demo_data")
    burgerzaken = Afdeling.objects.get(code="burgerzaken")
    sanne = MedewerkerFactory(
        afdeling=burgerzaken,
        user__roles=[roles.BACKOFFICE],
        user__first_name="Sanne",
        user__last_name="van 't Hof",
    )
    open_zaken = Zaak.objects.filter(behandelende_afdeling=burgerzaken, einddatum__isnull=True)
    eerste, tweede = open_zaken.exclude(behandelaar=None).order_by(
        "uiterlijke_einddatum_afdoening", "pk"
    )[:2]
    vrij = open_zaken.get(behandelaar=None)

    login("manager")
    page.goto("/zaken/")
    page.get_by_label("Afdeling", exact=True).select_option(label="Burgerzaken")
    page.get_by_label(f"Selecteer {eerste.identificatie}").wait_for()
    for zaak in (eerste, tweede):
        page.get_by_label(f"Selecteer {zaak.identificatie}").focus()
        page.keyboard.press("Space")
    page.get_by_label("Geselecteerde zaken toewijzen aan").select_option(str(sanne.uuid))
    page.get_by_role("button", name="Toewijzen").focus()
    page.keyboard.press("Enter")
    page.get_by_text(f"2 zaken toegewezen aan {sanne}.").wait_for()
    assert "afdeling=burgerzaken" in page.url  # swapped in place: the list stayed
    _shot(page, "werkvoorraad-bulk")
    assert axe_violations(page) == []
    assert set(Zaak.objects.filter(behandelaar=sanne)) == {eerste, tweede}

    page.context.clear_cookies()
    login("backoffice")
    page.goto("/zaken/")
    row = page.get_by_role("row").filter(has_text=vrij.identificatie)
    row.get_by_role("button", name="Oppakken").focus()
    page.keyboard.press("Enter")
    page.get_by_text("U heeft de zaak opgepakt.").wait_for()
    _shot(page, "werkvoorraad-oppakken")
    assert axe_violations(page) == []
    vrij.refresh_from_db()
    assert vrij.behandelaar.user.username == "backoffice"

    # A contactverzoek that is not for Burgerzaken goes back to the KCC, with the reason.
    verzoeken = page.locator("#cv-titel + ul > li")
    bij_burgerzaken = Contactverzoek.objects.filter(afdeling__code="burgerzaken")
    aantal = bij_burgerzaken.count()
    verzoeken.first.locator("summary").focus()
    page.keyboard.press("Enter")
    verzoeken.first.get_by_label("Waarom gaat het contactverzoek terug naar het KCC?").focus()
    page.keyboard.type("Klant vraagt naar de afvalinzameling.")
    page.keyboard.press("Tab")
    _shot(page, "werkvoorraad-contactverzoek-terug")
    page.keyboard.press("Enter")
    page.get_by_text("Het contactverzoek is teruggegeven aan het KCC.").wait_for()
    # The list shows at most 20; the afdeling has one contactverzoek less.
    assert bij_burgerzaken.count() == aantal - 1
    assert axe_violations(page) == []
