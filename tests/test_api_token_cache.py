"""The API's token login keeps each token's user and medewerker per process
(kcc/lookups.py): a known token costs no query, and a revoked token or a
deactivated user is refused by the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from kcc.api.authentication import TokenAuthentication

# Committed for real: a change only reaches the cache through its on-commit hook.
pytestmark = pytest.mark.django_db(transaction=True)

URL = "/api/v1/contactverzoeken"


@pytest.fixture
def token(agent):
    return Token.objects.create(user=agent.user)


def _get(api_client, key: str):
    return api_client.get(URL, HTTP_AUTHORIZATION=f"Token {key}")


def _token_queries(queries) -> int:
    return sum('FROM "authtoken_token"' in query["sql"] for query in queries)


def test_a_known_token_is_not_read_again(api_client, token):
    assert _get(api_client, token.key).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        assert _get(api_client, token.key).status_code == 200

    assert _token_queries(queries) == 0


def test_a_deleted_token_is_refused_by_the_next_request(api_client, token):
    assert _get(api_client, token.key).status_code == 200
    token.delete()
    assert _get(api_client, token.key).status_code == 401


def test_a_deactivated_user_is_refused_by_the_next_request(api_client, token):
    assert _get(api_client, token.key).status_code == 200
    token.user.is_active = False
    token.user.save()
    response = _get(api_client, token.key)
    assert response.status_code == 401
    assert response.json()["detail"] == "Gebruiker inactief of verwijderd."


def test_an_unknown_token_is_not_remembered(api_client, agent):
    key = "0" * 40
    assert _get(api_client, key).status_code == 401
    Token.objects.create(user=agent.user, key=key)
    assert _get(api_client, key).status_code == 200


def test_each_request_gets_its_own_user(token):
    first, _ = TokenAuthentication().authenticate_credentials(token.key)
    first.first_name = "Gewijzigd"
    first.medewerker.toestelnummer = "999"
    second, _ = TokenAuthentication().authenticate_credentials(token.key)
    assert second.first_name == token.user.first_name
    assert second.medewerker.toestelnummer != "999"
    assert second.medewerker.pk == token.user.medewerker.pk
