"""Writes on the shared parts: organisation, the audit log and the outbox."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from kcc import outbox
from kcc.models import Afdeling, AuditLogEntry, Bericht, BerichtBijlage, Medewerker, Team

User = get_user_model()


@dataclass(frozen=True)
class AuditObject:
    """One object in a list that was shown, for `audit_log_record_many`."""

    object_uuid: object
    description: str = ""
    partij_uuid: uuid.UUID | None = None


# A reason the user gives with an API request (e.g. the klantcontact in progress).
REASON_HEADER = "X-Reden"


def _audit_entry(
    *, user, action, object_type, obj: AuditObject, reason, via, request
) -> AuditLogEntry:
    authenticated = user is not None and user.is_authenticated
    if request is not None and (given := request.headers.get(REASON_HEADER, "").strip()):
        reason = f"{reason}: {given}" if reason else given
    return AuditLogEntry(
        user=user if authenticated else None,
        gebruikersnaam=user.get_username() if authenticated else "",
        actie=action,
        object_type=object_type,
        object_uuid=str(obj.object_uuid or ""),
        object_omschrijving=obj.description[:255],
        partij_uuid=obj.partij_uuid,
        reden=reason[:255],
        kanaal=via,
        context=request.path[:255] if request is not None else "",
        ip_adres=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


def audit_log_record(
    *,
    user,
    action: str,
    object_type: str,
    object_uuid: str = "",
    description: str = "",
    partij_uuid=None,
    reason: str = "",
    via: str = "ui",
    request: HttpRequest | None = None,
) -> AuditLogEntry:
    """Log one action on an object; call it on every view of personal data."""
    entry = _audit_entry(
        user=user,
        action=action,
        object_type=object_type,
        obj=AuditObject(object_uuid, description, partij_uuid),
        reason=reason,
        via=via,
        request=request,
    )
    entry.save()
    return entry


def audit_log_record_many(
    *,
    user,
    action: str,
    object_type: str,
    objects: Iterable[AuditObject],
    reason: str = "",
    via: str = "ui",
    request: HttpRequest | None = None,
) -> int:
    """Log a list that was shown: one line per object (so each partij's inzage finds
    it), written in one INSERT."""
    entries = [
        _audit_entry(
            user=user,
            action=action,
            object_type=object_type,
            obj=obj,
            reason=reason,
            via=via,
            request=request,
        )
        for obj in objects
    ]
    AuditLogEntry.objects.bulk_create(entries)
    return len(entries)


def verwerkingslog_view_record(
    *, user, partij, action: str, reason: str, via: str = "ui", request=None
) -> AuditLogEntry:
    """Looking at a partij's processing log is itself a processing of its data."""
    return audit_log_record(
        user=user,
        action=action,
        object_type="verwerkingslog",
        object_uuid=partij.uuid,
        description=partij.naam,
        partij_uuid=partij.uuid,
        reason=reason,
        via=via,
        request=request,
    )


def afdeling_create(
    *, naam: str, code: str, parent: Afdeling | None = None, email: str = ""
) -> Afdeling:
    afdeling = Afdeling(naam=naam, code=code, parent=parent, email=email)
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def medewerker_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    afdeling: Afdeling | None = None,
    team: Team | None = None,
    roles: list[str] = (),
    functie: str = "",
    vaardigheden: list[str] = (),
    is_staff: bool = False,
) -> Medewerker:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    return Medewerker.objects.create(
        user=user,
        afdeling=afdeling,
        team=team,
        functie=functie,
        vaardigheden=list(vaardigheden),
    )


