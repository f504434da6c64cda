"""The beheerder finds a parked bericht, tries it again by keyboard, and edits a
berichtsjabloon with the live preview."""

import os

import pytest

from kcc.berichtsjablonen import default_text
from kcc.models import Bericht, BerichtSjabloon
from tests.factories import BerichtFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("KCC_SCREENSHOTS")


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_beheerder_retries_a_parked_bericht_by_keyboard(page, login, beheerder, axe_violations):
    BerichtFactory(ontvanger="j.jansen@example.nl", status="verstuurd", pogingen=1)
    BerichtFactory(ontvanger="p.pietersen@example.nl", pogingen=2, laatste_fout="Time-out")
    parked = BerichtFactory(
        ontvanger="niemand@onbekend.example",
        status="mislukt",
        pogingen=5,
        laatste_fout="Ontvanger geweigerd: 550 5.1.1 Ontvanger onbekend",
    )

    login(beheerder.user.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Berichten").click()
    page.get_by_role("heading", level=1, name="Uitgaande berichten").wait_for()
    assert axe_violations(page) == []
    screenshot(page, "berichten")

    page.get_by_label("Status").select_option("mislukt")
    page.wait_for_url("**fase=mislukt**")
    page.get_by_text("3 berichten").wait_for(state="detached")
    rows = page.locator("#berichten-lijst tbody tr")
    assert rows.count() == 1
    assert "550 5.1.1 Ontvanger onbekend" in rows.inner_text()

    page.get_by_role(
        "button", name="Opnieuw proberen: bericht aan niemand@onbekend.example"
    ).focus()
    page.keyboard.press("Enter")
    page.get_by_text("Het bericht aan niemand@onbekend.example wordt opnieuw verstuurd.").wait_for()
    assert "fase=mislukt" in page.url
    parked.refresh_from_db()
    assert parked.status == Bericht.Status.TE_VERSTUREN
    assert axe_violations(page) == []
    screenshot(page, "berichten-opnieuw")


def test_beheerder_sees_the_live_preview_of_a_template(page, login, beheerder):
    onderwerp, inhoud = default_text("zaak_status", "email")
    sjabloon = BerichtSjabloon.objects.create(
        code="zaak_status", kanaal="email", onderwerp=onderwerp, inhoud=inhoud
    )

    login(beheerder.user.username)
    page.goto(f"/admin/kcc/berichtsjabloon/{sjabloon.pk}/change/")
    preview = page.locator("#sjabloon-voorbeeld-inhoud")
    assert "Beste J. de Vries" in preview.inner_text()

    page.locator("#id_inhoud").fill("Goedendag {{ naam }}, zaak {{ zaaknummer }}.")
    page.get_by_text("Goedendag J. de Vries, zaak ZAAK-2026-0000123.").wait_for()

    page.locator("#id_inhoud").fill("Goedendag {{ voornaam }}")
    page.get_by_text("Onbekende variabele {{ voornaam }}", exact=False).first.wait_for()
    screenshot(page, "sjabloon")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_text("Onbekende variabele {{ voornaam }}", exact=False).first.wait_for()
    sjabloon.refresh_from_db()
    assert sjabloon.inhoud == inhoud


def test_the_agent_sees_why_a_customer_heard_nothing(page, login, agent, axe_violations):
    from tests.contacts.factories import PersoonFactory

    partij = PersoonFactory(achternaam="D'Hondt")
    BerichtFactory(
        partij_uuid=partij.uuid,
        kanaal=Bericht.Kanaal.SMS,
        ontvanger="06-1234",
        onderwerp="",
        inhoud="Gemeente Voorbeeld: uw aanvraag is in behandeling genomen.",
        status="mislukt",
        laatste_fout="Geen geldig mobiel nummer voor sms: 06-1234",
    )

    login(agent.user.username)
    page.goto(f"/klantcontact/partij/{partij.uuid}/")
    section = page.get_by_role("region", name="Niet bezorgde berichten")
    assert "Geen geldig mobiel nummer voor sms: 06-1234" in section.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "klantbeeld-niet-bezorgd")
