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
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from kcc import berichtsjablonen, lookups, outbox, sla, sms, statements
from kcc.models import (
    Afdeling,
    AuditLogEntry,
    Bericht,
    BerichtBijlage,
    BerichtSjabloon,
    Campagne,
    Escalatieregel,
    Medewerker,
    Notificatie,
    SlaGebeurtenis,
    SlaSweepStand,
    Team,
)
from kcc.selectors import afdeling_ancestor_ids, teamleider_user_ids

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
    statements.insert(entry)
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
    if entries:
        statements.insert(*entries)
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
    # The uniques are the database's to check: dedupe_key above, uuid is new.
    bericht.full_clean(exclude=["dedupe_key"], validate_unique=False)
    if kanaal == Bericht.Kanaal.EMAIL:
        try:
            validate_email(bericht.ontvanger)
        except ValidationError:
            raise ValidationError({"ontvanger": ["Dit is geen geldig e-mailadres."]}) from None
    if kanaal == Bericht.Kanaal.SMS:
        bericht.ontvanger = sms.mobile_number(bericht.ontvanger) or ""
        if not bericht.ontvanger:
            raise ValidationError({"ontvanger": ["Dit is geen geldig mobiel telefoonnummer."]})
    if dedupe_key:
        # The unique index answers whether it was queued before (by an earlier
        # transaction or one committing at the same moment): one INSERT, no look-up.
        if not statements.insert_unless_conflict(bericht):
            return Bericht.objects.get(dedupe_key=dedupe_key)
    else:
        statements.insert(bericht)
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


# --- SLA monitoring ---------------------------------------------------------


def _sla_tekst(gebeurtenis: SlaGebeurtenis) -> str:
    deadline = timezone.localtime(gebeurtenis.deadline)
    return gettext("%(soort)s: %(item)s (termijn %(deadline)s)") % {
        "soort": gebeurtenis.get_soort_display().capitalize(),
        "item": gebeurtenis.omschrijving,
        "deadline": f"{deadline:%d-%m-%Y %H:%M}",
    }


class _Ontvangers:
    """Who hears of a crossing: the afdeling's escalation rules for that soort (an
    afdeling without rules for it takes those of the nearest afdeling above it that
    has them), else the behandelaar, else the teamleiders of the item's team or
    afdeling. Looked up once per sweep."""

    def __init__(self, gebeurtenissen: list[SlaGebeurtenis]) -> None:
        afdeling_ids = {g.afdeling_id for g in gebeurtenissen if g.afdeling_id}
        self.ketens = afdeling_ancestor_ids(afdeling_ids)
        self.regels: dict[tuple[int, str], list[Escalatieregel]] = {}
        for regel in Escalatieregel.objects.filter(
            afdeling_id__in={a for keten in self.ketens.values() for a in keten}
        ).select_related("afdeling"):
            self.regels.setdefault((regel.afdeling_id, regel.soort), []).append(regel)
        self.users = dict(
            Medewerker.objects.filter(
                pk__in={g.behandelaar_id for g in gebeurtenissen if g.behandelaar_id},
                user__is_active=True,
            ).values_list("pk", "user_id")
        )
        self._teamleiders: dict[tuple, list[int]] = {}

    def teamleiders(self, afdeling_id: int | None, team_id: int | None) -> list[int]:
        key = (afdeling_id, team_id)
        if key not in self._teamleiders:
            self._teamleiders[key] = teamleider_user_ids(afdeling_id=afdeling_id, team_id=team_id)
        return self._teamleiders[key]

    def voor(self, gebeurtenis: SlaGebeurtenis, team_id: int | None) -> tuple[set[int], set[str]]:
        """The user ids and mailbox addresses for one crossing."""
        regels = next(
            (
                self.regels[(afdeling_id, gebeurtenis.soort)]
                for afdeling_id in self.ketens.get(gebeurtenis.afdeling_id, [])
                if (afdeling_id, gebeurtenis.soort) in self.regels
            ),
            None,
        )
        soorten = [(r.ontvanger, r) for r in regels] if regels else [("behandelaar", None)]
        users, mailboxes = set(), set()
        for ontvanger, regel in soorten:
            if ontvanger == Escalatieregel.Ontvanger.POSTVAK:
                if address := (regel.email or regel.afdeling.email):
                    mailboxes.add(address)
                continue
            user_id = self.users.get(gebeurtenis.behandelaar_id)
            if ontvanger == Escalatieregel.Ontvanger.BEHANDELAAR and user_id:
                users.add(user_id)
            else:
                users.update(self.teamleiders(gebeurtenis.afdeling_id, team_id))
        return users, mailboxes


