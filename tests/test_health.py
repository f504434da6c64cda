import pytest
from django.core.cache import cache

from kcc import heartbeat


def test_healthz_answers_without_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"ok": True}


@pytest.mark.django_db
def test_readyz_is_503_without_a_worker_heartbeat(client):
    cache.delete(heartbeat.WORKER_KEY)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is False


@pytest.mark.worker
def test_readyz_is_green_with_a_running_worker(client, celery_worker_process):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert all(check["ok"] for check in response.json()["checks"].values())


@pytest.mark.worker
def test_readyz_turns_red_when_the_worker_stops(client, celery_worker_process):
    celery_worker_process.terminate()
    celery_worker_process.wait(timeout=20)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False
