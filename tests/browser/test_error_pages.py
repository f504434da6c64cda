import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dutch_404_page_is_accessible_and_leads_home_by_keyboard(page, axe_violations):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Naar de startpagina").focus()
    assert page.evaluate("document.activeElement.textContent") == "Naar de startpagina"
    page.keyboard.press("Enter")
    page.wait_for_url("**/inloggen/**")
