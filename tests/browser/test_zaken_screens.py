"""The zaak screens pass axe and every action works from the keyboard."""

import pytest
from django.core.management import call_command

from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def password():
    return "demo"


@pytest.fixture
def evenement():
    call_command("demo_data")
    return Zaak.objects.get(product__upl_naam="evenementenvergunning")


def test_werkvoorraad_and_zaak_detail_by_keyboard(page, login, evenement, axe_violations):
    login("vergunningen")
    page.goto("/zaken/")
    assert page.evaluate("document.activeElement.id") == "filter-zaaktype"
    assert axe_violations(page) == []

    page.get_by_role("link", name=evenement.identificatie).focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=evenement.identificatie).wait_for()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Oppakken").focus()
    page.keyboard.press("Enter")
    page.get_by_text("U heeft de zaak opgepakt.").wait_for()

    page.get_by_label("Nieuwe status").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("Toelichting").focus()
    page.keyboard.type("Advies gevraagd aan de hulpdiensten.")
    page.get_by_role("button", name="Status zetten").focus()
    page.keyboard.press("Enter")
    page.get_by_text("De status is gezet.").wait_for()

    page.get_by_label("Tekst van de notitie").focus()
    page.keyboard.type("Organisator gebeld over de route.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("De notitie is toegevoegd.").wait_for()
    assert axe_violations(page) == []

    evenement.refresh_from_db()
    assert evenement.behandelaar.user.username == "vergunningen"
    assert evenement.status.statustype.volgnummer == 2
    assert evenement.notities.filter(tekst="Organisator gebeld over de route.").exists()


def test_a_refused_action_shows_an_accessible_error(page, login, evenement, axe_violations):
    login("vergunningen")
    page.goto(f"/zaken/{evenement.uuid}/")
    page.get_by_role("button", name="Opschorten").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Niet opgeslagen: verbeter de gemarkeerde velden.").wait_for()
    assert axe_violations(page) == []
    evenement.refresh_from_db()
    assert not evenement.opschorting_indicatie


def test_regie_for_the_teamleider(page, login, evenement, axe_violations):
    login("manager")
    page.goto("/zaken/")
    page.get_by_role("link", name="Regie op samengestelde aanvragen").click()
    row = page.get_by_role("row").filter(has_text=evenement.identificatie)
    assert "0 / 1" in row.inner_text()
    assert "Openbare Ruimte" in row.inner_text()
    assert axe_violations(page) == []


def test_public_status_page(page, evenement, axe_violations):
    page.goto(f"/zaak/{evenement.status_token}")
    page.get_by_role("heading", level=1, name="Uw aanvraag: Evenementenvergunning").wait_for()
    assert "Wij hebben uw aanvraag ontvangen." in page.inner_text("main")
    assert axe_violations(page) == []


def test_klantbeeld_lists_the_zaken(page, login, evenement, axe_violations):
    login("agent")
    page.goto(f"/klantcontact/partij/{evenement.initiator.uuid}/")
    zaken = page.get_by_role("region", name="Zaken")
    assert evenement.identificatie in zaken.inner_text()
    assert axe_violations(page) == []
