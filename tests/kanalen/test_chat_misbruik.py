"""The public chat start has the web forms' abuse protection: honeypot, minimum fill
time, rate limit per address."""

import pytest
from django.urls import reverse

from kanalen.forms import form_token
from kanalen.models import Chat
from tests.kanalen.conftest import old_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"


def _start(client, **overrides):
    data = {"vraag": "Hoe vraag ik een parkeervergunning aan?", "formulier_token": old_token()}
    return client.post(reverse("chat:start"), {**data, **overrides})


def test_the_start_form_carries_the_honeypot_and_a_token(client):
    html = client.get(reverse("chat:start")).content.decode()

    assert 'name="website"' in html
    assert 'class="kanalen-honeypot" aria-hidden="true"' in html
    assert 'name="formulier_token"' in html


def test_a_person_who_took_their_time_starts_a_chat(client):
    response = _start(client)

    assert response.status_code == 302
    assert Chat.objects.count() == 1


def test_a_filled_honeypot_starts_no_chat_but_looks_like_success(client, caplog):
    response = _start(client, website="http://spam.example")

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert not Chat.objects.exists()
    assert "honeypot" in caplog.text


def test_sent_too_fast_asks_to_send_again_with_a_fresh_token(client):
    token = form_token()

    response = _start(client, formulier_token=token)

    assert response.status_code == 400
    html = response.content.decode()
    assert "erg snel verstuurd" in html
    assert token not in html
    assert not Chat.objects.exists()


def test_a_forged_token_starts_no_chat(client):
    response = _start(client, formulier_token="123:abc")

    assert response.status_code == 400
    assert not Chat.objects.exists()


def test_too_many_starts_from_one_address_are_refused(client, settings):
    settings.KCC_WEBFORMULIER_RATE_LIMIT = 2
    for _ in range(2):
        assert _start(client).status_code == 302

    response = _start(client)

    assert response.status_code == 429
    assert Chat.objects.count() == 2
