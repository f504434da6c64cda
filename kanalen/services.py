"""Writes of the kanalen app: the e-mail intake, answering e-mail, the public web forms."""

import imaplib
import logging
import mimetypes
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation

from catalogus.models import Product
from contacts.models import Afhandeling, Kanaal, Partij
from contacts.selectors import partij_by_email
from contacts.services import (
    AdresData,
    ContactverzoekData,
    VraagData,
    klantcontact_register,
    partij_create,
)
from kanalen.email.parser import REFERENCE_TAG, ParsedAttachment, ParsedEmail, parse_email
from kanalen.models import (
    REFERENTIE_SEQUENCE,
    EmailAntwoord,
    EmailBijlage,
    InkomendeEmail,
    Webformulier,
)
from kanalen.selectors import OPEN_EMAIL_STATUSSEN
from kcc import sla
from kcc.calendar import deadline_for, end_of_day
from kcc.models import Afdeling, AuditLogEntry, Bericht, Eenheid, Medewerker, Servicenorm
from kcc.outbox import message_id_for
from kcc.selectors import afdeling_list, servicenorm_deadline, servicenorm_for
from kcc.services import (
    AuditObject,
    audit_log_record_many,
    bericht_from_template,
    bericht_queue,
)
from kcc.uploads import safe_filename
from zaken.models import Zaak
from zaken.selectors import zaak_for_klantcontact, zaak_list
from zaken.services import zaak_document_add

logger = logging.getLogger(__name__)


def email_antwoord_deadline(ontvangen_op: datetime) -> date:
    """The promised answer date: the e-mail norm of the kwaliteitshandvest
    (default 2 werkdagen) counted by the business calendar."""
    deadline = servicenorm_deadline(
        kanaal=Servicenorm.Kanaal.EMAIL,
        start=ontvangen_op,
        default_amount=2,
        default_unit=Eenheid.WERKDAGEN,
    )
    return timezone.localtime(deadline).date()


def _next_referentie(ontvangen_op: datetime, prefix: str = "KCC") -> str:
    # A sequence hands out each number once, also under concurrent deliveries.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [REFERENTIE_SEQUENCE])
        number = cursor.fetchone()[0]
    return f"{prefix}-{timezone.localtime(ontvangen_op):%Y}-{number:06d}"


def _thread_start(parsed: ParsedEmail) -> InkomendeEmail | None:
    """The first mail of the thread this one answers, if we have it."""
    ids = parsed.in_reply_to + list(reversed(parsed.references))
    if ids:
        # A reply to one of our answers.
        antwoord = EmailAntwoord.objects.filter(message_id__in=ids).select_related("email").first()
        if antwoord is not None:
            return antwoord.email.origineel or antwoord.email
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
    extension = mimetypes.guess_extension(attachment.content_type) or ".bin"
    return safe_filename(attachment.bestandsnaam, fallback=f"bijlage-{index}{extension}")


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
    deadline = email_antwoord_deadline(now) if status == InkomendeEmail.Status.NIEUW else None
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
        partij=None if parsed.quarantaine_reden else partij_by_email(parsed.afzender_email),
        in_reply_to=" ".join(parsed.in_reply_to),
        references=" ".join(parsed.references),
        raw_grootte=len(raw),
        origineel=None if parsed.quarantaine_reden else _thread_start(parsed),
        deadline=deadline,
        **(sla.drempels(now, end_of_day(deadline)).as_fields() if deadline else {}),
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
    the sender to a partij, the acknowledgement through the outbox) happen in
    the same transaction.
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
            item = _store(raw=raw, parsed=parsed, bron=bron)
            _acknowledge(item)
            return item, True
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


# --- Answering e-mail --------------------------------------------------------

OPEN_STATUSES = [InkomendeEmail.Status.NIEUW, InkomendeEmail.Status.IN_BEHANDELING]
_SUBJECT_PREFIX = re.compile(r"^\s*((re|antw|aw|fw|fwd|doorst)\s*:\s*)+", re.IGNORECASE)


