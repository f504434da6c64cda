"""The outbox through the real parts: a Celery worker process, Redis, an SMTP server."""

import time
from datetime import timedelta
from email.header import decode_header, make_header

import pytest
from django.db import transaction
from django.utils import timezone

from kcc.celery import app
from kcc.models import Bericht
from kcc.services import bericht_queue
from kcc.tasks import deliver_bericht, outbox_sweep

pytestmark = pytest.mark.worker


def wait_for(condition, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"Wachten duurde te lang: {what}")
        time.sleep(0.1)
    return result


def queue(onderwerp: str, ontvanger: str = "j.jansen@example.nl") -> Bericht:
    with transaction.atomic():
        return bericht_queue(
            kanaal=Bericht.Kanaal.EMAIL,
            ontvanger=ontvanger,
            onderwerp=onderwerp,
            inhoud="Uw aanvraag is in behandeling genomen.",
            aanleiding="test",
        )


def sent(*berichten: Bericht) -> bool:
    return all(Bericht.objects.get(pk=b.pk).status == Bericht.Status.VERSTUURD for b in berichten)


def subjects(server) -> list[str]:
    return sorted(str(make_header(decode_header(m["Subject"]))) for m in server.messages())


def sweep_when_due(bericht: Bericht) -> None:
    """Wait until the bericht's next attempt is due, then run the beat's sweep task."""
    due_at = Bericht.objects.get(pk=bericht.pk).volgende_poging_op
    wait_for(lambda: timezone.now() >= due_at, "poging is aan de beurt")
    assert outbox_sweep.delay().get(timeout=30) >= 1


def test_a_queued_bericht_is_delivered_once_and_marked_sent(start_celery_worker, dev_mail_server):
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    bericht = queue("Uw aanvraag is ontvangen")

    wait_for(lambda: sent(bericht), "bericht verstuurd")
    # A second bericht behind it on the same worker: when it has arrived, any
    # second copy of the first would have arrived too.
    barrier = queue("Tweede bericht")
    wait_for(lambda: sent(barrier), "tweede bericht verstuurd")

    assert subjects(dev_mail_server) == ["Tweede bericht", "Uw aanvraag is ontvangen"]
    message = next(m for m in dev_mail_server.messages() if m["Subject"].startswith("Uw"))
    assert message["To"] == "j.jansen@example.nl"
    assert str(bericht.uuid) in message["Message-ID"]
    bericht.refresh_from_db()
    assert bericht.pogingen == 1
    assert bericht.verstuurd_op is not None


def test_with_the_mail_server_down_it_retries_with_backoff_and_loses_nothing(
    settings, start_celery_worker, dev_mail_server
):
    settings.KCC_OUTBOX_LEASE_SECONDS = 0
    dev_mail_server.stop()
    start_celery_worker(
        EMAIL_PORT=dev_mail_server.port, KCC_OUTBOX_BACKOFF_SECONDS=1, KCC_OUTBOX_LEASE_SECONDS=0
    )
    bericht = queue("Uw zaak is afgehandeld")

    first = wait_for(
        lambda: Bericht.objects.filter(pk=bericht.pk, pogingen=1).first(), "eerste poging"
    )
    assert first.status == Bericht.Status.TE_VERSTUREN
    assert "Mailserver onbereikbaar" in first.laatste_fout
    assert first.volgende_poging_op - first.laatste_poging_op == backoff_after(1)

    sweep_when_due(bericht)
    second = wait_for(
        lambda: Bericht.objects.filter(pk=bericht.pk, pogingen=2).first(), "tweede poging"
    )
    assert second.status == Bericht.Status.TE_VERSTUREN
    assert second.volgende_poging_op - second.laatste_poging_op == backoff_after(2)

    dev_mail_server.start()
    sweep_when_due(bericht)
    wait_for(lambda: sent(bericht), "bericht verstuurd na herstel")
    assert subjects(dev_mail_server) == ["Uw zaak is afgehandeld"]
    bericht.refresh_from_db()
    assert bericht.pogingen == 3
    assert bericht.laatste_fout == ""


def backoff_after(pogingen: int) -> timedelta:
    """The backoff after this many attempts with KCC_OUTBOX_BACKOFF_SECONDS=1."""
    return timedelta(seconds=2 ** (pogingen - 1))


def test_without_a_worker_berichten_wait_and_go_out_when_one_starts(
    start_celery_worker, dev_mail_server
):
    berichten = [queue(f"Bericht {n}") for n in range(3)]
    assert not any(sent(b) for b in berichten)
    assert dev_mail_server.messages() == []

    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    wait_for(lambda: sent(*berichten), "alle berichten verstuurd")
    assert subjects(dev_mail_server) == ["Bericht 0", "Bericht 1", "Bericht 2"]


def test_a_lost_celery_message_is_picked_up_by_the_sweep(
    settings, start_celery_worker, dev_mail_server
):
    settings.KCC_OUTBOX_LEASE_SECONDS = 0
    bericht = queue("Herinnering: afspraak morgen")
    app.control.purge()  # the hint is gone, as after a broker failure; the row is not

    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    assert outbox_sweep.delay().get(timeout=30) == 1
    wait_for(lambda: sent(bericht), "bericht verstuurd door de sweep")
    assert subjects(dev_mail_server) == ["Herinnering: afspraak morgen"]


def test_a_bericht_queued_in_a_rolled_back_transaction_is_never_sent(
    start_celery_worker, dev_mail_server
):
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    with pytest.raises(RuntimeError), transaction.atomic():
        bericht_queue(
            kanaal=Bericht.Kanaal.EMAIL,
            ontvanger="j.jansen@example.nl",
            onderwerp="Teruggedraaid",
            inhoud="Dit mag nooit aankomen.",
        )
        raise RuntimeError("de wijziging mislukt")

    assert not Bericht.objects.filter(onderwerp="Teruggedraaid").exists()
    barrier = queue("Daarna")
    wait_for(lambda: sent(barrier), "volgend bericht verstuurd")
    assert subjects(dev_mail_server) == ["Daarna"]


def test_delivering_one_bericht_twice_sends_one_mail(start_celery_worker, dev_mail_server):
    bericht = queue("Eén keer")
    deliver_bericht.delay(bericht.pk)
    deliver_bericht.delay(bericht.pk)

    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    wait_for(lambda: sent(bericht), "bericht verstuurd")
    barrier = queue("Daarna")
    wait_for(lambda: sent(barrier), "volgend bericht verstuurd")
    assert subjects(dev_mail_server) == ["Daarna", "Eén keer"]
    bericht.refresh_from_db()
    assert bericht.pogingen == 1
