import pytest

from kcc import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_redacteur_adds_a_product_and_the_agent_finds_it_despite_a_typo(
    page, login, make_medewerker, agent, axe_violations
):
    redacteur = make_medewerker(roles.REDACTEUR, user__is_staff=True)
    login(redacteur.user.username)
    page.goto("/admin/catalogus/product/add/")
    page.get_by_label("Naam:").fill("Gehandicaptenparkeerkaart")
    page.get_by_label("Samenvatting:").fill("Parkeren dicht bij de bestemming.")
    page.get_by_label("Publicatiestatus:").select_option("gepubliceerd")
    page.get_by_label("Servicenorm:").fill("Binnen 8 weken een besluit")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/catalogus/product/")

    page.context.clear_cookies()
    login(agent.user.username)
    page.goto("/kennisbank/")
    assert page.evaluate("document.activeElement.id") == "kb-q"
    page.keyboard.type("gehandicapte parkeerkaar")
    result = page.get_by_role("link", name="Gehandicaptenparkeerkaart")
    result.wait_for()
    assert axe_violations(page) == []
    result.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Gehandicaptenparkeerkaart").wait_for()
    assert "Binnen 8 weken een besluit" in page.content()
    assert axe_violations(page) == []


def test_the_agent_reads_important_news_from_the_home_page_and_the_counter_drops(
    page, login, agent, axe_violations
):
    from catalogus.models import Kennisartikel
    from tests.catalogus.factories import KennisartikelFactory

    KennisartikelFactory(
        type=Kennisartikel.Type.NIEUWS,
        titel="Storing bij DigiD",
        samenvatting="Verwijs bellers naar de balie.",
        belangrijk=True,
    )
    login(agent.user.username)
    page.goto("/")
    teller = page.locator("#nieuws-teller")
    assert teller.inner_text() == "1 belangrijk, ongelezen"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Storing bij DigiD").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Storing bij DigiD").wait_for()
    page.goto("/")
    assert teller.count() == 0
    page.goto("/kennisbank/nieuws/")
    assert axe_violations(page) == []


def test_a_citizen_finds_a_product_on_the_public_pages_by_keyboard(page, axe_violations):
    from tests.catalogus.factories import ProductFactory

    product = ProductFactory(
        naam="Parkeervergunning", samenvatting="Parkeren in uw eigen wijk.", aanvraagkanalen=["web"]
    )
    product.kosten.create(bedrag="55.00", omschrijving="Per jaar")
    page.goto("/producten/")
    assert axe_violations(page) == []
    page.get_by_label("Waar bent u naar op zoek?").fill("parkeren")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Parkeervergunning").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Parkeervergunning").wait_for()
    assert "€ 55,00" in page.content()
    assert axe_violations(page) == []
