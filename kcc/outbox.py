"""Delivery of queued berichten: one adapter per kanaal, batches, retries, the sweep.

`kcc.services.bericht_queue` writes a bericht in the caller's transaction and
hands its id to Celery after commit. `berichten_deliver` takes a batch of rows
with a row lock (skip_locked), sends them over one connection per kanaal and
marks each sent in that same transaction, so a second task for the same bericht
finds it locked or sent and does nothing. A failure schedules the next attempt
with exponential backoff; `outbox_sweep` (Celery beat) hands due berichten to
Celery again in batches, so a lost Celery message (broker outage, worker killed)
delays a bericht but never loses it.

The e-mail carries `Message-ID: <bericht-uuid@domain>`: should a worker die
between the SMTP server's "250 OK" and the commit, the batch is rolled back and
sent once more with the same Message-IDs, which mail systems use to drop
duplicates. A batch is kept small and short (KCC_OUTBOX_BATCH_SIZE,
KCC_OUTBOX_BATCH_SECONDS) so that window stays small.
"""

import logging
import smtplib
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.utils import parseaddr
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kcc import ratelimit, sms
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


Outcome = tuple[Bericht, DeliveryError | None]


def _smtp_error(error: Exception) -> DeliveryError:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = list(error.recipients.values())
        codes = [code for code, _ in refusals]
        reason = "; ".join(f"{code} {text.decode(errors='replace')}" for code, text in refusals)
        return DeliveryError(
            f"Ontvanger geweigerd: {reason}", permanent=all(code >= 500 for code in codes)
        )
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if error.smtp_error else ""
        return DeliveryError(
            f"SMTP-fout {error.smtp_code}: {text}", permanent=error.smtp_code >= 500
        )
    return DeliveryError(
        f"Mailserver onbereikbaar: {type(error).__name__}: {error}", permanent=False
    )


def _connection_lost(error: Exception) -> bool:
    return isinstance(error, smtplib.SMTPServerDisconnected | OSError)


class EmailAdapter:
    """E-mail over SMTP (EMAIL_HOST/EMAIL_PORT): one connection carries many berichten.

    A batch is spread over KCC_OUTBOX_SMTP_CONNECTIONS connections side by side:
    SMTP waits for a reply after every command, so one connection spends most of
    its time waiting on the round trips.
    """

    def message(self, bericht: Bericht, connection=None) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=bericht.onderwerp,
            body=bericht.inhoud,
            to=[bericht.ontvanger],
            headers={
                **bericht.headers,
                "Message-ID": f"<{message_id_for(bericht)}>",
                LOOP_HEADER: settings.KCC_INBOUND_EMAIL,
            },
            connection=connection,
        )
        if bericht.inhoud_html:
            message.attach_alternative(bericht.inhoud_html, "text/html")
        for bijlage in bericht.bijlagen.all():
            with bijlage.bestand.open("rb") as bestand:
                message.attach(bijlage.bestandsnaam, bestand.read(), bijlage.formaat)
        return message

    def _over_one_connection(self, berichten: list[Bericht], deadline: float) -> list[Outcome]:
        outcomes: list[Outcome] = []
        connection = get_connection(fail_silently=False)
        try:
            for bericht in berichten:
                if time.monotonic() > deadline:
                    break  # the rest is not attempted; it goes in a later batch
                try:
                    if connection.connection is None:
                        connection.open()
                    connection.send_messages([self.message(bericht, connection)])
                except (smtplib.SMTPException, OSError) as error:
                    outcomes.append((bericht, _smtp_error(error)))
                    if _connection_lost(error):
                        # The rest would fail the same way: they wait for their retry.
                        outcomes += [
                            (rest, _smtp_error(error)) for rest in berichten[len(outcomes) :]
                        ]
                        break
                else:
                    outcomes.append((bericht, None))
        finally:
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                pass
        return outcomes

    def deliver(self, berichten: list[Bericht], deadline: float) -> list[Outcome]:
        lanes = max(1, min(settings.KCC_OUTBOX_SMTP_CONNECTIONS, len(berichten)))
        if lanes == 1:
            return self._over_one_connection(berichten, deadline)
        shares = [berichten[lane::lanes] for lane in range(lanes)]
        with ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="kcc-smtp") as pool:
            results = pool.map(lambda share: self._over_one_connection(share, deadline), shares)
            return [outcome for result in results for outcome in result]


class SmsAdapter:
    """SMS through the configured gateway (KCC_SMS_BACKEND), one session per batch."""

    def deliver(self, berichten: list[Bericht], deadline: float) -> list[Outcome]:
        outcomes: list[Outcome] = []
        with sms.gateway() as gateway:
            for bericht in berichten:
                if time.monotonic() > deadline:
                    break
                try:
                    gateway.send(to=bericht.ontvanger, body=bericht.inhoud, reference=bericht.uuid)
                except sms.SmsError as error:
                    outcomes.append((bericht, DeliveryError(str(error), permanent=error.permanent)))
                else:
                    outcomes.append((bericht, None))
        return outcomes


ADAPTERS = {Bericht.Kanaal.EMAIL: EmailAdapter(), Bericht.Kanaal.SMS: SmsAdapter()}