def datum_nl(day: date) -> str:
    """'26 november 2026', also when the mail is built outside a Dutch request."""
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def _answer_address(item: InkomendeEmail) -> str:
    return item.antwoord_aan or item.afzender_email


def _valid_email(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def _reply_subject(item: InkomendeEmail, prefix: str) -> str:
    """'<prefix> <subject> [KCC-…]', without stacked 'Re:' or a second tag."""
    subject = _SUBJECT_PREFIX.sub("", REFERENCE_TAG.sub("", item.onderwerp)).strip()
    referentie = (item.origineel or item).referentie
    return f"{prefix}{subject or 'Uw e-mail'} [{referentie}]"[:255]


def _thread_headers(item: InkomendeEmail) -> dict[str, str]:
    """In-Reply-To/References so the customer's client threads our mail; replies go
    to the municipal address, so they come back into the intake."""
    headers = {"Reply-To": settings.KCC_INBOUND_EMAIL}
    if item.message_id:
        known = [*item.references.split(), *item.in_reply_to.split(), item.message_id]
        references = list(dict.fromkeys(known))
        headers["In-Reply-To"] = f"<{item.message_id}>"
        headers["References"] = " ".join(f"<{ref}>" for ref in references[-20:])
    return headers


def _acknowledge(item: InkomendeEmail) -> None:
    """The automatic acknowledgement with the promised answer date: for a new
    thread-starting mail only (never for auto-replies, bounces, lists, quarantine)."""
    if item.status != InkomendeEmail.Status.NIEUW or item.origineel_id:
        return
    address = _answer_address(item)
    if not _valid_email(address):
        item.verwerkingsnotities = "\n".join(
            filter(
                None,
                [item.verwerkingsnotities, "Geen ontvangstbevestiging: geen geldig afzenderadres."],
            )
        )
        item.save(update_fields=["verwerkingsnotities"])
        return
    bericht_from_template(
        code="email_ontvangstbevestiging",
        context={
            "naam": item.afzender_naam or "heer/mevrouw",
            "onderwerp": _reply_subject(item, ""),
            "referentie": item.referentie,
            "uiterlijk": item.deadline,
        },
        email=address,
        partij_uuid=item.partij.uuid if item.partij else None,
        aanleiding=f"Ontvangstbevestiging e-mail {item.referentie}",
        dedupe_key=f"kanalen:ontvangstbevestiging:{item.uuid}",
        # RFC 3834: other autoresponders do not answer this one.
        headers={**_thread_headers(item), "Auto-Submitted": "auto-replied"},
    )


def _lock_open(email: InkomendeEmail, medewerker: Medewerker) -> InkomendeEmail:
    """The item, locked, when it is open and not claimed by someone else."""
    item = (
        InkomendeEmail.objects.select_for_update(of=("self",))
        .select_related("partij")
        .get(pk=email.pk)
    )
    if item.status not in OPEN_STATUSES:
        raise ValidationError({"status": "Deze e-mail is al afgehandeld."})
    if item.behandelaar_id and item.behandelaar_id != medewerker.pk:
        raise ValidationError({"behandelaar": f"{item.behandelaar} heeft deze e-mail al opgepakt."})
    return item


@transaction.atomic
def inkomende_email_claim(*, email: InkomendeEmail, medewerker: Medewerker) -> InkomendeEmail:
    """The medewerker takes the mail on ("oppakken"); nobody else can answer it then."""
    item = _lock_open(email, medewerker)
    item.behandelaar = medewerker
    item.status = InkomendeEmail.Status.IN_BEHANDELING
    item.save(update_fields=["behandelaar", "status"])
    return item


@transaction.atomic
def inkomende_email_release(*, email: InkomendeEmail, medewerker: Medewerker) -> InkomendeEmail:
    """Give a claimed mail back to the queue."""
    item = _lock_open(email, medewerker)
    item.behandelaar = None
    item.status = InkomendeEmail.Status.NIEUW
    item.save(update_fields=["behandelaar", "status"])
    return item


def _quote(item: InkomendeEmail) -> str:
    moment = timezone.localtime(item.datum or item.ontvangen_op)
    afzender = item.afzender_naam or item.afzender_email
    quoted = "\n".join(f"> {line}" if line else ">" for line in item.tekst.splitlines())
    return f"Op {datum_nl(moment.date())} om {moment:%H:%M} schreef {afzender}:\n{quoted}"


def _vraag_text(item: InkomendeEmail) -> str:
    return item.tekst.strip() or item.onderwerp or "(e-mail zonder tekst)"


def _onderwerp(item: InkomendeEmail) -> str:
    return (item.onderwerp.strip() or f"E-mail {item.referentie}")[:200]


def _close_thread(
    item: InkomendeEmail, *, status: str, medewerker: Medewerker, klantcontact=None, toelichting=""
) -> None:
    """Every open mail of the thread is handled with this one."""
    root = item.origineel or item
    InkomendeEmail.objects.filter(
        Q(pk=root.pk) | Q(origineel=root) | Q(pk=item.pk), status__in=OPEN_STATUSES
    ).update(
        status=status,
        behandelaar=medewerker,
        afgehandeld_op=timezone.now(),
        afhandeling_toelichting=toelichting,
        klantcontact=klantcontact,
    )


@transaction.atomic
def inkomende_email_answer(
    *, email: InkomendeEmail, medewerker: Medewerker, tekst: str
) -> EmailAntwoord:
    """Answer by e-mail through the outbox, with the original quoted; registers the
    klantcontact (kanaal e-mail, direct beantwoord)."""
    item = _lock_open(email, medewerker)
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf een antwoord."})
    address = _answer_address(item)
    if not _valid_email(address):
        raise ValidationError({"tekst": "De afzender heeft geen geldig e-mailadres."})
    inhoud = f"{tekst}\n\n{_quote(item)}\n"
    klantcontact = klantcontact_register(
        medewerker=medewerker,
        kanaal=Kanaal.EMAIL,
        partij=item.partij,
        onderwerp=_onderwerp(item),
        inhoud=inhoud,
        vragen=[
            VraagData(
                vraag=_vraag_text(item),
                onderwerp=_onderwerp(item),
                antwoord=tekst,
                afhandeling=Afhandeling.DIRECT_BEANTWOORD,
            )
        ],
    )
    onderwerp = _reply_subject(item, "Re: ")
    bericht = bericht_queue(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger=address,
        onderwerp=onderwerp,
        inhoud=inhoud,
        partij_uuid=item.partij.uuid if item.partij else None,
        klantcontact_uuid=klantcontact.uuid,
        aanleiding=f"Antwoord op e-mail {item.referentie}",
        headers=_thread_headers(item),
    )
    antwoord = EmailAntwoord.objects.create(
        email=item,
        medewerker=medewerker,
        aan=address,
        onderwerp=onderwerp,
        tekst=inhoud,
        message_id=message_id_for(bericht),
        bericht_uuid=bericht.uuid,
    )
    _close_thread(
        item,
        status=InkomendeEmail.Status.BEANTWOORD,
        medewerker=medewerker,
        klantcontact=klantcontact,
    )
    return antwoord


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


@transaction.atomic
def inkomende_email_forward(
    *, email: InkomendeEmail, medewerker: Medewerker, afdeling: Afdeling, toelichting: str = ""
) -> InkomendeEmail:
    """Hand the mail to an afdeling: a klantcontact (doorverbonden) with a
    contactverzoek due on the answer date promised to the customer."""
    item = _lock_open(email, medewerker)
    address = _answer_address(item)
    deadline = _end_of(item.deadline) if item.deadline else None
    klantcontact = klantcontact_register(
        medewerker=medewerker,
        kanaal=Kanaal.EMAIL,
        partij=item.partij,
        onderwerp=_onderwerp(item),
        inhoud=item.tekst,
        vragen=[
            VraagData(
                vraag=_vraag_text(item),
                onderwerp=_onderwerp(item),
                afhandeling=Afhandeling.DOORVERBONDEN,
                contactverzoek=ContactverzoekData(
                    gevraagde_handeling=f"E-mail {item.referentie} beantwoorden",
                    afdeling=afdeling,
                    toelichting=toelichting,
                    email=address if _valid_email(address) else "",
                    deadline=deadline if deadline and deadline > timezone.now() else None,
                ),
            )
        ],
    )
    _close_thread(
        item,
        status=InkomendeEmail.Status.DOORGESTUURD,
        medewerker=medewerker,
        klantcontact=klantcontact,
        toelichting=f"Doorgestuurd naar {afdeling}. {toelichting}".strip(),
    )
    item.refresh_from_db()
    return item


@transaction.atomic
def inkomende_email_to_zaak(
    *, email: InkomendeEmail, medewerker: Medewerker, product: Product, toelichting: str = ""
) -> InkomendeEmail:
    """The mail is an application: a klantcontact (aanvraag ingenomen) whose question
    starts the product's zaak at its afdeling, with the sender's partij as initiator."""
    item = _lock_open(email, medewerker)
    if product.zaaktype_id is None:
        raise ValidationError({"product": "Voor dit product kan geen zaak worden gestart."})
    vraag = _vraag_text(item)
    klantcontact = klantcontact_register(
        medewerker=medewerker,
        kanaal=Kanaal.EMAIL,
        partij=item.partij,
        onderwerp=_onderwerp(item),
        inhoud=item.tekst,
        vragen=[
            VraagData(
                vraag=f"{vraag}\n\n{toelichting.strip()}".strip(),
                product=product,
                onderwerp=_onderwerp(item),
                afhandeling=Afhandeling.AANVRAAG_INGENOMEN,
            )
        ],
    )
    zaak = zaak_list().filter(klantcontacten=klantcontact).first()
    _close_thread(
        item,
        status=InkomendeEmail.Status.DOORGESTUURD,
        medewerker=medewerker,
        klantcontact=klantcontact,
        toelichting=f"Zaak {zaak.identificatie} gestart ({product.naam}). {toelichting}".strip(),
    )
    item.refresh_from_db()
    return item


@transaction.atomic
def inkomende_email_close(
    *, email: InkomendeEmail, medewerker: Medewerker, reden: str
) -> InkomendeEmail:
    """Close without an answer (spam, a thank-you, a duplicate): no klantcontact."""
    item = _lock_open(email, medewerker)
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden op."})
    _close_thread(
        item,
        status=InkomendeEmail.Status.GESLOTEN,
        medewerker=medewerker,
        toelichting=reden.strip(),
    )
    item.refresh_from_db()
    return item


# --- Public web forms --------------------------------------------------------

TIJDVAKKEN = {
    "ochtend": "ochtend (9.00–12.00 uur)",
    "middag": "middag (12.00–17.00 uur)",
    "geen": "geen voorkeur",
}


def _webformulier_afdeling(product: Product | None) -> Afdeling:
    if product is not None and product.behandelende_afdeling_id:
        return product.behandelende_afdeling
    afdeling = afdeling_list(actief=True).filter(code=settings.KCC_WEBFORMULIER_AFDELING).first()
    if afdeling is None:
        raise ValidationError(
            f"Afdeling '{settings.KCC_WEBFORMULIER_AFDELING}' voor webformulieren bestaat niet."
        )
    return afdeling


def _webformulier_deadline(start: datetime, product: Product | None) -> datetime | None:
    norm = servicenorm_for(kanaal=Servicenorm.Kanaal.WEBFORMULIER, product=product)
    if norm is None:
        return None  # the contactverzoek norm of the contacts app applies
    return deadline_for(start, amount=norm.termijn, unit=norm.eenheid)


@transaction.atomic
def webformulier_submit(
    *,
    soort: str,
    naam: str,
    vraag: str,
    email: str = "",
    telefoon: str = "",
    product: Product | None = None,
    onderwerp: str = "",
    tijdvak: str = "",
) -> Webformulier:
    """A public web form: klantcontact (kanaal webformulier) with a contactverzoek
    for the product's afdeling or the KCC, and a confirmation e-mail."""
    now = timezone.now()
    terugbellen = soort == Webformulier.Soort.TERUGBELLEN
    referentie = _next_referentie(now, prefix="WF")
    onderwerp = (onderwerp.strip() or (product.naam if product else "Vraag via webformulier"))[:200]
    details = [f"Naam: {naam}"]
    if telefoon:
        details.append(f"Telefoon: {telefoon}")
    if email:
        details.append(f"E-mail: {email}")
    if terugbellen:
        details.append(f"Voorkeur: {TIJDVAKKEN.get(tijdvak, tijdvak)}")
    details.append(f"Referentie: {referentie}")
    deadline = _webformulier_deadline(now, product)
    klantcontact = klantcontact_register(
        medewerker=None,
        kanaal=Kanaal.WEBFORMULIER,
        partij=partij_by_email(email) if email else None,
        onderwerp=onderwerp,
        inhoud="\n".join(details),
        plaatsgevonden_op=now,
        vragen=[
            VraagData(
                vraag=vraag,
                product=product,
                onderwerp=onderwerp,
                afhandeling=Afhandeling.TERUGBELVERZOEK
                if terugbellen
                else Afhandeling.DOORVERBONDEN,
                contactverzoek=ContactverzoekData(
                    gevraagde_handeling=(
                        f"Terugbellen, voorkeur {TIJDVAKKEN.get(tijdvak, tijdvak)}"
                        if terugbellen
                        else "Vraag via webformulier beantwoorden"
                    ),
                    afdeling=_webformulier_afdeling(product),
                    # Number and address have their own fields on the contactverzoek.
                    toelichting=f"Naam: {naam}\nReferentie: {referentie}",
                    terugbelnummer=telefoon,
                    email=email,
                    deadline=deadline,
                ),
            )
        ],
    )
    inzending = Webformulier.objects.create(
        referentie=referentie, soort=soort, klantcontact=klantcontact, ingediend_op=now
    )
    if email:
        contactverzoek = klantcontact.contactverzoeken.get()
        bericht_from_template(
            code="webformulier_bevestiging",
            context={
                "naam": naam,
                "terugbellen": terugbellen,
                "referentie": referentie,
                "uiterlijk": timezone.localtime(contactverzoek.deadline).date(),
            },
            email=email,
            partij_uuid=klantcontact.partij.uuid if klantcontact.partij else None,
            klantcontact_uuid=klantcontact.uuid,
            aanleiding=f"Bevestiging webformulier {referentie}",
            headers={"Reply-To": settings.KCC_INBOUND_EMAIL, "Auto-Submitted": "auto-replied"},
        )
    return inzending


@dataclass(frozen=True)
class Aanvrager:
    """Who applies on the website, as they typed it (not checked against the BRP)."""

    voornaam: str
    achternaam: str
    email: str
    postcode: str
    huisnummer: int
    tussenvoegsel: str = ""
    huisnummertoevoeging: str = ""
    telefoon: str = ""

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornaam, self.tussenvoegsel, self.achternaam) if p)

    @property
    def adres(self) -> str:
        toevoeging = f"-{self.huisnummertoevoeging}" if self.huisnummertoevoeging else ""
        return f"{self.postcode} {self.huisnummer}{toevoeging}"


