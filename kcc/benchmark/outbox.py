"""Outbox throughput: a backlog of e-mails delivered by a real Celery worker to a
real local SMTP server: Postfix's `smtp-sink` when the machine has it (a C server
that accepts and discards, so the outbox is what is measured), else the dev mail
server writing a Maildir (a Python server; its own speed is then the ceiling).

Not an HTTP scenario: the berichten are written straight into the benchmark
database as a due backlog (as after a mail-server outage or a campaign), the
beat's sweep hands them to Celery, and the clock runs until the last one is
marked sent. The latency of a bericht is the time from the sweep to its
`verstuurd_op`.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kcc.benchmark.stats import summarise

NAME = "outbox bezorging"
DESCRIPTION = (
    "5.000 e-mails als achterstand: de sweep geeft ze aan een Celery-worker (2 processen), "
    "die ze via SMTP aan {server} levert"
)
SERVERS = {
    "smtp-sink": "Postfix' smtp-sink (lokale SMTP-server die aanneemt en weggooit)",
    "devmail": "de lokale ontwikkelmailserver (Python, schrijft een Maildir)",
}
TARGET = "≥ 500 e-mails per seconde naar een lokale SMTP-server (issue 6)"
TARGET_THROUGHPUT = 500
COUNT = 5000
_MARKER = "benchmark: outbox bezorging"
_BASE_DIR = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: niet binnen {seconds} s")
        time.sleep(0.1)


def _backlog(count: int) -> None:
    from django.utils import timezone

    from kcc.models import Bericht

    Bericht.objects.filter(aanleiding=_MARKER).delete()
    now = timezone.now()
    Bericht.objects.bulk_create(
        Bericht(
            kanaal=Bericht.Kanaal.EMAIL,
            ontvanger=f"inwoner{n}@example.nl",
            onderwerp=f"Nieuwe status van uw zaak Z-{n:06d}",
            inhoud="Beste inwoner,\n\nUw aanvraag is in behandeling genomen.\n\n"
            "Met vriendelijke groet,\nGemeente Voorbeeld",
            aanleiding=_MARKER,
            volgende_poging_op=now,
        )
        for n in range(count)
    )


def _smtp_sink() -> str | None:
    return shutil.which("smtp-sink") or shutil.which("smtp-sink", path="/usr/sbin")


def _mail_server(server: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    if server == "smtp-sink":
        # -u: it refuses to run as root without a user to drop to; 512: listen backlog.
        command = [_smtp_sink(), "-u", "nobody", f"127.0.0.1:{port}", "512"]
        return subprocess.Popen(command)
    return subprocess.Popen([sys.executable, "-m", "kcc.devmail"], cwd=_BASE_DIR, env=env)


def _queued_tasks() -> int:
    from kombu.exceptions import ChannelError

    from kcc.celery import app

    with app.connection_for_read() as connection:
        try:
            queue = connection.default_channel.queue_declare(
                queue=app.conf.task_default_queue, passive=True
            )
        except ChannelError:  # Redis drops an empty queue's key: nothing queued
            return 0
        return queue.message_count


def _drain_earlier_work(seconds: float = 900) -> float:
    """Wait until the worker has taken every task queued before (earlier scenarios
    leave receipts to render and mail to send); answers how long that took."""
    started = time.perf_counter()
    _wait(lambda: _queued_tasks() == 0, "eerdere taken in de wachtrij", seconds)
    return time.perf_counter() - started


def run(env: dict[str, str], *, count: int = COUNT, server: str | None = None) -> dict:
    """Deliver a backlog of `count` e-mails; `server` is "smtp-sink" or "devmail"
    (default: smtp-sink when the machine has it)."""
    from django.core.cache import cache
    from django.utils import timezone

    from kcc import heartbeat, outbox
    from kcc.models import Bericht

    server = server or ("smtp-sink" if _smtp_sink() else "devmail")
    _backlog(count)
    cache.delete(heartbeat.WORKER_KEY)  # a worker of an earlier run does not count
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        mailbox_dir = str(Path(tmp) / "mail")  # Maildir makes its folders only when new
        extra = {**env, "EMAIL_PORT": str(port), "KCC_DEV_MAILBOX": mailbox_dir}
        mail = _mail_server(server, port, extra)
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "kcc", "worker", "--concurrency", "2"]
            + ["--without-mingle", "--without-gossip", "-l", "warning"],
            cwd=_BASE_DIR,
            env=extra,
        )
        try:
            _wait(lambda: heartbeat.age_seconds(heartbeat.WORKER_KEY) is not None, "worker", 60)
            # Measured on an idle worker: a backlog of earlier scenarios' tasks would
            # otherwise be counted as outbox time.
            drained = _drain_earlier_work()
            sent = Bericht.objects.filter(aanleiding=_MARKER, status=Bericht.Status.VERSTUURD)
            started = time.perf_counter()
            start_moment = timezone.now()
            outbox.outbox_sweep()
            try:
                _wait(lambda: sent.count() >= count, "alle berichten verstuurd", 600)
            except RuntimeError:
                pass
            seconds = time.perf_counter() - started
            latencies = [
                (moment - start_moment).total_seconds() * 1000
                for moment in sent.values_list("verstuurd_op", flat=True)
            ]
            if server == "devmail":
                maildir = Path(mailbox_dir) / "new"
                delivered = len(os.listdir(maildir)) if maildir.exists() else 0
            else:  # smtp-sink keeps nothing: its 250 per message is the proof
                delivered = len(latencies)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            mail.terminate()
            mail.wait(timeout=10)
    Bericht.objects.filter(aanleiding=_MARKER).delete()
    result = summarise(latencies, errors=count - len(latencies), seconds=seconds)
    result.update(
        name=NAME,
        description=DESCRIPTION.format(server=SERVERS[server]),
        target=TARGET,
        delivered=delivered,
        smtp_server=server,
        earlier_tasks_drained_seconds=round(drained, 1),
    )
    result["verdict"] = (
        "fouten"
        if result["errors"]
        else ("gehaald" if result["throughput_per_s"] >= TARGET_THROUGHPUT else "niet gehaald")
    )
    return result
