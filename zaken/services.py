"""Writes on zaken: intake, statuses, suspension, extension, hand-overs, notes, documents.

Every service runs in one transaction and checks everything before it writes, so
bad input changes nothing. Errors are Dutch, keyed by field.
"""

import datetime
import logging
import secrets
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from catalogus.models import Product, Resultaattype, Statustype, Zaaktype
from contacts import selectors as contacts_selectors
from contacts.models import Kanaal, Klantcontact, Partij
from kcc import calendar, hints, lookups, related, sla, statements, uploads
from kcc.models import Afdeling, AuditLogEntry, Bericht, Eenheid, Medewerker
from kcc.services import audit_log_record, bericht_bijlage_add, bericht_from_template
from zaken import documents, receipts
from zaken import selectors as zaken_selectors
from zaken.models import Resultaat, Status, Zaak, ZaakDocument, ZaakNotitie

logger = logging.getLogger(__name__)

# The render task queued at intake has had its retries by then; the confirmation
# e-mail waits KCC_OUTBOX_BIJLAGE_WAIT_SECONDS (600 s) for its PDF, so the sweep
# (every minute) gets several chances before it goes without.
ONTVANGSTBEVESTIGING_INHAALTIJD = datetime.timedelta(minutes=2)
ONTVANGSTBEVESTIGING_INHAAL_BATCH = 50


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _local_now() -> datetime.datetime:
    return timezone.localtime()


def _as_moment(day: datetime.date) -> datetime.datetime:
    """A date as a moment for the calendar (deadlines count whole days)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _deadline(start: datetime.date, amount: int, unit: str) -> datetime.date:
    return calendar.deadline_for(_as_moment(start), amount=amount, unit=unit).date()


def _start_moment(zaak: Zaak) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(zaak.startdatum, datetime.time.min))


def _sla_drempels(zaak: Zaak) -> list[str]:
    """Store the SLA threshold moments of the zaak's legal term; the changed fields."""
    drempels = sla.drempels(
        _start_moment(zaak), calendar.end_of_day(zaak.uiterlijke_einddatum_afdoening)
    )
    for field, moment in drempels.as_fields().items():
        setattr(zaak, field, moment)
    return list(sla.DREMPEL_VELDEN.values())


def zaaknummers_take(*, jaar: int, aantal: int) -> list[tuple[str, int]]:
    """Per zaak of an intake, hoofdzaak first: its zaaknummer and the id its first
    status will have, in one query.

    Every year has its own Postgres sequence (zaken_zaaknummers makes it on first
    use): a number is never handed out twice and no intake waits for another's
    commit, but for the year's very first, which makes the sequence. An intake that
    rolls back leaves a gap. With its status id known, a zaak is inserted pointing
    at its first status and never updated (the foreign key is checked at commit)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nummer, nextval(pg_get_serial_sequence('zaken_status', 'id')) "
            "FROM zaken_zaaknummers(%s, %s) AS nummer ORDER BY nummer",
            [jaar, aantal],
        )
        rows = cursor.fetchall()
    return [
        (settings.KCC_ZAAK_IDENTIFICATIE.format(jaar=jaar, nummer=nummer), status_id)
        for nummer, status_id in rows
    ]


def zaaknummer_teller_zetten(*, jaar: int, laatste: int) -> None:
    """Continue the year's zaaknummers after `laatste` (for zaken written in bulk,
    such as generated benchmark data)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT zaken_zaaknummers(%s, 0)", [jaar])
        cursor.execute(
            "SELECT setval(format('zaken_zaaknummer_%%s', %s::integer)::regclass, %s)",
            [jaar, laatste],
        )


def _informeer(zaak: Zaak, *, code: str, context: dict, aanleiding: str, dedupe_key: str):
    """Queue a bericht of this soort for the initiator, by SMS when that is their
    preferred kanaal; without an address nothing is queued."""
    initiator = zaak.initiator
    return bericht_from_template(
        code=code,
        context={"naam": initiator.naam, "zaaknummer": zaak.identificatie, **context},
        email=contacts_selectors.partij_email(initiator),
        telefoon=contacts_selectors.partij_telefoon(initiator),
        voorkeur=Bericht.Kanaal.SMS
        if initiator.voorkeurskanaal == Kanaal.TELEFOON
        else Bericht.Kanaal.EMAIL,
        partij_uuid=initiator.uuid,
        zaak_uuid=zaak.uuid,
        aanleiding=aanleiding,
        dedupe_key=dedupe_key,
    )


