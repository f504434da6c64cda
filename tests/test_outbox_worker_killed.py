"""Issue 6, done when (a): a worker killed mid-delivery; the message arrives once."""

import asyncio
import signal
import threading
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from kcc.models import Bericht
from kcc.outbox import message_id_for
from tests.conftest import free_port
from tests.test_outbox_delivery import queue, sent, sweep_when_due, wait_for

pytestmark = pytest.mark.worker


class HoldingServer:
    """An SMTP server that holds its answer to the first DATA until released.

    It keeps every message the moment its data is in, before it answers: the worst
    case, a server that delivers a message whose "250 OK" the sender never read.
    """

    def __init__(self) -> None:
        self.received: list[bytes] = []
        self.holding = threading.Event()
        self.release = threading.Event()
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.received.append(envelope.original_content or envelope.content)
        if len(self.received) == 1:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [message_from_bytes(raw)["Message-ID"] for raw in self.received]


@pytest.fixture
def holding_server():
    server = HoldingServer()
    server.controller.start()
    yield server
    server.release.set()
    server.controller.stop()


def test_a_worker_killed_mid_delivery_delivers_the_message_exactly_once(
    settings, start_celery_worker, holding_server
):
    """The first worker has sent the whole message and waits for the server's answer
    to DATA when it is killed (SIGKILL: no cleanup, no ack). Its transaction dies
    with it, so the row is still unsent and unlocked; the sweep hands it to a new
    worker, which sends it again.

    The server took the first copy in already, so its mailbox holds two copies —
    the one window no sender can close (the 250 was never read). Both carry the
    same Message-ID, `<bericht-uuid@domain>`, fixed by the row, not by the attempt:
    that is how the receiving mail system recognises the resend as a duplicate and
    keeps one. So the right count is distinct Message-IDs in the mailbox: exactly
    one, for exactly one bericht marked sent once. A barrier message sent after it
    over the same worker shows no third copy is still on its way.
    """
    settings.KCC_OUTBOX_LEASE_SECONDS = 1
    env = {"EMAIL_PORT": holding_server.controller.port, "KCC_OUTBOX_LEASE_SECONDS": 1}
    first_worker = start_celery_worker(**env)
    bericht = queue("Uw aanvraag is verleend")

    assert holding_server.holding.wait(60), "de worker begon niet aan de levering"
    first_worker.send_signal(signal.SIGKILL)
    first_worker.wait(timeout=30)
    holding_server.release.set()  # the answer goes to a dead connection

    unsent = Bericht.objects.get(pk=bericht.pk)
    assert unsent.status == Bericht.Status.TE_VERSTUREN  # the kill rolled the attempt back
    assert unsent.pogingen == 0

    start_celery_worker(**env)
    sweep_when_due(bericht)
    wait_for(lambda: sent(bericht), "bericht verstuurd door de tweede worker")
    barrier = queue("Daarna")
    wait_for(lambda: sent(barrier), "volgend bericht verstuurd")

    ids = holding_server.message_ids()
    bericht.refresh_from_db()
    assert bericht.pogingen == 1
    assert ids.count(f"<{message_id_for(bericht)}>") == 2  # the held copy and the resend
    assert len(set(ids)) == 2  # our bericht once, the barrier once
    assert Bericht.objects.filter(status=Bericht.Status.VERSTUURD).count() == 2
