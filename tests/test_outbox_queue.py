"""Queueing and delivering berichten in-process, against a real SMTP server."""

import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.exceptions import ValidationError
from django.utils import timezone

from kcc import outbox
from kcc.models import Bericht
from kcc.services import bericht_queue, bericht_requeue
from tests.conftest import free_port
from tests.factories import BerichtFactory

pytestmark = pytest.mark.django_db


class RefusingHandler:
    """An SMTP server that refuses every recipient at onbekend.example (550)."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.endswith("@onbekend.example"):
            return "550 5.1.1 Ontvanger onbekend"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.received.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    handler = RefusingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = controller.port
    yield handler
    controller.stop()


def queue(**kwargs) -> Bericht:
    return bericht_queue(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger=kwargs.pop("ontvanger", "j.jansen@example.nl"),
        onderwerp="Uw aanvraag",
        inhoud="Wij hebben uw aanvraag ontvangen.",
        **kwargs,
    )


def test_the_same_dedupe_key_queues_one_bericht():
    first = queue(dedupe_key="zaak:123:status:2")
    second = queue(dedupe_key="zaak:123:status:2")
    assert first.pk == second.pk
    assert Bericht.objects.count() == 1


def test_an_invalid_e_mail_address_is_refused():
    with pytest.raises(ValidationError) as error:
        queue(ontvanger="geen-adres")
    assert error.value.message_dict == {"ontvanger": ["Dit is geen geldig e-mailadres."]}
    assert not Bericht.objects.exists()


def test_delivery_sends_and_marks_sent(smtp):
    bericht = queue(inhoud_html="<p>Wij hebben uw aanvraag ontvangen.</p>")
    outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERSTUURD
    assert smtp.received == ["j.jansen@example.nl"]
    assert outbox.bericht_deliver(bericht_id=bericht.pk) is None
    assert smtp.received == ["j.jansen@example.nl"]


def test_a_refused_recipient_is_parked_with_the_reason_after_the_last_attempt(settings, smtp):
    settings.KCC_OUTBOX_MAX_ATTEMPTS = 2
    bericht = queue(ontvanger="niemand@onbekend.example")

    outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.TE_VERSTUREN
    assert "550" in bericht.laatste_fout

    outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert "Ontvanger onbekend" in bericht.laatste_fout
    assert smtp.received == []

    bericht_requeue(bericht=bericht)
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Bericht.Status.TE_VERSTUREN, 0)


def test_a_mail_server_that_is_down_never_parks_a_bericht(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = free_port()  # nothing listens
    settings.KCC_OUTBOX_MAX_ATTEMPTS = 1
    bericht = queue()
    for _ in range(3):
        Bericht.objects.filter(pk=bericht.pk).update(volgende_poging_op=timezone.now())
        outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.TE_VERSTUREN
    assert bericht.pogingen == 3


def test_backoff_doubles_up_to_the_maximum(settings):
    settings.KCC_OUTBOX_BACKOFF_SECONDS = 30
    settings.KCC_OUTBOX_BACKOFF_MAX_SECONDS = 3600
    delays = [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 8, 30)]
    assert delays == [30, 60, 120, 1920, 3600, 3600]


def test_the_sweep_hands_over_only_due_berichten_and_leases_them(settings):
    settings.KCC_OUTBOX_LEASE_SECONDS = 60
    now = timezone.now()
    due = BerichtFactory(volgende_poging_op=now - timedelta(seconds=5))
    later = BerichtFactory(volgende_poging_op=now + timedelta(minutes=10))
    BerichtFactory(status=Bericht.Status.VERSTUURD, volgende_poging_op=now - timedelta(hours=1))

    assert outbox.outbox_sweep() == 1
    due.refresh_from_db()
    assert due.volgende_poging_op > now + timedelta(seconds=30)
    assert outbox.outbox_sweep() == 0  # leased: the next sweep leaves it alone
    later.refresh_from_db()
    assert later.volgende_poging_op > now


def test_readyz_reports_outbox_lag(client, settings):
    settings.KCC_OUTBOX_MAX_LAG_SECONDS = 300
    BerichtFactory(aangemaakt=timezone.now() - timedelta(seconds=30))
    assert client.get("/readyz").json()["checks"]["outbox"]["ok"] is True

    BerichtFactory(aangemaakt=timezone.now() - timedelta(minutes=10))
    BerichtFactory(status=Bericht.Status.VERSTUURD, aangemaakt=timezone.now() - timedelta(days=1))
    response = client.get("/readyz")
    assert response.status_code == 503
    outbox_check = response.json()["checks"]["outbox"]
    assert outbox_check["ok"] is False
    assert outbox_check["lag_seconds"] >= 600