def _status_bericht(zaak: Zaak, status: Status) -> None:
    """Tell the initiator about a status whose statustype says so (the status stands
    whether or not a bericht can go)."""
    statustype = status.statustype
    if not statustype.informeren or zaak.initiator is None:
        return
    _informeer(
        zaak,
        code="zaak_status",
        context={
            "status": statustype.omschrijving,
            "statustekst": statustype.statustekst or statustype.omschrijving,
            "zaaktype": zaak.zaaktype.omschrijving,
        },
        aanleiding=f"Status '{statustype.omschrijving}'",
        dedupe_key=f"zaak:{zaak.uuid}:status:{status.uuid}",
    )


def zaken_documenten_herinneren(*, vandaag: datetime.date | None = None) -> int:
    """Remind the initiator of every zaak suspended for KCC_DOCUMENTEN_HERINNERING_WERKDAGEN
    werkdagen or more that we wait for them; once per zaak per such period (the
    period is in the dedupe key, so a second run the same day sends nothing).
    Answers how many reminders were queued now."""
    vandaag = vandaag or timezone.localdate()
    werkdagen = settings.KCC_DOCUMENTEN_HERINNERING_WERKDAGEN
    grens = calendar.add_working_days(vandaag, -werkdagen) + datetime.timedelta(days=1)
    started = timezone.now()
    queued = 0
    for zaak in zaken_selectors.zaken_wachtend_op_klant(opgeschort_voor=_as_moment(grens)):
        sinds = timezone.localdate(zaak.opschorting_sinds)
        periode = calendar.working_days_between(sinds, vandaag) // werkdagen
        if periode < 1:
            continue
        with transaction.atomic():
            bericht = _informeer(
                zaak,
                code="documenten_herinnering",
                context={
                    "zaaktype": zaak.zaaktype.omschrijving,
                    "reden": zaak.opschorting_reden,
                    "sinds": sinds,
                    "statuspagina_url": f"{settings.KCC_PUBLIC_URL}/zaak/{zaak.status_token}",
                },
                aanleiding="Herinnering documenten",
                dedupe_key=f"zaak:{zaak.uuid}:documenten:{zaak.opschorting_sinds:%Y%m%d%H%M%S}"
                f":{periode}",
            )
        queued += bericht is not None and bericht.aangemaakt >= started
    return queued


def _status_create(
    zaak: Zaak, statustype: Statustype, door: Medewerker | None, toelichting: str = ""
) -> Status:
    """The new current status, and its bericht when the statustype informs."""
    status = Status.objects.create(
        zaak=zaak,
        statustype=statustype,
        datum_status_gezet=timezone.now(),
        statustoelichting=toelichting,
        gezet_door=door,
    )
    zaak.status = status
    _status_bericht(zaak, status)
    return status


def _ontvangstbevestiging_bericht(zaak: Zaak, email: str) -> Bericht | None:
    if not email:
        return None
    return bericht_from_template(
        code="zaak_ontvangstbevestiging",
        context={
            "naam": zaak.initiator.naam,
            "zaaknummer": zaak.identificatie,
            "product": zaak.product.naam if zaak.product else zaak.zaaktype.omschrijving,
            "uiterlijk": zaak.uiterlijke_einddatum_afdoening,
            "statuspagina_url": f"{settings.KCC_PUBLIC_URL}/zaak/{zaak.status_token}",
        },
        email=email,
        partij_uuid=zaak.initiator.uuid,
        zaak_uuid=zaak.uuid,
        aanleiding="Ontvangstbevestiging",
        dedupe_key=_ontvangstbevestiging_key(zaak),
        # The receipt PDF is rendered in the background and attached then.
        bijlage_volgt=True,
    )


def _ontvangstbevestiging_hint(zaak_ids: list[int]) -> None:
    from zaken.tasks import render_ontvangstbevestigingen

    render_ontvangstbevestigingen.delay(zaak_ids)


# Each new zaak's receipt is rendered in the background; the hints of a moment go as
# one task (kcc/hints.py).
_ontvangstbevestiging_hints = hints.HintBatch(_ontvangstbevestiging_hint)


def _ontvangstbevestiging_key(zaak: Zaak) -> str:
    return f"zaak:{zaak.uuid}:ontvangstbevestiging"


