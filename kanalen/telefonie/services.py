"""Writes of the telephony channel: CTI events in, screen-pops out."""

import datetime
import hashlib
import secrets
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from contacts.identifiers import normalise_phone
from contacts.selectors import partij_search
from kanalen.models import TelefonieKoppeling, TelefoonGebeurtenis, Telefoongesprek
from kanalen.telefonie.events import screenpop_publish
from kcc.models import AuditLogEntry, Medewerker
from kcc.services import AuditObject, audit_log_record_many

Status = Telefoongesprek.Status
# A late event never moves a call back (an "answered" after "ended" only fills in a time).
_RANK = {Status.RINGING: 0, Status.ANSWERED: 1, Status.ENDED: 2, Status.ABANDONED: 2}


def token_hash(token: str) -> str:
    # Tokens are 256 random bits: a plain SHA-256 suffices (no guessing to slow down).
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def telefonie_koppeling_create(
    *, naam: str, platform: str, token: str | None = None
) -> tuple[TelefonieKoppeling, str]:
    """A new platform with a fresh token; the token is returned once and stored hashed."""
    token = token or secrets.token_urlsafe(32)
    koppeling = TelefonieKoppeling.objects.create(
        naam=naam, platform=platform, token_hash=token_hash(token)
    )
    return koppeling, token


def _phone(value: str, field: str, errors: dict) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalise_phone(value)
    except ValidationError:
        errors[field] = [f"'{value}' is geen geldig telefoonnummer (E.164, zoals +31612345678)."]
        return ""


def _called_number(value: str, errors: dict) -> str:
    # The municipal number may be a short 14-number (14 026) that E.164 does not cover.
    compact = "".join(ch for ch in (value or "") if ch not in " -().")
    if compact.isdigit() and compact.startswith("14") and 5 <= len(compact) <= 7:
        return compact
    return _phone(value, "gebeld_nummer", errors)


def _screenpop_payload(gesprek: Telefoongesprek, event: str) -> dict:
    if gesprek.partij is not None:
        naam, url = gesprek.partij.naam, reverse("contacts:klantbeeld", args=[gesprek.partij.uuid])
    else:
        naam = ""
        url = reverse("contacts:klantcontact")
        if gesprek.beller:
            url += "?" + urlencode({"q": gesprek.beller})
    return {
        "gesprek": str(gesprek.uuid),
        "event": event,
        "beller": gesprek.beller,
        "naam": naam,
        "url": url,
        "wachtrij": gesprek.wachtrij,
    }


def telefoongesprek_event_process(
    *,
    koppeling: TelefonieKoppeling,
    extern_id: str,
    event: str,
    beller: str = "",
    gebeld_nummer: str = "",
    toestelnummer: str = "",
    wachtrij: str = "",
    wachttijd_seconden: int | None = None,
    tijdstip: datetime.datetime | None = None,
) -> tuple[Telefoongesprek, bool]:
    """Record one CTI event; returns (gesprek, recorded) — not recorded when this event
    of this call was received before. Bad input raises ValidationError and stores nothing.

    A "ringing" or "answered" event for an agent pops the caller in that agent's browser.
    """
    errors: dict[str, list[str]] = {}
    if event not in Status.values:
        errors["event"] = [f"Onbekende gebeurtenis '{event}'; kies uit {', '.join(Status.values)}."]
    if not extern_id.strip():
        errors["extern_id"] = ["Vul het id van het gesprek bij het platform in."]
    beller = _phone(beller, "beller", errors)
    gebeld_nummer = _called_number(gebeld_nummer, errors)
    medewerker = None
    toestelnummer = (toestelnummer or "").strip()
    if toestelnummer:
        medewerker = (
            Medewerker.objects.filter(toestelnummer=toestelnummer, user__is_active=True)
            .select_related("user")
            .first()
        )
        if medewerker is None:
            errors["toestelnummer"] = [f"Geen medewerker met toestelnummer {toestelnummer}."]
    if errors:
        raise ValidationError(errors)
    tijdstip = tijdstip or timezone.now()

    with transaction.atomic():
        gesprek, created = Telefoongesprek.objects.get_or_create(
            koppeling=koppeling,
            extern_id=extern_id,
            defaults={
                "beller": beller,
                "gebeld_nummer": gebeld_nummer,
                "begonnen_op": tijdstip,
                "partij": partij_search(telefoon=beller).first() if beller else None,
            },
        )
        # Serialise the events of one call; a replay must not record twice.
        gesprek = Telefoongesprek.objects.select_for_update().get(pk=gesprek.pk)
        if TelefoonGebeurtenis.objects.filter(gesprek=gesprek, event=event).exists():
            return gesprek, False
        TelefoonGebeurtenis.objects.create(
            gesprek=gesprek,
            event=event,
            tijdstip=tijdstip,
            gegevens={
                "beller": beller,
                "gebeld_nummer": gebeld_nummer,
                "toestelnummer": toestelnummer,
                "wachtrij": wachtrij,
                "wachttijd_seconden": wachttijd_seconden,
            },
        )
        _apply(
            gesprek,
            event=event,
            tijdstip=tijdstip,
            beller=beller,
            gebeld_nummer=gebeld_nummer,
            medewerker=medewerker,
            toestelnummer=toestelnummer,
            wachtrij=wachtrij,
            wachttijd_seconden=wachttijd_seconden,
        )
        gesprek.save()
        if medewerker is not None and event in (Status.RINGING, Status.ANSWERED):
            payload = _screenpop_payload(gesprek, event)
            transaction.on_commit(
                lambda: screenpop_publish(medewerker_uuid=medewerker.uuid, payload=payload)
            )
    return gesprek, True


def _apply(gesprek: Telefoongesprek, *, event: str, tijdstip, medewerker, **values) -> None:
    for name in ("beller", "gebeld_nummer", "toestelnummer", "wachtrij"):
        if values[name] and not getattr(gesprek, name):
            setattr(gesprek, name, values[name])
    if values["wachttijd_seconden"] is not None:
        gesprek.wachttijd_seconden = values["wachttijd_seconden"]
    if medewerker is not None:
        gesprek.medewerker = medewerker
    gesprek.begonnen_op = min(gesprek.begonnen_op, tijdstip)
    if event == Status.ANSWERED:
        gesprek.aangenomen_op = tijdstip
    elif event in (Status.ENDED, Status.ABANDONED):
        gesprek.beeindigd_op = tijdstip
    if gesprek.aangenomen_op and gesprek.beeindigd_op:
        gesprek.gespreksduur_seconden = max(
            int((gesprek.beeindigd_op - gesprek.aangenomen_op).total_seconds()), 0
        )
    new_status = event
    if event == Status.ENDED and gesprek.aangenomen_op is None:
        # Ended before anyone answered: the caller gave up waiting.
        new_status = Status.ABANDONED
    if _RANK[new_status] >= _RANK[gesprek.status]:
        gesprek.status = new_status
    if gesprek.wachttijd_seconden is None and gesprek.aangenomen_op:
        # The platform did not say: ringing until answered is the wait we saw.
        gesprek.wachttijd_seconden = max(
            int((gesprek.aangenomen_op - gesprek.begonnen_op).total_seconds()), 0
        )


def telefoongesprekken_view_record(*, user, gesprekken, reason: str, request=None) -> int:
    """Calls shown carry the caller's number: one line in the processing log per call."""
    return audit_log_record_many(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="telefoongesprek",
        objects=[
            AuditObject(g.uuid, g.beller or "anoniem", g.partij.uuid if g.partij_id else None)
            for g in gesprekken
        ],
        reason=reason,
        via="api",
        request=request,
    )