def _sla_notify(gebeurtenissen: list[tuple[SlaGebeurtenis, int | None]], *, now) -> None:
    ontvangers = _Ontvangers([g for g, _team in gebeurtenissen])
    notificaties = []
    for gebeurtenis, team_id in gebeurtenissen:
        users, mailboxes = ontvangers.voor(gebeurtenis, team_id)
        tekst = _sla_tekst(gebeurtenis)
        notificaties += [
            Notificatie(
                ontvanger_id=user_id,
                tekst=tekst,
                link=gebeurtenis.link,
                aangemaakt=now,
                gebeurtenis=gebeurtenis,
            )
            for user_id in sorted(users)
        ]
        for address in sorted(mailboxes):
            bericht_queue(
                kanaal=Bericht.Kanaal.EMAIL,
                ontvanger=address,
                onderwerp=tekst[:255],
                inhoud=f"{tekst}\n\n{settings.KCC_PUBLIC_URL}{gebeurtenis.link}\n",
                aanleiding=gettext("Termijnbewaking"),
                dedupe_key=f"sla:{gebeurtenis.uuid}:{address}",
            )
    Notificatie.objects.bulk_create(notificaties, ignore_conflicts=True)


@transaction.atomic
def sla_sweep(*, now=None) -> int:
    """Record every threshold crossed since the previous sweep, once, and notify.

    The row lock on the sweep's stand serialises concurrent sweeps, so each window
    (previous stand, now] is looked at once; the unique constraint on the events
    backs that up. Returns the number of new events.
    """
    now = now or timezone.now()
    SlaSweepStand.objects.get_or_create(
        pk=1,
        defaults={"tot": now - timedelta(hours=settings.KCC_SLA_INHAALPERIODE_UREN)},
    )
    stand = SlaSweepStand.objects.select_for_update().get(pk=1)
    if now <= stand.tot:
        return 0
    found = [
        (object_type, item.soort, item)
        for object_type, provider in sla.providers().items()
        for item in provider(stand.tot, now)
    ]
    # Per object type, so the unique constraint's index (object_type, object_uuid, …)
    # answers: the history grows, this look-up must not.
    uuids_per_type: dict[str, set] = {}
    for object_type, _soort, item in found:
        uuids_per_type.setdefault(object_type, set()).add(item.object_uuid)
    already = Q(pk__in=[])
    for object_type, uuids in uuids_per_type.items():
        already |= Q(object_type=object_type, object_uuid__in=uuids)
    recorded = set(
        SlaGebeurtenis.objects.filter(already)
        .order_by()
        .values_list("object_type", "object_uuid", "soort", "deadline")
    )
    nieuw = [
        (
            SlaGebeurtenis(
                object_type=object_type,
                object_uuid=item.object_uuid,
                omschrijving=item.omschrijving[:255],
                link=item.link,
                afdeling_id=item.afdeling_id,
                behandelaar_id=item.behandelaar_id,
                kanaal=item.kanaal,
                zaaktype_id=item.zaaktype_id,
                product_id=item.product_id,
                soort=soort,
                deadline=item.deadline,
                tijdstip=item.tijdstip,
                vastgelegd=now,
            ),
            item.team_id,
        )
        for object_type, soort, item in found
        if (object_type, item.object_uuid, soort, item.deadline) not in recorded
    ]
    SlaGebeurtenis.objects.bulk_create([gebeurtenis for gebeurtenis, _team in nieuw])
    _sla_notify(nieuw, now=now)
    stand.tot = now
    stand.save(update_fields=["tot"])
    return len(nieuw)