def _zaak_create(
    *,
    zaaktype: Zaaktype,
    afdeling: Afdeling,
    product: Product | None,
    initiator: Partij | None,
    omschrijving: str,
    toelichting: str,
    kanaal: str,
    door: Medewerker | None,
    eerste: Statustype,
    nummer: tuple[str, int],
    hoofdzaak: Zaak | None = None,
    aanvraaggegevens: list[dict[str, str]] = (),
) -> Zaak:
    """The zaak and its first status, with the zaaknummer and status id from
    zaaknummers_take; the bericht of that status is left to the caller."""
    vandaag = timezone.localdate()
    zaak = Zaak(
        zaaktype=zaaktype,
        product=product,
        omschrijving=omschrijving[:80],
        toelichting=toelichting,
        aanvraaggegevens=list(aanvraaggegevens),
        initiator=initiator,
        communicatiekanaal=kanaal,
        registratiedatum=vandaag,
        startdatum=vandaag,
        einddatum_gepland=_deadline(
            vandaag, zaaktype.servicenorm or zaaktype.doorlooptijd, zaaktype.termijn_eenheid
        ),
        uiterlijke_einddatum_afdoening=_deadline(
            vandaag, zaaktype.doorlooptijd, zaaktype.termijn_eenheid
        ),
        vertrouwelijkheidaanduiding=zaaktype.vertrouwelijkheidaanduiding,
        hoofdzaak=hoofdzaak,
        behandelende_afdeling=afdeling,
        # Only a hoofdzaak is followed by the customer.
        status_token=None if hoofdzaak else secrets.token_urlsafe(32),
    )
    zaak.identificatie, zaak.status_id = nummer
    _sla_drempels(zaak)
    statements.insert(zaak)
    zaak.status = Status(
        pk=zaak.status_id,
        zaak=zaak,
        statustype=eerste,
        datum_status_gezet=timezone.now(),
        gezet_door=door,
    )
    statements.insert(zaak.status)
    return zaak


def _first_statustype(zaaktype: Zaaktype) -> Statustype | None:
    return zaaktype.statustypen.order_by("volgnummer").first()


def _intake_plan(
    zaaktype: Zaaktype,
) -> tuple[Statustype | None, list[tuple[Zaaktype, Statustype | None]]]:
    """The zaaktype's first statustype and its deelzaaktypen (with their afdeling and
    first statustype), kept per process: every intake of the zaaktype asks."""

    def load():
        deelzaaktypen = zaaktype.deelzaaktypen.select_related("behandelende_afdeling")
        return _first_statustype(zaaktype), [(d, _first_statustype(d)) for d in deelzaaktypen]

    return lookups.cached("zaaktype-intake", zaaktype.pk, load)


def zaak_intake(
    *,
    product: Product | None = None,
    zaaktype: Zaaktype | None = None,
    initiator: Partij | None = None,
    omschrijving: str = "",
    toelichting: str = "",
    kanaal: str,
    klantcontact: Klantcontact | None = None,
    door: Medewerker | None = None,
    via: str = "ui",
    aanvraaggegevens: list[dict[str, str]] = (),
) -> Zaak:
    """Take in an application: the zaak of the product's zaaktype at the product's
    afdeling, its first status, one deelzaak per deelzaaktype at that type's afdeling,
    and the berichten to the initiator (confirmation, informing statuses).
    `aanvraaggegevens` are the answers of a web application, kept on the hoofdzaak.

    The input is checked before anything is written; the writes then join the
    caller's transaction without a savepoint of their own (two statements fewer per
    intake). A later error fails that transaction as a whole: every caller lets it
    through."""
    errors: dict[str, list[str]] = {}
    if product is not None and zaaktype is None:
        zaaktype = product.zaaktype
        if zaaktype is None:
            errors["product"] = ["Voor dit product kan geen zaak worden gestart (geen zaaktype)."]
    if product is None and zaaktype is None:
        errors["product"] = ["Kies een product of zaaktype."]
    if kanaal not in Kanaal.values:
        errors["kanaal"] = ["Kies een kanaal."]
    if errors:
        raise ValidationError(errors)
    afdeling = (product.behandelende_afdeling if product else None) or (
        zaaktype.behandelende_afdeling
    )
    if afdeling is None:
        raise _error("product", "Er is geen behandelende afdeling voor dit product.")
    eerste, deelzaaktypen = _intake_plan(zaaktype)
    if eerste is None:
        raise _error("zaaktype", "Dit zaaktype heeft geen statustypen.")
    for deelzaaktype, deel_eerste in deelzaaktypen:
        if deelzaaktype.behandelende_afdeling is None or deel_eerste is None:
            raise _error(
                "zaaktype",
                f"Deelzaaktype '{deelzaaktype}' heeft geen afdeling of geen statustypen.",
            )
    omschrijving = omschrijving.strip() or (product.naam if product else zaaktype.omschrijving)
    with transaction.atomic(savepoint=False):
        return _zaak_intake_write(
            product=product,
            zaaktype=zaaktype,
            afdeling=afdeling,
            eerste=eerste,
            deelzaaktypen=deelzaaktypen,
            initiator=initiator,
            omschrijving=omschrijving,
            toelichting=toelichting,
            kanaal=kanaal,
            klantcontact=klantcontact,
            door=door,
            via=via,
            aanvraaggegevens=aanvraaggegevens,
        )


