import pytest

from kcc import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agent_logs_in_and_sees_the_kcc_home(page, login, agent):
    login(agent.user.username)
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == f"Welkom, {agent.user.get_full_name()}"
    assert page.get_by_role("link", name="Naar de inhoud").count() == 1


def test_login_page_has_no_serious_accessibility_violations(page, axe_violations):
    page.goto("/inloggen/")
    assert axe_violations(page) == []


def test_wrong_password_shows_an_accessible_dutch_error(page, axe_violations, agent):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(agent.user.username)
    page.get_by_label("Wachtwoord").fill("fout")
    page.keyboard.press("Enter")
    assert "onjuist" in page.locator("#login-error").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_home_of_each_role_has_no_serious_accessibility_violations(
    page, login, make_medewerker, axe_violations, role
):
    medewerker = make_medewerker(role, user__is_staff=role in (roles.BEHEERDER, roles.REDACTEUR))
    login(medewerker.user.username)
    assert axe_violations(page) == []


def test_keyboard_user_reaches_the_content_through_the_skip_link(page, login, agent):
    login(agent.user.username)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