def _batches(ids: list[int]) -> Iterator[list[int]]:
    size = settings.KCC_OUTBOX_BATCH_SIZE
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def enqueue(bericht_id: int) -> None:
    """Hand a bericht to Celery. Only a hint: when the broker is down the sweep does it."""
    enqueue_batch([bericht_id])


def enqueue_batch(bericht_ids: list[int], *, countdown: float = 0) -> None:
    from kcc.tasks import deliver_berichten

    try:
        deliver_berichten.apply_async((bericht_ids,), countdown=countdown, retry=False)
    except Exception:  # noqa: BLE001 - the rows stay; the sweep hands them over later
        logger.warning(
            "Berichten %s niet aan Celery gegeven; de sweep pakt ze op.", bericht_ids, exc_info=True
        )
        # Due at once: the first sweep after the broker returns takes them, not one a lease later.
        Bericht.objects.filter(pk__in=bericht_ids, status=Bericht.Status.TE_VERSTUREN).update(
            volgende_poging_op=timezone.now()
        )


def retry_delay(pogingen: int) -> timedelta:
    seconds = settings.KCC_OUTBOX_BACKOFF_SECONDS * 2 ** max(pogingen - 1, 0)
    return timedelta(seconds=min(seconds, settings.KCC_OUTBOX_BACKOFF_MAX_SECONDS))


def _record_failure(bericht: Bericht, error: DeliveryError) -> None:
    bericht.laatste_fout = str(error)[:2000]
    if error.permanent and bericht.pogingen >= settings.KCC_OUTBOX_MAX_ATTEMPTS:
        bericht.status = Bericht.Status.MISLUKT
    else:
        bericht.volgende_poging_op = bericht.laatste_poging_op + retry_delay(bericht.pogingen)


def _record(bericht: Bericht, error: DeliveryError | None) -> None:
    if error is None:
        bericht.status = Bericht.Status.VERSTUURD
        bericht.verstuurd_op = timezone.now()
        bericht.laatste_fout = ""
    else:
        _record_failure(bericht, error)


def _send(kanaal: str, berichten: list[Bericht], deadline: float) -> list[Bericht]:
    """Send through the kanaal's adapter and record each outcome on its bericht;
    answers the berichten attempted (the time budget may leave some out)."""
    try:
        outcomes = ADAPTERS[kanaal].deliver(berichten, deadline)
    except Exception as error:  # noqa: BLE001 - an unexpected error is retried with backoff
        logger.exception("Berichten (%s): onverwachte fout bij versturen", kanaal)
        outcomes = [(bericht, DeliveryError(repr(error), permanent=False)) for bericht in berichten]
    now = timezone.now()
    for bericht, error in outcomes:
        bericht.pogingen += 1
        bericht.laatste_poging_op = now
        _record(bericht, error)
    return [bericht for bericht, _ in outcomes]


def _save(tried: list[Bericht]) -> None:
    """One UPDATE for the sent ones (the common case), a save per failure."""
    sent = [bericht.pk for bericht in tried if bericht.status == Bericht.Status.VERSTUURD]
    if sent:
        now = timezone.now()
        Bericht.objects.filter(pk__in=sent).update(
            status=Bericht.Status.VERSTUURD,
            verstuurd_op=now,
            laatste_poging_op=now,
            pogingen=F("pogingen") + 1,
            laatste_fout="",
        )
    for bericht in tried:
        if bericht.status != Bericht.Status.VERSTUURD:
            bericht.save(
                update_fields=[
                    "status",
                    "pogingen",
                    "laatste_poging_op",
                    "volgende_poging_op",
                    "laatste_fout",
                ]
            )


def berichten_deliver(*, bericht_ids: Iterable[int]) -> list[Bericht]:
    """Try to send these berichten; answers the ones tried. Skipped: sent, parked,
    or locked by another worker sending them right now."""
    later: list[tuple[list[int], float]] = []
    tried: list[Bericht] = []
    deadline = time.monotonic() + settings.KCC_OUTBOX_BATCH_SECONDS
    with transaction.atomic():
        berichten = list(
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(bericht_ids), status=Bericht.Status.TE_VERSTUREN)
            .prefetch_related("bijlagen")
            .order_by("kanaal", "pk")
        )
        for kanaal, group in groupby(berichten, key=lambda bericht: bericht.kanaal):
            group = list(group)
            granted, wait = ratelimit.acquire(kanaal, len(group))
            attempted = _send(kanaal, group[:granted], deadline)
            tried += attempted
            done = {bericht.pk for bericht in attempted}
            if untried := [bericht.pk for bericht in group if bericht.pk not in done]:
                # Over the rate limit: when tokens are back; over the time budget: now.
                later.append((untried, wait if len(attempted) == granted else 0))
        _save(tried)
        for ids, wait in later:
            transaction.on_commit(
                lambda ids=ids, wait=wait: enqueue_batch(ids, countdown=wait), robust=True
            )
    return tried


def bericht_deliver(*, bericht_id: int) -> Bericht | None:
    """Try to send one bericht; None when it is sent, parked or being sent elsewhere."""
    tried = berichten_deliver(bericht_ids=[bericht_id])
    return tried[0] if tried else None


def outbox_sweep() -> int:
    """Hand every due unsent bericht to Celery again, in batches; answers how many."""
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
        for batch in _batches(ids):
            enqueue_batch(batch)
        total += len(ids)
        if len(ids) < _SWEEP_BATCH:
            return total