def _zaak_intake_write(
    *,
    product: Product | None,
    zaaktype: Zaaktype,
    afdeling: Afdeling,
    eerste: Statustype,
    deelzaaktypen: list[tuple[Zaaktype, Statustype]],
    initiator: Partij | None,
    omschrijving: str,
    toelichting: str,
    kanaal: str,
    klantcontact: Klantcontact | None,
    door: Medewerker | None,
    via: str,
    aanvraaggegevens: list[dict[str, str]],
) -> Zaak:
    nummers = zaaknummers_take(jaar=timezone.localdate().year, aantal=1 + len(deelzaaktypen))
    zaak = _zaak_create(
        zaaktype=zaaktype,
        afdeling=afdeling,
        product=product,
        initiator=initiator,
        omschrijving=omschrijving,
        toelichting=toelichting,
        kanaal=kanaal,
        door=door,
        eerste=eerste,
        nummer=nummers[0],
        aanvraaggegevens=aanvraaggegevens,
    )
    zaken = [zaak]
    for (deelzaaktype, deel_eerste), nummer in zip(deelzaaktypen, nummers[1:], strict=True):
        zaken.append(
            _zaak_create(
                zaaktype=deelzaaktype,
                afdeling=deelzaaktype.behandelende_afdeling,
                product=None,
                initiator=initiator,
                # The hoofdzaak is a field of its own; screens show "deelzaak van ...".
                omschrijving=deelzaaktype.omschrijving,
                toelichting="",
                kanaal=kanaal,
                door=door,
                eerste=deel_eerste,
                nummer=nummer,
                hoofdzaak=zaak,
            )
        )
    # The answer shows them; they are not read back.
    related.remember(zaak, "deelzaken", zaken[1:])
    related.remember(zaak, "resultaat", None)
    if klantcontact is not None:
        zaak.klantcontacten.add(klantcontact)
    for nieuw in zaken:
        _status_bericht(nieuw, nieuw.status)
    email = contacts_selectors.partij_email(initiator) if initiator else ""
    _ontvangstbevestiging_bericht(zaak, email)
    audit_log_record(
        user=door.user if door else None,
        action=AuditLogEntry.Actie.CREATE,
        object_type="zaak",
        object_uuid=zaak.uuid,
        description=f"{zaak.identificatie} {omschrijving}",
        partij_uuid=initiator.uuid if initiator else None,
        via=via,
    )
    transaction.on_commit(partial(_ontvangstbevestiging_hints.add, zaak.pk), robust=True)
    return zaak


def _locked(zaak: Zaak) -> Zaak:
    return Zaak.objects.select_for_update(of=("self",)).select_related("zaaktype").get(pk=zaak.pk)


def _open(zaak: Zaak) -> None:
    if zaak.einddatum is not None:
        raise _error("zaak", "Deze zaak is al afgesloten.")


