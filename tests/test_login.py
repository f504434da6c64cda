import pytest
from django.conf import settings
from django.utils.html import escape

from kcc import roles


@pytest.mark.django_db
def test_login_page_is_dutch(client):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="nl"' in content
    assert "Gebruikersnaam" in content and "Wachtwoord" in content


@pytest.mark.django_db
def test_wrong_password_gets_a_dutch_message(client, agent):
    response = client.post(
        "/inloggen/", {"username": agent.user.username, "password": "fout-wachtwoord"}
    )
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, agent, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/inloggen/", {"username": agent.user.username, "password": "fout"})
    response = client.post("/inloggen/", {"username": agent.user.username, "password": password})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_right_password_logs_in_and_shows_the_home(client, agent, password):
    response = client.post(
        "/inloggen/", {"username": agent.user.username, "password": password}, follow=True
    )
    assert response.status_code == 200
    assert f"Welkom, {escape(agent.user.get_full_name())}" in response.content.decode()


@pytest.mark.django_db
def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.django_db
def test_navigation_follows_the_role(client, make_medewerker):
    beheerder = make_medewerker(roles.BEHEERDER, user__is_staff=True)
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    client.force_login(beheerder.user)
    assert 'href="/admin/"' in client.get("/").content.decode()
    client.force_login(agent.user)
    assert 'href="/admin/"' not in client.get("/").content.decode()
