"""The signed-in user of a session is read with its medewerker in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _user_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "auth_user"' in q["sql"] or 'FROM "kcc_medewerker"' in q["sql"]
    ]


def test_a_page_reads_the_user_and_medewerker_once(client, agent, password):
    client.post("/inloggen/", {"username": agent.user.username, "password": password})

    queries = _user_queries(client, "/klantcontact/")

    assert len(queries) == 1
    assert 'LEFT OUTER JOIN "kcc_medewerker"' in queries[0]


def test_a_user_without_medewerker_still_signs_in(client, password):
    user = get_user_model().objects.create_superuser("zonder", "zonder@example.org", password)
    client.post("/inloggen/", {"username": user.username, "password": password})

    response = client.get("/")

    assert response.status_code == 200
    assert response.wsgi_request.user == user