def _aanvrager_partij(aanvrager: Aanvrager) -> Partij:
    """The one partij with this e-mail address (as the other web forms match), or a new
    person with what was typed: without a BSN it stays unverified until an agent links
    it to the BRP."""
    partij = partij_by_email(aanvrager.email)
    if partij is not None:
        return partij
    return partij_create(
        soort=Partij.Soort.PERSOON,
        voornaam=aanvrager.voornaam,
        voorvoegsel_achternaam=aanvrager.tussenvoegsel,
        achternaam=aanvrager.achternaam,
        adressen=[
            AdresData(
                postcode=aanvrager.postcode,
                huisnummer=aanvrager.huisnummer,
                toevoeging=aanvrager.huisnummertoevoeging,
            )
        ],
        emails=[aanvrager.email],
        telefoonnummers=[aanvrager.telefoon] if aanvrager.telefoon else [],
    )


@transaction.atomic
def webaanvraag_submit(
    *,
    product: Product,
    aanvrager: Aanvrager,
    antwoorden: list[tuple[str, str]],
    documenten: list[tuple[str, UploadedFile]],
) -> Zaak:
    """An application on the website: a klantcontact (kanaal webformulier) and the zaak
    of the product's zaaktype with the answers and the uploads as its documents. The
    zaak intake sends the receipt with the status-page link; the zaaknummer is the
    reference."""
    now = timezone.now()
    partij = _aanvrager_partij(aanvrager)
    onderwerp = f"Aanvraag {product.naam}"[:200]
    gegevens = [
        ("Naam", aanvrager.naam),
        ("Adres", aanvrager.adres),
        ("E-mailadres", aanvrager.email),
        ("Telefoonnummer", aanvrager.telefoon),
        *antwoorden,
    ]
    # An application taken in starts the product's zaak (contacts → zaak intake),
    # which sends the receipt to the partij's address.
    klantcontact = klantcontact_register(
        medewerker=None,
        kanaal=Kanaal.WEBFORMULIER,
        partij=partij,
        onderwerp=onderwerp,
        inhoud="\n".join(f"{vraag}: {antwoord}" for vraag, antwoord in gegevens[:4] if antwoord),
        plaatsgevonden_op=now,
        vragen=[
            VraagData(
                vraag="Aangevraagd via de website; de gegevens van de aanvrager zijn niet "
                "gecontroleerd.",
                product=product,
                onderwerp=onderwerp,
                afhandeling=Afhandeling.AANVRAAG_INGENOMEN,
                aanvraaggegevens=[
                    {"vraag": vraag, "antwoord": antwoord}
                    for vraag, antwoord in gegevens
                    if antwoord
                ],
            )
        ],
    )
    zaak = zaak_for_klantcontact(klantcontact=klantcontact)
    for titel, bestand in documenten:
        zaak_document_add(zaak=zaak, bestand=bestand, door=None, titel=titel)
    Webformulier.objects.create(
        referentie=zaak.identificatie,
        soort=Webformulier.Soort.AANVRAAG,
        klantcontact=klantcontact,
        ingediend_op=now,
    )
    return zaak


def inkomende_emails_view_record(*, user, emails, reason: str, request=None) -> int:
    """A list of e-mails shows each sender: one line in the processing log per e-mail."""
    return audit_log_record_many(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="inkomende-email",
        objects=[
            AuditObject(
                item.uuid,
                f"{item.referentie} {item.afzender_email}",
                item.partij.uuid if item.partij_id else None,
            )
            for item in emails
        ],
        reason=reason,
        request=request,
    )


@transaction.atomic
def inkomende_emails_sla_drempels_recompute() -> int:
    """Store the SLA thresholds of every unanswered e-mail anew (registered with
    kcc.sla): from its receipt to the end of its answer date."""
    return sla.recompute_rows(
        InkomendeEmail.objects.filter(status__in=OPEN_EMAIL_STATUSSEN).only(
            "pk", "ontvangen_op", "deadline"
        ),
        lambda email: (email.ontvangen_op, end_of_day(email.deadline)) if email.deadline else None,
    )