@transaction.atomic
def notificatie_mark_read(*, user, notificatie: Notificatie) -> Notificatie:
    if notificatie.ontvanger_id != user.pk:
        raise ValidationError({"notificatie": [gettext("Deze melding is niet voor u.")]})
    if not notificatie.gelezen:
        notificatie.gelezen = True
        notificatie.save(update_fields=["gelezen"])
    return notificatie


@transaction.atomic
def notificaties_mark_all_read(*, user) -> int:
    return Notificatie.objects.filter(ontvanger=user, gelezen=False).update(gelezen=True)


@transaction.atomic
def medewerker_dagoverzicht_set(*, medewerker: Medewerker, aan: bool) -> Medewerker:
    """Opt in to (or out of) the daily e-mail with unread meldingen."""
    medewerker.sla_dagoverzicht = aan
    medewerker.save(update_fields=["sla_dagoverzicht"])
    return medewerker


@transaction.atomic
def sla_dagoverzicht_send(*, now=None) -> int:
    """Queue one e-mail per opted-in medewerker with the unread meldingen of the last
    day (at most one per day each: the dedupe key holds the date)."""
    now = now or timezone.now()
    sent = 0
    medewerkers = Medewerker.objects.filter(sla_dagoverzicht=True, user__is_active=True).exclude(
        user__email=""
    )
    for medewerker in medewerkers.select_related("user"):
        meldingen = list(
            Notificatie.objects.filter(
                ontvanger=medewerker.user,
                gelezen=False,
                aangemaakt__gt=now - timedelta(days=1),
                aangemaakt__lte=now,
            ).order_by("aangemaakt", "pk")
        )
        if not meldingen:
            continue
        dag = timezone.localtime(now).date()
        regels = "\n".join(f"- {melding.tekst}" for melding in meldingen)
        bericht_queue(
            kanaal=Bericht.Kanaal.EMAIL,
            ontvanger=medewerker.user.email,
            onderwerp=gettext("Uw termijnmeldingen van %(dag)s") % {"dag": f"{dag:%d-%m-%Y}"},
            inhoud=gettext("Ongelezen meldingen van het afgelopen etmaal:\n\n%(regels)s\n")
            % {"regels": regels},
            aanleiding=gettext("Dagelijks overzicht termijnmeldingen"),
            dedupe_key=f"sla-dagoverzicht:{medewerker.user_id}:{dag.isoformat()}",
        )
        sent += 1
    return sent


def _template_texts(code: str) -> dict[str, tuple[str, str] | None]:
    """Per kanaal the beheerder's text for this soort, else the default one (one query,
    kept per process: every intake and status change asks)."""

    def load() -> dict[str, tuple[str, str] | None]:
        stored = {
            sjabloon.kanaal: (sjabloon.onderwerp, sjabloon.inhoud)
            for sjabloon in BerichtSjabloon.objects.filter(code=code)
        }
        return {
            kanaal: stored.get(kanaal) or berichtsjablonen.default_text(code, kanaal)
            for kanaal in Bericht.Kanaal.values
        }

    return lookups.cached("berichtsjabloon", code, load)


