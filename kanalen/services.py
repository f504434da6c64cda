"""Writes of the kanalen app: the e-mail intake."""

import imaplib
import logging
import mimetypes
from datetime import date, datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from kanalen.email.parser import ParsedAttachment, ParsedEmail, parse_email
from kanalen.models import REFERENTIE_SEQUENCE, EmailBijlage, InkomendeEmail
from kcc.calendar import deadline_for
from kcc.models import Eenheid, Servicenorm
from kcc.selectors import servicenorm_for

logger = logging.getLogger(__name__)


def email_antwoord_deadline(ontvangen_op: datetime) -> date:
    """The promised answer date: the e-mail norm of the kwaliteitshandvest
    (default 2 werkdagen) counted by the business calendar."""
    norm = servicenorm_for(kanaal=Servicenorm.Kanaal.EMAIL)
    amount, unit = (norm.termijn, norm.eenheid) if norm else (2, Eenheid.WERKDAGEN)
    return timezone.localtime(deadline_for(ontvangen_op, amount=amount, unit=unit)).date()


def _next_referentie(ontvangen_op: datetime) -> str:
    # A sequence hands out each number once, also under concurrent deliveries.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [REFERENTIE_SEQUENCE])
        number = cursor.fetchone()[0]
    return f"KCC-{timezone.localtime(ontvangen_op):%Y}-{number:06d}"


def _thread_start(parsed: ParsedEmail) -> InkomendeEmail | None:
    """The first mail of the thread this one answers, if we have it."""
    ids = parsed.in_reply_to + list(reversed(parsed.references))
    if ids:
        by_id = {
            item.message_id: item
            for item in InkomendeEmail.objects.filter(message_id__in=ids).only(
                "pk", "message_id", "origineel_id"
            )
        }
        for message_id in ids:
            if message_id in by_id:
                found = by_id[message_id]
                return found.origineel if found.origineel_id else found
    if parsed.referentie_tag:
        found = InkomendeEmail.objects.filter(referentie=parsed.referentie_tag).first()
        if found is not None:
            return found.origineel if found.origineel_id else found
    return None


def _bestandsnaam(attachment: ParsedAttachment, index: int) -> str:
    # Only the last path element, only safe characters, a sane length.
    name = PurePosixPath(attachment.bestandsnaam.replace("\\", "/")).name
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:
        name = ""
    if name.startswith("."):
        name = name.lstrip(".")
    if not name:
        extension = mimetypes.guess_extension(attachment.content_type) or ".bin"
        name = f"bijlage-{index}{extension}"
    if len(name) > 100:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 90 - len(extension)]}.{extension[:9]}" if dot else name[:100]
    return name


def _bijlage_weigering(attachment: ParsedAttachment, naam: str) -> str:
    """Why this attachment is not stored (Dutch note), or '' when it is fine."""
    size = len(attachment.inhoud)
    limit = settings.KCC_EMAIL_MAX_ATTACHMENT_BYTES
    if size > limit:
        return (
            f"Bijlage '{naam}' ({size / 1_048_576:.1f} MB) is weggelaten: "
            f"groter dan {limit / 1_048_576:.0f} MB."
        )
    if attachment.content_type in settings.KCC_EMAIL_BLOCKED_ATTACHMENT_TYPES:
        return f"Bijlage '{naam}' is weggelaten: type {attachment.content_type} is niet toegestaan."
    return ""


