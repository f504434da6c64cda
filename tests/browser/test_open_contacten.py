"""Two contacts open at once: the agent starts contact A, a colleague's question comes in
(contact B), the agent switches back to A by keyboard, and both are saved with what was
typed — also after a reload."""

import pytest

from contacts.models import Klantcontact, KlantcontactConcept
from kcc.roles import KLANTCONTACTMEDEWERKER
from tests.contacts.factories import PersoonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_until_kept(page, text: str) -> None:
    """The autosave has stored the text (the URL then names the open contact)."""
    page.wait_for_url("**concept=**")
    page.wait_for_function(
        "text => fetch(location.href).then(r => r.text()).then(html => html.includes(text))",
        arg=text,
    )


def test_switch_between_two_open_contacts_without_losing_anything(
    page, login, make_medewerker, axe_violations
):
    a = PersoonFactory(voornaam="Pieternella", achternaam="Oosterwijk")
    b = PersoonFactory(voornaam="Gerrit", achternaam="Zandvliet")
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    login(agent.user.username)

    page.goto(f"/klantcontact/partij/{a.uuid}/")
    page.locator("#id_vragen-0-onderwerp").fill("Paspoort")
    page.locator("#id_vragen-0-vraag").fill("Hoe lang is mijn paspoort geldig?")
    page.locator("#id_vragen-0-antwoord").fill("Tien jaar.")
    _wait_until_kept(page, "Tien jaar.")

    # A colleague asks something: start contact B while A waits.
    page.keyboard.press("Alt+Shift+N")
    page.get_by_role("heading", level=1, name="Klantcontact").wait_for()
    switcher = page.get_by_role("navigation", name="Open contacten")
    assert switcher.get_by_role("link", name="Pieternella Oosterwijk").is_visible()
    page.locator("#id_q").fill("Zandvliet")
    page.get_by_role("link", name="Gerrit Zandvliet").press("Enter")
    page.get_by_role("heading", level=1, name="Gerrit Zandvliet").wait_for()
    page.locator("#id_kanaal").select_option("balie")
    page.locator("#id_vragen-0-onderwerp").fill("Afvalpas")
    page.locator("#id_vragen-0-vraag").fill("Waar haal ik een nieuwe afvalpas?")
    page.screenshot(path="/tmp/contacts2-open-contacten.png", full_page=True)
    assert axe_violations(page) == []

    # Back to A by keyboard, before B's autosave had time: switching saves first.
    page.keyboard.press("Alt+PageUp")
    page.get_by_role("heading", level=1, name="Pieternella Oosterwijk").wait_for()
    assert page.locator("#id_vragen-0-vraag").input_value() == "Hoe lang is mijn paspoort geldig?"
    page.reload()
    assert page.locator("#id_vragen-0-antwoord").input_value() == "Tien jaar."
    assert KlantcontactConcept.objects.count() == 2
    page.locator("#id_vragen-0-antwoord").press("Control+Enter")
    page.get_by_text("Het contact is geregistreerd.").wait_for()

    # B is still open, with what was typed.
    switcher = page.get_by_role("navigation", name="Open contacten")
    switcher.get_by_role("link", name="Gerrit Zandvliet").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Gerrit Zandvliet").wait_for()
    assert page.locator("#id_kanaal").input_value() == "balie"
    assert page.locator("#id_vragen-0-vraag").input_value() == "Waar haal ik een nieuwe afvalpas?"
    page.locator("#id_vragen-0-antwoord").fill("Bij de balie in het stadhuis.")
    page.locator("#id_vragen-0-antwoord").press("Control+Enter")
    page.get_by_text("Het contact is geregistreerd.").wait_for()

    contact_a = Klantcontact.objects.get(partij=a)
    contact_b = Klantcontact.objects.get(partij=b)
    assert contact_a.vragen.get().antwoord == "Tien jaar."
    assert (contact_b.kanaal, contact_b.vragen.get().antwoord) == (
        "balie",
        "Bij de balie in het stadhuis.",
    )
    assert not KlantcontactConcept.objects.exists()