@transaction.atomic
def zaak_status_set(
    *,
    zaak: Zaak,
    statustype: Statustype,
    door: Medewerker | None,
    statustoelichting: str = "",
    resultaattype: Resultaattype | None = None,
    resultaat_toelichting: str = "",
) -> Status:
    """Move the zaak forward to a later statustype; the end status needs a resultaat,
    closes the zaak, and for a hoofdzaak only when every deelzaak is closed."""
    zaak = _locked(zaak)
    _open(zaak)
    if statustype.zaaktype_id != zaak.zaaktype_id:
        raise _error("statustype", "Dit statustype hoort niet bij het zaaktype van deze zaak.")
    huidig = zaak.status.statustype.volgnummer if zaak.status else 0
    if statustype.volgnummer <= huidig:
        raise _error(
            "statustype",
            f"De zaak staat al op status {huidig}; een status kan alleen vooruit "
            f"(gekozen: {statustype.volgnummer}. {statustype.omschrijving}).",
        )
    laatste = zaak.zaaktype.statustypen.order_by("-volgnummer").first()
    eind = statustype.pk == laatste.pk
    if eind:
        if resultaattype is None:
            raise _error("resultaattype", "Kies een resultaat om de zaak af te sluiten.")
        if resultaattype.zaaktype_id != zaak.zaaktype_id:
            raise _error("resultaattype", "Dit resultaat hoort niet bij het zaaktype.")
        open_deelzaken = list(
            zaak.deelzaken.filter(einddatum__isnull=True).values_list("identificatie", flat=True)
        )
        if open_deelzaken:
            raise _error(
                "statustype",
                "De hoofdzaak kan pas worden afgesloten als alle deelzaken klaar zijn. "
                f"Nog open: {', '.join(open_deelzaken)}.",
            )
    elif resultaattype is not None:
        raise _error("resultaattype", "Een resultaat hoort alleen bij de eindstatus.")

    status = _status_create(zaak, statustype, door, statustoelichting)
    update = ["status"]
    if eind:
        Resultaat.objects.create(
            zaak=zaak, resultaattype=resultaattype, toelichting=resultaat_toelichting
        )
        zaak.einddatum = timezone.localdate()
        zaak.opschorting_indicatie = False
        zaak.opschorting_sinds = None
        update += ["einddatum", "opschorting_indicatie", "opschorting_sinds"]
    zaak.save(update_fields=update)
    return status


def _notitie(zaak: Zaak, soort: str, tekst: str, door: Medewerker | None) -> ZaakNotitie:
    return ZaakNotitie.objects.create(zaak=zaak, soort=soort, tekst=tekst, auteur=door)


@transaction.atomic
def zaak_opschorten(*, zaak: Zaak, reden: str, door: Medewerker | None) -> Zaak:
    """Stop the clock (e.g. waiting for the customer's documents)."""
    zaak = _locked(zaak)
    _open(zaak)
    if not zaak.zaaktype.opschorting_en_aanhouding_mogelijk:
        raise _error("zaak", "Dit zaaktype kan niet worden opgeschort.")
    if zaak.opschorting_indicatie:
        raise _error("zaak", "Deze zaak is al opgeschort.")
    if not reden.strip():
        raise _error("reden", "Geef de reden van de opschorting.")
    zaak.opschorting_indicatie = True
    zaak.opschorting_reden = reden.strip()[:200]
    zaak.opschorting_sinds = timezone.now()
    zaak.save(update_fields=["opschorting_indicatie", "opschorting_reden", "opschorting_sinds"])
    _notitie(zaak, ZaakNotitie.Soort.OPGESCHORT, zaak.opschorting_reden, door)
    return zaak


def _moved(day: datetime.date | None, zaak: Zaak, resumed_at: datetime.datetime):
    if day is None:
        return None
    return calendar.deadline_after_suspension(
        _as_moment(day),
        suspended_from=zaak.opschorting_sinds,
        resumed_at=resumed_at,
        unit=zaak.zaaktype.termijn_eenheid,
    ).date()


@transaction.atomic
def zaak_hervatten(
    *, zaak: Zaak, door: Medewerker | None, hervat_op: datetime.datetime | None = None
) -> Zaak:
    """Start the clock again: both deadlines move by the time the zaak was suspended."""
    zaak = _locked(zaak)
    _open(zaak)
    if not zaak.opschorting_indicatie:
        raise _error("zaak", "Deze zaak is niet opgeschort.")
    hervat_op = hervat_op or timezone.now()
    oud = zaak.uiterlijke_einddatum_afdoening
    zaak.uiterlijke_einddatum_afdoening = _moved(oud, zaak, hervat_op)
    zaak.einddatum_gepland = _moved(zaak.einddatum_gepland, zaak, hervat_op)
    drempels = sla.drempels_na_opschorting(
        sla.drempels_of(zaak),
        start=_start_moment(zaak),
        deadline=calendar.end_of_day(zaak.uiterlijke_einddatum_afdoening),
        suspended_from=zaak.opschorting_sinds,
        resumed_at=hervat_op,
    )
    for field, moment in drempels.as_fields().items():
        setattr(zaak, field, moment)
    zaak.opschorting_indicatie = False
    zaak.opschorting_sinds = None
    zaak.save(
        update_fields=[
            "uiterlijke_einddatum_afdoening",
            "einddatum_gepland",
            "opschorting_indicatie",
            "opschorting_sinds",
            *drempels.as_fields(),
        ]
    )
    _notitie(
        zaak,
        ZaakNotitie.Soort.HERVAT,
        f"Uiterlijke einddatum van {oud:%d-%m-%Y} naar "
        f"{zaak.uiterlijke_einddatum_afdoening:%d-%m-%Y}.",
        door,
    )
    return zaak