def _store(*, raw: bytes, parsed: ParsedEmail, bron: str) -> InkomendeEmail:
    now = timezone.now()
    if parsed.quarantaine_reden:
        status = InkomendeEmail.Status.QUARANTAINE
    elif parsed.is_automatisch:
        status = InkomendeEmail.Status.AUTOMATISCH
    else:
        status = InkomendeEmail.Status.NIEUW
    item = InkomendeEmail(
        referentie=_next_referentie(now),
        bron=bron,
        status=status,
        message_id=parsed.message_id,
        afzender_email=parsed.afzender_email,
        afzender_naam=parsed.afzender_naam,
        antwoord_aan=parsed.antwoord_aan,
        aan=parsed.aan,
        cc=parsed.cc,
        onderwerp=parsed.onderwerp,
        tekst=parsed.tekst,
        html=parsed.html,
        datum=parsed.datum,
        ontvangen_op=now,
        in_reply_to=" ".join(parsed.in_reply_to),
        references=" ".join(parsed.references),
        raw_grootte=len(raw),
        origineel=None if parsed.quarantaine_reden else _thread_start(parsed),
        deadline=email_antwoord_deadline(now) if status == InkomendeEmail.Status.NIEUW else None,
        is_automatisch=parsed.is_automatisch,
        automatisch_reden=parsed.automatisch_reden,
        quarantaine_reden=parsed.quarantaine_reden,
    )
    notes = list(parsed.notities)
    bijlagen = []
    for index, attachment in enumerate(parsed.bijlagen, start=1):
        naam = _bestandsnaam(attachment, index)
        refusal = _bijlage_weigering(attachment, naam)
        if refusal:
            notes.append(refusal)
            continue
        bijlage = EmailBijlage(
            email=item,
            bestandsnaam=naam,
            content_type=attachment.content_type,
            opgegeven_content_type=attachment.opgegeven_content_type,
            grootte=len(attachment.inhoud),
            inline=attachment.inline,
            content_id=attachment.content_id,
        )
        bijlage.bestand.save(naam, ContentFile(attachment.inhoud), save=False)
        bijlagen.append(bijlage)
    item.verwerkingsnotities = "\n".join(dict.fromkeys(notes))
    # Files are written before the rows: a rolled-back transaction leaves an
    # orphan file at worst, never a row without its file.
    item.raw.save("bericht.eml", ContentFile(raw), save=False)
    item.save()
    EmailBijlage.objects.bulk_create(bijlagen)
    return item


def inkomende_email_ingest(*, raw: bytes, bron: str) -> tuple[InkomendeEmail, bool]:
    """Store one received mail; returns (item, created) — not created for a known Message-ID.

    Never refuses a message for its content: what cannot be read is stored in
    quarantine with the reason. Follow-up steps that need other apps (matching
    the sender to a partij, the acknowledgement through the outbox) are not
    here yet.
    """
    # The headers first: a known Message-ID (an MTA or IMAP retry) needs no body parsing.
    parsed = parse_email(raw, headers_only=True)
    if parsed.message_id:
        existing = InkomendeEmail.objects.filter(message_id=parsed.message_id).first()
        if existing is not None:
            return existing, False
    if len(raw) <= settings.KCC_EMAIL_MAX_MESSAGE_BYTES:
        parsed = parse_email(raw)
    elif not parsed.quarantaine_reden:
        parsed.quarantaine_reden = (
            f"Het bericht is {len(raw) / 1_048_576:.1f} MB, groter dan "
            f"{settings.KCC_EMAIL_MAX_MESSAGE_BYTES / 1_048_576:.0f} MB: alleen de kopregels "
            "zijn gelezen; het originele bericht is bewaard."
        )
    try:
        with transaction.atomic():
            return _store(raw=raw, parsed=parsed, bron=bron), True
    except IntegrityError:
        # The same Message-ID arrived at the same moment through another path.
        existing = InkomendeEmail.objects.filter(message_id=parsed.message_id).first()
        if not parsed.message_id or existing is None:
            raise
        return existing, False


def _imap_quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inkomende_email_imap_poll() -> list[InkomendeEmail]:
    """Ingest every unseen mail of the configured IMAP folder.

    A mail is flagged \\Seen only after its row is committed, so a crash in
    between means it is fetched again (and de-duplicated by Message-ID).
    """
    if connection.in_atomic_block:
        raise RuntimeError("IMAP ophalen moet buiten een databasetransactie draaien.")
    client = imaplib.IMAP4_SSL if settings.KCC_IMAP_SSL else imaplib.IMAP4
    items = []
    with client(settings.KCC_IMAP_HOST, settings.KCC_IMAP_PORT, timeout=60) as imap:
        imap.login(settings.KCC_IMAP_USER, settings.KCC_IMAP_PASSWORD)
        status, data = imap.select(_imap_quote(settings.KCC_IMAP_FOLDER))
        if status != "OK":
            raise imaplib.IMAP4.error(f"Map {settings.KCC_IMAP_FOLDER} niet te openen: {data}")
        _, data = imap.uid("SEARCH", None, "UNSEEN")
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), None)
            if raw is None:
                logger.warning("IMAP-bericht %s gaf geen inhoud", uid)
                continue
            item, _ = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.IMAP)
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            items.append(item)
    return items
