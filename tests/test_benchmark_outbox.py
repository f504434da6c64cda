"""The outbox benchmark's wiring: a backlog goes through the sweep and a real Celery
worker to a real SMTP server, and every message is counted as delivered."""

import os

import pytest
from django.conf import settings
from django.db import connection

from kcc.benchmark import outbox as outbox_benchmark
from kcc.models import Bericht
from kcc.tasks import deliver_berichten

pytestmark = pytest.mark.worker


@pytest.fixture
def worker_env(transactional_db) -> dict[str, str]:
    return {
        **os.environ,
        "KCC_ENV": "test",
        "KCC_DATABASE_NAME": connection.settings_dict["NAME"],
        "KCC_REDIS_DB": str(settings.REDIS_DB),
    }


@pytest.mark.parametrize("server", ["devmail", "smtp-sink"])
def test_backlog_is_delivered_to_the_smtp_server(worker_env, server):
    if server == "smtp-sink" and not outbox_benchmark._smtp_sink():
        pytest.skip("Postfix' smtp-sink staat niet op deze machine (apt: postfix)")

    # Work an earlier scenario left in the queue is waited for, not timed.
    for _ in range(3):
        deliver_berichten.delay([])
    assert outbox_benchmark._queued_tasks() >= 3

    result = outbox_benchmark.run(worker_env, count=40, server=server)

    assert outbox_benchmark._queued_tasks() == 0

    assert result["smtp_server"] == server
    assert (result["requests"], result["errors"], result["delivered"]) == (40, 0, 40)
    assert result["throughput_per_s"] > 0
    assert result["earlier_tasks_drained_seconds"] >= 0
    assert outbox_benchmark.SERVERS[server] in result["description"]
    # The benchmark's rows are gone again; nothing else was touched.
    assert not Bericht.objects.exists()
