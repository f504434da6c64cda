"""The public satisfaction survey: answered by keyboard, accessible, and without JavaScript."""

import pytest
from django.utils import timezone

from contacts.models import Tevredenheidsmeting
from kcc.roles import TEAMLEIDER
from tests.contacts.factories import KlantcontactFactory, TevredenheidsmetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_customer_answers_by_keyboard(page, axe_violations, tmp_path):
    meting = TevredenheidsmetingFactory()

    page.goto(f"/tevredenheid/{meting.token}")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/contacts2-tevredenheid.png", full_page=True)

    page.get_by_label("1 – zeer ontevreden").focus()
    page.keyboard.press("Space")
    for _step in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("Vriendelijk en snel geholpen")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Bedankt voor uw antwoord").wait_for()
    assert axe_violations(page) == []
    meting.refresh_from_db()
    assert (meting.score, meting.toelichting) == (4, "Vriendelijk en snel geholpen")


def test_without_javascript_errors_show_and_the_answer_is_stored(browser, live_server, tmp_path):
    meting = TevredenheidsmetingFactory()
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(f"/tevredenheid/{meting.token}")
        page.get_by_role("button", name="Versturen").click()
        assert page.get_by_text("Kies een cijfer van 1 tot en met 5.").first.is_visible()
        page.screenshot(path="/tmp/contacts2-tevredenheid-fout.png", full_page=True)

        page.get_by_label("2 – ontevreden").check()
        page.get_by_role("button", name="Versturen").click()
        page.get_by_role("heading", name="Bedankt voor uw antwoord").wait_for()
    finally:
        context.close()
    assert Tevredenheidsmeting.objects.get(pk=meting.pk).score == 2


def test_manager_reads_the_satisfaction_section_and_drills_into_the_answers(
    page, login, make_medewerker, axe_violations
):
    for kanaal, score in [("telefoon", 5), ("telefoon", 2), ("balie", 5), ("chat", None)]:
        contact = KlantcontactFactory(kanaal=kanaal, plaatsgevonden_op=timezone.now())
        TevredenheidsmetingFactory(
            klantcontact=contact,
            score=score,
            toelichting="Goed geholpen" if score == 5 else "",
            beantwoord_op=timezone.now() if score else None,
        )
    manager = make_medewerker(TEAMLEIDER)

    login(manager.user.username)
    page.goto("/dashboard/?periode=vandaag")
    page.get_by_role("heading", name="Klanttevredenheid").wait_for()
    page.locator("section[aria-labelledby=sectie-tevredenheid]").screenshot(
        path="/tmp/contacts2-dashboard-tevredenheid.png"
    )
    assert axe_violations(page) == []

    verdeling = page.get_by_role("table", name="Verdeling van de scores")
    rij = verdeling.locator("tbody tr").nth(4)
    assert rij.locator("td").first.inner_text() == "2"
    rij.locator("td").first.get_by_role("link").click()

    page.get_by_role("heading", level=1, name="Antwoorden tevredenheidsonderzoek").wait_for()
    page.get_by_text("2 resultaten").wait_for()
    assert page.get_by_role("cell", name="Goed geholpen").count() == 2
    page.screenshot(path="/tmp/contacts2-tevredenheid-lijst.png", full_page=True)
    assert axe_violations(page) == []