def _extended(day: datetime.date, duur: int, unit: str) -> datetime.date:
    if unit == Eenheid.WERKDAGEN:
        return calendar.add_working_days(day, duur)
    return calendar.termijn_einddag(day + datetime.timedelta(days=duur))


@transaction.atomic
def zaak_verlengen(*, zaak: Zaak, reden: str, duur: int, door: Medewerker | None) -> Zaak:
    """Extend the legal term once, by at most the zaaktype's verlengingstermijn."""
    zaak = _locked(zaak)
    _open(zaak)
    zaaktype = zaak.zaaktype
    if not zaaktype.verlenging_mogelijk:
        raise _error("duur", "Dit zaaktype kan niet worden verlengd.")
    if zaak.verlenging_duur:
        raise _error("duur", "Deze zaak is al een keer verlengd; dat kan maar één keer.")
    if duur is None or duur < 1:
        raise _error("duur", "Geef een verlenging van ten minste 1 dag.")
    if duur > zaaktype.verlengingstermijn:
        raise _error(
            "duur",
            f"De verlenging mag hoogstens {zaaktype.verlengingstermijn} "
            f"{zaaktype.get_termijn_eenheid_display()} zijn.",
        )
    if not reden.strip():
        raise _error("reden", "Geef de reden van de verlenging.")
    oud = zaak.uiterlijke_einddatum_afdoening
    zaak.uiterlijke_einddatum_afdoening = _extended(oud, duur, zaaktype.termijn_eenheid)
    zaak.verlenging_duur = duur
    zaak.verlenging_reden = reden.strip()[:200]
    zaak.save(
        update_fields=[
            "uiterlijke_einddatum_afdoening",
            "verlenging_duur",
            "verlenging_reden",
            *_sla_drempels(zaak),
        ]
    )
    _notitie(
        zaak,
        ZaakNotitie.Soort.VERLENGD,
        f"{zaak.verlenging_reden} — {duur} {zaaktype.get_termijn_eenheid_display()}; "
        f"uiterlijke einddatum van {oud:%d-%m-%Y} naar "
        f"{zaak.uiterlijke_einddatum_afdoening:%d-%m-%Y}.",
        door,
    )
    return zaak


def _audit_change(zaak: Zaak, door: Medewerker | None, description: str, via: str) -> None:
    audit_log_record(
        user=door.user if door else None,
        action=AuditLogEntry.Actie.CHANGE,
        object_type="zaak",
        object_uuid=zaak.uuid,
        description=f"{zaak.identificatie}: {description}",
        partij_uuid=zaak.initiator.uuid if zaak.initiator_id else None,
        via=via,
    )


@transaction.atomic
def zaak_claim(*, zaak: Zaak, medewerker: Medewerker, via: str = "ui") -> Zaak:
    """A medewerker of the behandelende afdeling takes the zaak on."""
    zaak = _locked(zaak)
    _open(zaak)
    if medewerker.afdeling_id != zaak.behandelende_afdeling_id:
        raise _error("zaak", "Alleen een medewerker van de behandelende afdeling kan oppakken.")
    if zaak.behandelaar_id == medewerker.pk:
        return zaak
    if zaak.behandelaar_id:
        raise _error("zaak", f"Deze zaak is al opgepakt door {zaak.behandelaar}.")
    zaak.behandelaar = medewerker
    zaak.save(update_fields=["behandelaar"])
    _notitie(zaak, ZaakNotitie.Soort.OPGEPAKT, f"Opgepakt door {medewerker}.", medewerker)
    _audit_change(zaak, medewerker, f"opgepakt door {medewerker}", via)
    return zaak


def _assign(zaak: Zaak, behandelaar: Medewerker, door: Medewerker | None, via: str) -> None:
    _open(zaak)
    if behandelaar.afdeling_id != zaak.behandelende_afdeling_id:
        raise _error(
            "behandelaar",
            f"{behandelaar} werkt niet bij {zaak.behandelende_afdeling} ({zaak.identificatie}).",
        )
    zaak.behandelaar = behandelaar
    zaak.save(update_fields=["behandelaar"])
    _notitie(zaak, ZaakNotitie.Soort.TOEGEWEZEN, f"Toegewezen aan {behandelaar}.", door)
    _audit_change(zaak, door, f"toegewezen aan {behandelaar}", via)