def bericht_queue(
    *,
    kanaal: str,
    ontvanger: str,
    inhoud: str,
    onderwerp: str = "",
    inhoud_html: str = "",
    partij_uuid: uuid.UUID | None = None,
    zaak_uuid: uuid.UUID | None = None,
    klantcontact_uuid: uuid.UUID | None = None,
    aanleiding: str = "",
    dedupe_key: str | None = None,
    bijlage_volgt: bool = False,
    headers: dict[str, str] | None = None,
) -> Bericht:
    """Queue an outgoing message in the caller's transaction (the outbox).

    Call it inside the transaction.atomic() of the change that causes it: a
    rollback leaves no bericht; a commit hands it to Celery. A dedupe_key that
    was used before returns the bericht queued then, and queues nothing.

    `bijlage_volgt`: an attachment is still being made (`bericht_bijlage_add`
    releases the bericht); should that never happen, the sweep sends it without
    after KCC_OUTBOX_BIJLAGE_WAIT_SECONDS, so it is late but never lost.
    """
    if dedupe_key and (existing := Bericht.objects.filter(dedupe_key=dedupe_key).first()):
        return existing
    bericht = Bericht(
        kanaal=kanaal,
        ontvanger=ontvanger.strip(),
        onderwerp=onderwerp,
        inhoud=inhoud,
        inhoud_html=inhoud_html,
        partij_uuid=partij_uuid,
        zaak_uuid=zaak_uuid,
        klantcontact_uuid=klantcontact_uuid,
        aanleiding=aanleiding,
        dedupe_key=dedupe_key or None,
        headers=headers or {},
        # The task queued below owns it; the sweep steps in only when that hint is lost.
        volgende_poging_op=timezone.now()
        + timedelta(
            seconds=settings.KCC_OUTBOX_BIJLAGE_WAIT_SECONDS
            if bijlage_volgt
            else settings.KCC_OUTBOX_LEASE_SECONDS
        ),
    )
    bericht.full_clean(exclude=["dedupe_key"])
    if kanaal == Bericht.Kanaal.EMAIL:
        try:
            validate_email(bericht.ontvanger)
        except ValidationError:
            raise ValidationError({"ontvanger": ["Dit is geen geldig e-mailadres."]}) from None
    try:
        with transaction.atomic():
            bericht.save()
    except IntegrityError:
        # The same dedupe_key was queued at the same moment by another transaction.
        return Bericht.objects.get(dedupe_key=dedupe_key)
    if not bijlage_volgt:
        transaction.on_commit(partial(outbox.enqueue, bericht.pk), robust=True)
    return bericht


@transaction.atomic
def bericht_bijlage_add(
    *, bericht: Bericht, bestandsnaam: str, formaat: str, inhoud: bytes
) -> BerichtBijlage:
    """Attach a file to an unsent bericht and hand it to delivery now."""
    bericht = Bericht.objects.select_for_update().get(pk=bericht.pk)
    if bericht.status != Bericht.Status.TE_VERSTUREN:
        raise ValidationError({"bericht": ["Dit bericht is al verstuurd."]})
    bijlage = BerichtBijlage(bericht=bericht, bestandsnaam=bestandsnaam, formaat=formaat)
    bijlage.bestand.save(bestandsnaam, ContentFile(inhoud), save=False)
    bijlage.save()
    bericht.volgende_poging_op = timezone.now() + timedelta(
        seconds=settings.KCC_OUTBOX_LEASE_SECONDS
    )
    bericht.save(update_fields=["volgende_poging_op"])
    transaction.on_commit(partial(outbox.enqueue, bericht.pk), robust=True)
    return bijlage


@transaction.atomic
def bericht_requeue(*, bericht: Bericht) -> Bericht:
    """Try a parked or retrying bericht again now, with a fresh count of attempts."""
    if bericht.status == Bericht.Status.VERSTUURD:
        raise ValidationError({"status": ["Dit bericht is al verstuurd."]})
    bericht.status = Bericht.Status.TE_VERSTUREN
    bericht.pogingen = 0
    bericht.volgende_poging_op = timezone.now() + timedelta(
        seconds=settings.KCC_OUTBOX_LEASE_SECONDS
    )
    bericht.save(update_fields=["status", "pogingen", "volgende_poging_op"])
    transaction.on_commit(partial(outbox.enqueue, bericht.pk), robust=True)
    return bericht