def bericht_from_template(
    *,
    code: str,
    context: dict,
    email: str = "",
    telefoon: str = "",
    voorkeur: str = Bericht.Kanaal.EMAIL,
    partij_uuid: uuid.UUID | None = None,
    zaak_uuid: uuid.UUID | None = None,
    klantcontact_uuid: uuid.UUID | None = None,
    aanleiding: str = "",
    dedupe_key: str | None = None,
    bijlage_volgt: bool = False,
    headers: dict[str, str] | None = None,
    teksten: dict[str, tuple[str, str]] | None = None,
) -> Bericht | None:
    """Queue the bericht of this soort (kcc/berichtsjablonen.py) from its template, in
    the caller's transaction; None when there is no address to send it to.

    By SMS when that is the partij's preference, the soort has an SMS text and there
    is a number. An invalid number falls back to e-mail when there is an address,
    otherwise the bericht is parked (mislukt) with the reason, so the beheerder and
    the agent see why the customer heard nothing. `teksten` (per kanaal) replaces the
    stored templates, e.g. for a campagne.
    """

    per_kanaal = teksten if teksten is not None else _template_texts(code)

    def texts(kanaal: str) -> tuple[str, str] | None:
        return per_kanaal.get(kanaal)

    context = {"organisatie": settings.KCC_ORGANISATION_NAME, **context}
    refs = {
        "partij_uuid": partij_uuid,
        "zaak_uuid": zaak_uuid,
        "klantcontact_uuid": klantcontact_uuid,
        "dedupe_key": dedupe_key,
    }

    def queue(kanaal: str, ontvanger: str, reden: str = "") -> Bericht:
        onderwerp, inhoud = _render(texts(kanaal), context)
        return bericht_queue(
            kanaal=kanaal,
            ontvanger=ontvanger,
            onderwerp=onderwerp,
            inhoud=inhoud,
            aanleiding=f"{aanleiding} ({reden})" if reden else aanleiding,
            bijlage_volgt=bijlage_volgt and kanaal == Bericht.Kanaal.EMAIL,
            headers=headers if kanaal == Bericht.Kanaal.EMAIL else None,
            **refs,
        )

    sms_text = texts(Bericht.Kanaal.SMS)
    if voorkeur == Bericht.Kanaal.SMS and telefoon.strip() and sms_text:
        if sms.mobile_number(telefoon):
            return queue(Bericht.Kanaal.SMS, telefoon)
        reden = f"geen geldig mobiel nummer voor sms: {telefoon.strip()}"
        if email:
            return queue(Bericht.Kanaal.EMAIL, email, reden=f"per e-mail, {reden}")
        return _bericht_park(
            kanaal=Bericht.Kanaal.SMS,
            ontvanger=telefoon.strip(),
            inhoud=_render(sms_text, context)[1],
            aanleiding=aanleiding,
            reden=reden[:1].upper() + reden[1:],
            **refs,
        )
    if email and texts(Bericht.Kanaal.EMAIL):
        return queue(Bericht.Kanaal.EMAIL, email)
    return None


def _render(texts: tuple[str, str], context: dict) -> tuple[str, str]:
    onderwerp, inhoud = texts
    return berichtsjablonen.render(onderwerp=onderwerp, inhoud=inhoud, context=context)


def _bericht_park(*, kanaal: str, ontvanger: str, inhoud: str, reden: str, **fields) -> Bericht:
    """A bericht that cannot go, kept as mislukt with the reason (never sent)."""
    dedupe_key = fields.get("dedupe_key")
    if dedupe_key and (existing := Bericht.objects.filter(dedupe_key=dedupe_key).first()):
        return existing
    return Bericht.objects.create(
        kanaal=kanaal,
        ontvanger=ontvanger[:254],
        inhoud=inhoud,
        status=Bericht.Status.MISLUKT,
        laatste_fout=reden,
        **fields,
    )


def campagnes_send(*, now=None) -> int:
    """Send every due campagne: one bericht per partij (by their preferred kanaal
    where the campagne has that text), each campagne once. Answers how many berichten."""
    from contacts import selectors as contacts_selectors

    now = now or timezone.now()
    total = 0
    while True:
        with transaction.atomic():
            campagne = (
                Campagne.objects.select_for_update(skip_locked=True)
                .filter(status=Campagne.Status.GEPLAND, verstuur_op__lte=now)
                .order_by("verstuur_op")
                .first()
            )
            if campagne is None:
                return total
            teksten = {Bericht.Kanaal.EMAIL: (campagne.onderwerp, campagne.inhoud)}
            aantal = 0
            for partij in contacts_selectors.partijen_by_uuid(campagne.partijen):
                bericht = bericht_from_template(
                    code="campagne",
                    context={"naam": partij.naam},
                    email=contacts_selectors.partij_email(partij),
                    partij_uuid=partij.uuid,
                    aanleiding=f"Campagne '{campagne.naam}'",
                    dedupe_key=f"campagne:{campagne.uuid}:{partij.uuid}",
                    teksten=teksten,
                )
                aantal += bericht is not None
            campagne.status = Campagne.Status.VERSTUURD
            campagne.verstuurd_op = timezone.now()
            campagne.aantal_berichten = aantal
            campagne.save(update_fields=["status", "verstuurd_op", "aantal_berichten"])
            total += aantal