@transaction.atomic
def zaak_assign(
    *, zaak: Zaak, behandelaar: Medewerker, door: Medewerker | None, via: str = "ui"
) -> Zaak:
    zaak = _locked(zaak)
    _assign(zaak, behandelaar, door, via)
    return zaak


@transaction.atomic
def zaken_bulk_reassign(
    *, zaken: list[Zaak], behandelaar: Medewerker, door: Medewerker | None, via: str = "ui"
) -> int:
    """The teamleider moves a set of zaken to one behandelaar: all or none.

    The rows are locked in primary-key order so two overlapping bulk moves wait for
    each other instead of deadlocking."""
    if not zaken:
        raise _error("zaken", "Kies ten minste één zaak.")
    locked = list(
        Zaak.objects.select_for_update(of=("self",))
        .select_related("behandelende_afdeling", "initiator")
        .filter(pk__in=[z.pk for z in zaken])
        .order_by("pk")
    )
    for zaak in locked:
        _assign(zaak, behandelaar, door, via)
    return len(locked)


@transaction.atomic
def zaak_hand_back(*, zaak: Zaak, notitie: str, door: Medewerker | None, via: str = "ui") -> Zaak:
    """Back to the KCC (wrongly routed, customer must be called): the KCC afdeling's
    work list, no behandelaar, with the reason as a note."""
    zaak = _locked(zaak)
    _open(zaak)
    if not notitie.strip():
        raise _error("notitie", "Schrijf erbij waarom de zaak terug gaat naar het KCC.")
    kcc = Afdeling.objects.filter(code=settings.KCC_AFDELING_CODE).first()
    if kcc is None:
        raise _error("zaak", "Er is geen KCC-afdeling ingesteld.")
    if zaak.behandelende_afdeling_id == kcc.pk:
        raise _error("zaak", "Deze zaak ligt al bij het KCC.")
    zaak.behandelende_afdeling = kcc
    zaak.behandelaar = None
    zaak.save(update_fields=["behandelende_afdeling", "behandelaar"])
    _notitie(zaak, ZaakNotitie.Soort.TERUG_NAAR_KCC, notitie.strip(), door)
    _audit_change(zaak, door, "teruggegeven aan het KCC", via)
    return zaak


@transaction.atomic
def zaak_notitie_add(*, zaak: Zaak, tekst: str, door: Medewerker | None) -> ZaakNotitie:
    if not tekst.strip():
        raise _error("tekst", "Schrijf een notitie.")
    return _notitie(zaak, ZaakNotitie.Soort.NOTITIE, tekst.strip(), door)


@transaction.atomic
def zaak_document_add(
    *, zaak: Zaak, bestand: UploadedFile, door: Medewerker | None, titel: str = ""
) -> ZaakDocument:
    """Store a PDF, JPEG, PNG, DOCX or ODT; the type is read from the content."""
    if too_large := uploads.too_large_message(bestand.size, settings.KCC_ZAAK_DOCUMENT_MAX_BYTES):
        raise _error("bestand", too_large)
    if bestand.size == 0:
        raise _error("bestand", "Het bestand is leeg.")
    formaat = documents.detect_formaat(bestand)
    if formaat is None:
        raise _error(
            "bestand",
            "Dit bestand is geen PDF, JPEG, PNG, DOCX of ODT (gecontroleerd op de inhoud, "
            "niet op de naam).",
        )
    naam = uploads.safe_filename(bestand.name, fallback=f"document{documents.EXTENSIONS[formaat]}")
    bestand.name = naam
    return ZaakDocument.objects.create(
        zaak=zaak,
        titel=(titel.strip() or naam)[:200],
        bestand=bestand,
        bestandsnaam=naam[:255],
        formaat=formaat,
        bestandsomvang=bestand.size,
        toegevoegd_door=door,
    )


@transaction.atomic
def zaak_klantcontact_add(*, zaak: Zaak, klantcontact: Klantcontact) -> Zaak:
    """Link a contact about the zaak (e.g. a letter sent about it) to the zaak."""
    zaak.klantcontacten.add(klantcontact)
    return zaak


