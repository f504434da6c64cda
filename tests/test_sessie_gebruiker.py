"""The signed-in user of a session with its medewerker: read in one query, then kept
per process until a user or medewerker changes (kcc.auth.CachedPermissionsBackend)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AfdelingFactory

# Committed for real: a change only reaches the cache through its on-commit hook.
pytestmark = pytest.mark.django_db(transaction=True)


def _user_queries(client, path: str = "/klantcontact/") -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "auth_user"' in q["sql"] or 'FROM "kcc_medewerker"' in q["sql"]
    ]


@pytest.fixture
def signed_in(client, agent, password):
    client.post("/inloggen/", {"username": agent.user.username, "password": password})
    return client


def test_the_first_page_reads_user_and_medewerker_in_one_query(signed_in):
    queries = _user_queries(signed_in)

    assert len(queries) == 1
    assert 'LEFT OUTER JOIN "kcc_medewerker"' in queries[0]


def test_the_next_pages_read_them_no_more(signed_in):
    _user_queries(signed_in)

    assert _user_queries(signed_in) == []


def test_a_deactivated_user_is_signed_out_at_once(signed_in, agent):
    _user_queries(signed_in)
    agent.user.is_active = False
    agent.user.save()

    response = signed_in.get("/klantcontact/")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_a_new_afdeling_shows_at_once(signed_in, agent):
    _user_queries(signed_in)
    agent.afdeling = AfdelingFactory(naam="Vergunningen")
    agent.save()

    response = signed_in.get("/klantcontact/")

    assert response.wsgi_request.user.medewerker.afdeling.naam == "Vergunningen"


def test_each_request_gets_its_own_user(signed_in):
    first = signed_in.get("/klantcontact/").wsgi_request.user
    first.first_name = "Veranderd in een view"

    second = signed_in.get("/klantcontact/").wsgi_request.user

    assert second is not first
    assert second.first_name != "Veranderd in een view"


def test_a_user_without_medewerker_still_signs_in(client, password):
    user = get_user_model().objects.create_superuser("zonder", "zonder@example.org", password)
    client.post("/inloggen/", {"username": user.username, "password": password})

    response = client.get("/")

    assert response.status_code == 200
    assert response.wsgi_request.user == user
