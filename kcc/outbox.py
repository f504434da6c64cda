"""Delivery of queued berichten: one adapter per kanaal, retries, the sweep.

`kcc.services.bericht_queue` writes a bericht in the caller's transaction and
hands its id to Celery after commit. `bericht_deliver` sends it at most once at
a time (row lock, skip_locked) and marks it sent in the same transaction, so a
second task for the same bericht finds it sent and does nothing. A failure
schedules the next attempt with exponential backoff; `outbox_sweep` (Celery
beat) hands due berichten to Celery again, so a lost Celery message (broker
outage, worker killed) delays a bericht but never loses it.

The e-mail carries `Message-ID: <bericht-uuid@domain>`: should a worker die
between the SMTP server's "250 OK" and the commit, the one resend has the same
Message-ID, which mail systems use to drop duplicates.
"""

import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from kcc.models import Bericht

logger = logging.getLogger(__name__)

_SWEEP_BATCH = 1000

# On every mail KCC sends; the intake quarantines an incoming mail that carries it (a loop).
LOOP_HEADER = "X-KCC-Loop"


def message_id_for(bericht: Bericht) -> str:
    """The Message-ID the e-mail of this bericht carries, without angle brackets."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "kcc"
    return f"{bericht.uuid}@{domain}"


class DeliveryError(Exception):
    """A failed attempt; permanent when trying again will not help (refused recipient)."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class EmailAdapter:
    """E-mail over SMTP, through Django's mail backend (EMAIL_HOST/EMAIL_PORT)."""

    def send(self, bericht: Bericht) -> None:
        message = EmailMultiAlternatives(
            subject=bericht.onderwerp,
            body=bericht.inhoud,
            to=[bericht.ontvanger],
            headers={
                **bericht.headers,
                "Message-ID": f"<{message_id_for(bericht)}>",
                LOOP_HEADER: settings.KCC_INBOUND_EMAIL,
            },
        )
        if bericht.inhoud_html:
            message.attach_alternative(bericht.inhoud_html, "text/html")
        for bijlage in bericht.bijlagen.all():
            with bijlage.bestand.open("rb") as bestand:
                message.attach(bijlage.bestandsnaam, bestand.read(), bijlage.formaat)
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as error:
            refusals = list(error.recipients.values())
            codes = [code for code, _ in refusals]
            reason = "; ".join(f"{code} {text.decode(errors='replace')}" for code, text in refusals)
            raise DeliveryError(
                f"Ontvanger geweigerd: {reason}", permanent=all(code >= 500 for code in codes)
            ) from error
        except smtplib.SMTPResponseException as error:
            text = error.smtp_error.decode(errors="replace") if error.smtp_error else ""
            raise DeliveryError(
                f"SMTP-fout {error.smtp_code}: {text}", permanent=error.smtp_code >= 500
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(
                f"Mailserver onbereikbaar: {type(error).__name__}: {error}", permanent=False
            ) from error


ADAPTERS = {Bericht.Kanaal.EMAIL: EmailAdapter()}


def enqueue(bericht_id: int) -> None:
    """Hand a bericht to Celery. Only a hint: when the broker is down the sweep does it."""
    from kcc.tasks import deliver_bericht

    try:
        deliver_bericht.apply_async((bericht_id,), retry=False)
    except Exception:  # noqa: BLE001 - the row stays due; the sweep hands it over later
        logger.warning("Bericht %s niet aan Celery gegeven; de sweep pakt het op.", bericht_id)


def retry_delay(pogingen: int) -> timedelta:
    seconds = settings.KCC_OUTBOX_BACKOFF_SECONDS * 2 ** max(pogingen - 1, 0)
    return timedelta(seconds=min(seconds, settings.KCC_OUTBOX_BACKOFF_MAX_SECONDS))


def _record_failure(bericht: Bericht, error: DeliveryError) -> None:
    bericht.laatste_fout = str(error)[:2000]
    if error.permanent and bericht.pogingen >= settings.KCC_OUTBOX_MAX_ATTEMPTS:
        bericht.status = Bericht.Status.MISLUKT
    else:
        bericht.volgende_poging_op = bericht.laatste_poging_op + retry_delay(bericht.pogingen)


def bericht_deliver(*, bericht_id: int) -> Bericht | None:
    """Try to send one bericht; None when it is sent, parked or being sent elsewhere."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(pk=bericht_id, status=Bericht.Status.TE_VERSTUREN)
            .first()
        )
        if bericht is None:
            return None
        bericht.pogingen += 1
        bericht.laatste_poging_op = timezone.now()
        try:
            ADAPTERS[bericht.kanaal].send(bericht)
        except DeliveryError as error:
            _record_failure(bericht, error)
        except Exception as error:  # noqa: BLE001 - an unexpected error is retried with backoff
            logger.exception("Bericht %s: onverwachte fout bij versturen", bericht.uuid)
            _record_failure(bericht, DeliveryError(repr(error), permanent=False))
        else:
            bericht.status = Bericht.Status.VERSTUURD
            bericht.verstuurd_op = timezone.now()
            bericht.laatste_fout = ""
        bericht.save()
    return bericht


def outbox_sweep() -> int:
    """Hand every due unsent bericht to Celery again; answers how many."""
    lease = timedelta(seconds=settings.KCC_OUTBOX_LEASE_SECONDS)
    total = 0
    while True:
        now = timezone.now()
        with transaction.atomic():
            ids = list(
                Bericht.objects.select_for_update(skip_locked=True)
                .filter(status=Bericht.Status.TE_VERSTUREN, volgende_poging_op__lte=now)
                .order_by("volgende_poging_op")
                .values_list("pk", flat=True)[:_SWEEP_BATCH]
            )
            # Leased: the next sweeps leave them to the task they now have.
            Bericht.objects.filter(pk__in=ids).update(volgende_poging_op=now + lease)
        for bericht_id in ids:
            enqueue(bericht_id)
        total += len(ids)
        if len(ids) < _SWEEP_BATCH:
            return total