def zaak_ontvangstbevestiging_store(*, zaak: Zaak) -> Zaak:
    """Render the receipt PDF, keep it on the zaak and attach it to the confirmation
    e-mail, which then goes. Safe to run twice: a zaak with a receipt is left alone."""
    if zaak.ontvangstbevestiging:
        return zaak
    pdf = receipts.ontvangstbevestiging_pdf(zaak=zaak)  # slow: outside the transaction
    naam = f"ontvangstbevestiging-{zaak.identificatie}.pdf"
    with transaction.atomic():
        zaak = Zaak.objects.select_for_update().get(pk=zaak.pk)
        if zaak.ontvangstbevestiging:
            return zaak
        zaak.ontvangstbevestiging.save(naam, ContentFile(pdf), save=False)
        zaak.save(update_fields=["ontvangstbevestiging"])
        bericht = Bericht.objects.filter(dedupe_key=_ontvangstbevestiging_key(zaak)).first()
        if bericht is not None and bericht.status == Bericht.Status.TE_VERSTUREN:
            bericht_bijlage_add(
                bericht=bericht, bestandsnaam=naam, formaat=documents.PDF, inhoud=pdf
            )
    return zaak


def open_zaken_telling_compact() -> int:
    """Fold the +1/-1 rows the trigger wrote into one row per afdeling, so that reading
    a count sums a handful of rows (models.OpenZakenTelling). Rows written meanwhile by
    transactions not yet committed are left for the next time. Answers how many rows
    were folded."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH gevouwen AS (
                DELETE FROM zaken_openzakentelling RETURNING afdeling_id, aantal
            ), opgeteld AS (
                INSERT INTO zaken_openzakentelling (afdeling_id, aantal)
                SELECT afdeling_id, sum(aantal) FROM gevouwen GROUP BY afdeling_id
            )
            SELECT count(*) FROM gevouwen
            """
        )
        return cursor.fetchone()[0]


def zaken_ontvangstbevestigingen_inhalen() -> int:
    """Render the receipts that confirmation e-mails have waited for longer than the
    render task needs (its hint to Celery was lost, or it failed), so that the e-mail
    still goes with its PDF. Answers how many were rendered now."""
    return zaken_ontvangstbevestigingen_store(
        zaken=zaken_selectors.zaken_zonder_ontvangstbevestiging(
            bericht_aangemaakt_voor=timezone.now() - ONTVANGSTBEVESTIGING_INHAALTIJD,
            limit=ONTVANGSTBEVESTIGING_INHAAL_BATCH,
        )
    )


def zaken_ontvangstbevestigingen_store(*, zaken: Iterable[Zaak]) -> int:
    """zaak_ontvangstbevestiging_store for each; one that fails is logged and does not
    hold up the others. The sweep tries it again while its confirmation e-mail waits;
    a download renders it on demand. Answers how many were rendered."""
    rendered = 0
    for zaak in zaken:
        try:
            zaak_ontvangstbevestiging_store(zaak=zaak)
        except Exception:  # noqa: BLE001 - one broken receipt must not hold up the others
            logger.exception("Ontvangstbevestiging van %s niet gemaakt", zaak.identificatie)
        else:
            rendered += 1
    return rendered


@transaction.atomic
def zaak_status_token_renew(*, zaak: Zaak) -> Zaak:
    """Revoke the customer's link and issue a new one (e.g. sent to the wrong person)."""
    zaak.status_token = secrets.token_urlsafe(32)
    zaak.save(update_fields=["status_token"])
    return zaak


@transaction.atomic
def zaak_status_token_revoke(*, zaak: Zaak) -> Zaak:
    zaak.status_token = None
    zaak.save(update_fields=["status_token"])
    return zaak


def zaak_view_record(*, user, zaak: Zaak, reason: str, via: str = "ui", request=None) -> None:
    """Every view of a zaak is logged, with the initiator as the partij concerned."""
    audit_log_record(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="zaak",
        object_uuid=zaak.uuid,
        description=zaak.identificatie,
        partij_uuid=zaak.initiator.uuid if zaak.initiator_id else None,
        reason=reason,
        via=via,
        request=request,
    )


@transaction.atomic
def zaken_sla_drempels_recompute() -> int:
    """Store the SLA thresholds of every open zaak anew (registered with kcc.sla)."""
    return sla.recompute_rows(
        Zaak.objects.filter(einddatum__isnull=True).only(
            "pk", "startdatum", "uiterlijke_einddatum_afdoening"
        ),
        lambda zaak: (
            _start_moment(zaak),
            calendar.end_of_day(zaak.uiterlijke_einddatum_afdoening),
        ),
    )
