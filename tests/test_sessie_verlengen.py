"""A session ends after half an hour without requests: each request renews it in Redis,
at most once a minute (kcc.sessions)."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cache import KEY_PREFIX
from django.core.cache import caches

from kcc.sessions import _RENEWED, RENEW_SECONDS


def _seconds_left(session_key: str) -> int:
    """The session's time to live as Redis keeps it."""
    cache = caches[settings.SESSION_CACHE_ALIAS]
    key = cache.make_and_validate_key(KEY_PREFIX + session_key)
    return cache._cache.get_client(key).ttl(key)


def _age_session(client, seconds: int) -> None:
    """As if the session was last renewed `seconds` ago, with that much of its time gone."""
    session = client.session
    session[_RENEWED] -= seconds
    session.save()
    cache = caches[settings.SESSION_CACHE_ALIAS]
    key = cache.make_and_validate_key(KEY_PREFIX + session.session_key)
    cache._cache.get_client(key).expire(key, settings.SESSION_COOKIE_AGE - seconds)


@pytest.fixture
def signed_in(client, agent, password):
    response = client.post("/inloggen/", {"username": agent.user.username, "password": password})
    assert response.status_code == 302
    return client


def test_the_timeout_is_half_an_hour_by_default():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.django_db
def test_signing_in_starts_the_half_hour(signed_in):
    left = _seconds_left(signed_in.session.session_key)
    assert settings.SESSION_COOKIE_AGE - 5 <= left <= settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_a_request_after_a_minute_renews_the_half_hour(signed_in):
    _age_session(signed_in, RENEW_SECONDS + 1)
    key = signed_in.session.session_key
    assert _seconds_left(key) <= settings.SESSION_COOKIE_AGE - RENEW_SECONDS

    assert signed_in.get("/klantcontact/").status_code == 200

    assert _seconds_left(key) >= settings.SESSION_COOKIE_AGE - 5


@pytest.mark.django_db
def test_requests_within_the_minute_do_not_write_the_session(signed_in):
    _age_session(signed_in, 20)
    key = signed_in.session.session_key
    renewed = signed_in.session[_RENEWED]

    for _ in range(3):
        assert signed_in.get("/klantcontact/").status_code == 200

    assert signed_in.session[_RENEWED] == renewed
    assert _seconds_left(key) <= settings.SESSION_COOKIE_AGE - 20


@pytest.mark.django_db
def test_signing_out_ends_the_session_within_the_minute(signed_in):
    _age_session(signed_in, 20)
    key = signed_in.session.session_key

    signed_in.post("/uitloggen/")
    assert signed_in.get("/klantcontact/").status_code == 302
    assert _seconds_left(key) < 0
