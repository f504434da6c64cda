import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from kcc.models import Afdeling


@pytest.fixture
def beheerder_api(api_client, beheerder):
    api_client.force_authenticate(beheerder.user)
    return api_client


@pytest.mark.django_db
def test_same_key_twice_creates_one_object(beheerder_api):
    data = {"naam": "Wonen", "code": "wonen"}
    first = beheerder_api.post("/api/v1/afdelingen", data, HTTP_IDEMPOTENCY_KEY="k-1")
    second = beheerder_api.post("/api/v1/afdelingen", data, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Afdeling.objects.filter(code="wonen").count() == 1


@pytest.mark.django_db
def test_same_key_with_another_body_is_refused(beheerder_api):
    beheerder_api.post("/api/v1/afdelingen", {"naam": "A", "code": "a"}, HTTP_IDEMPOTENCY_KEY="k")
    response = beheerder_api.post(
        "/api/v1/afdelingen", {"naam": "B", "code": "b"}, HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()
    assert not Afdeling.objects.filter(code="b").exists()


@pytest.mark.django_db
def test_a_failed_request_does_not_use_up_the_key(beheerder_api):
    bad = beheerder_api.post("/api/v1/afdelingen", {"naam": ""}, HTTP_IDEMPOTENCY_KEY="retry")
    assert bad.status_code == 400
    good = beheerder_api.post(
        "/api/v1/afdelingen", {"naam": "Wonen", "code": "wonen"}, HTTP_IDEMPOTENCY_KEY="retry"
    )
    assert good.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_create_one_object(beheerder):
    results = []

    def post():
        client = APIClient()
        client.force_authenticate(beheerder.user)
        response = client.post(
            "/api/v1/afdelingen",
            {"naam": "Gelijktijdig", "code": "tegelijk"},
            HTTP_IDEMPOTENCY_KEY="race",
        )
        results.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [201] * 4
    assert Afdeling.objects.filter(code="tegelijk").count() == 1
