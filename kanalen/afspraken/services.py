"""Writes of appointments: book, reschedule, cancel, check in, no-show, remind.

Booking never overbooks: the slot counters of the wanted run are locked in begin
order (no deadlocks between overlapping runs), checked and raised in one
transaction, and a check constraint on AfspraakSlot backs that up.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation

from kanalen.afspraken import selectors
from kanalen.afspraken.ics import afspraak_ics
from kanalen.balie.services import ticket_create
from kanalen.models import Afspraak, AfspraakSlot, BalieLocatie, Ticket
from kcc.models import Bericht
from kcc.services import bericht_bijlage_add, bericht_queue

Status = Afspraak.Status
# No 0/O, 1/I/L: the code is read from a screen and typed on a kiosk.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 6

FULL = "Dit tijdstip is net door iemand anders geboekt. Kies een ander tijdstip."


def _code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def beheer_url(afspraak: Afspraak) -> str:
    return settings.KCC_PUBLIC_URL + reverse("afspraken:beheer", args=[afspraak.token])


def _moment_nl(moment: datetime.datetime) -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(moment), "l j F Y \\o\\m H:i")


def _run(afspraak_begin: datetime.datetime, product) -> list[datetime.datetime]:
    return [afspraak_begin + selectors.SLOT * i for i in range(selectors.slots_needed(product))]


def _reserve(*, locatie: BalieLocatie, product, begin: datetime.datetime) -> datetime.datetime:
    """Take one place in every slot the product needs from `begin`; returns the end."""
    if begin <= timezone.now():
        raise ValidationError({"begin": ["Dit tijdstip is al voorbij. Kies een later tijdstip."]})
    local = timezone.localtime(begin)
    if local.date() > selectors.boekbare_periode()[1]:
        raise ValidationError(
            {"begin": [f"U kunt tot {selectors.BOOKING_HORIZON_DAYS} dagen vooruit boeken."]}
        )
    capaciteit = selectors.capaciteit_per_slot(locatie=locatie, datum=local.date())
    run = _run(begin, product)
    if not all(slot in capaciteit for slot in run):
        raise ValidationError({"begin": ["Op dit tijdstip kunt u geen afspraak maken."]})
    AfspraakSlot.objects.bulk_create(
        [AfspraakSlot(locatie=locatie, begin=s, capaciteit=capaciteit[s]) for s in run],
        ignore_conflicts=True,
    )
    slots = list(
        AfspraakSlot.objects.select_for_update()
        .filter(locatie=locatie, begin__in=run)
        .order_by("begin")
    )
    for slot in slots:
        # The schedule may have changed since the counter row was made.
        slot.capaciteit = capaciteit[slot.begin]
        if slot.geboekt >= slot.capaciteit:
            raise ValidationError({"begin": [FULL]})
        slot.geboekt += 1
    AfspraakSlot.objects.bulk_update(slots, ["capaciteit", "geboekt"])
    return run[-1] + selectors.SLOT


def _release(afspraak: Afspraak) -> None:
    run = []
    moment = afspraak.begin
    while moment < afspraak.eind:
        run.append(moment)
        moment += selectors.SLOT
    AfspraakSlot.objects.filter(locatie=afspraak.locatie, begin__in=run, geboekt__gt=0).update(
        geboekt=F("geboekt") - 1
    )


def _mail(afspraak: Afspraak, *, soort: str, onderwerp: str, tekst: str, sequence: int) -> None:
    url = beheer_url(afspraak)
    naam = settings.KCC_ORGANISATION_NAME
    inhoud = (
        f"Beste {afspraak.naam},\n\n{tekst}\n\n"
        f"Product: {afspraak.product.naam}\n"
        f"Wanneer: {_moment_nl(afspraak.begin)} uur\n"
        f"Waar: {afspraak.locatie.naam}\n"
        f"Afspraakcode: {afspraak.code}\n\n"
    )
    if afspraak.status == Status.GEPLAND:
        inhoud += (
            "Check bij aankomst in bij de zuil met uw afspraakcode.\n\n"
            f"Wilt u de afspraak verzetten of annuleren? Ga naar:\n{url}\n\n"
        )
    inhoud += f"Met vriendelijke groet,\n{naam}\n\nDit is een automatisch bericht."
    bericht = bericht_queue(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger=afspraak.email,
        onderwerp=f"{onderwerp}: {afspraak.product.naam} op {_moment_nl(afspraak.begin)}",
        inhoud=inhoud,
        partij_uuid=afspraak.partij.uuid if afspraak.partij else None,
        aanleiding=f"Afspraak {afspraak.code}: {soort}",
        dedupe_key=f"kanalen:afspraak:{soort}:{afspraak.uuid}:{sequence}",
        bijlage_volgt=True,
    )
    if bericht.status == Bericht.Status.TE_VERSTUREN and not bericht.bijlagen.exists():
        bericht_bijlage_add(
            bericht=bericht,
            bestandsnaam="afspraak.ics",
            formaat="text/calendar",
            inhoud=afspraak_ics(afspraak, beheer_url=url, sequence=sequence),
        )


def _validate_contact(naam: str, email: str, telefoon: str) -> dict:
    errors = {}
    if not naam.strip():
        errors["naam"] = ["Vul uw naam in."]
    try:
        validate_email(email.strip())
    except ValidationError:
        errors["email"] = ["Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."]
    digits = "".join(c for c in telefoon if c.isdigit())
    if telefoon.strip() and not (10 <= len(digits) <= 15):
        errors["telefoon"] = ["Vul een telefoonnummer van 10 cijfers in, bijvoorbeeld 0612345678."]
    return errors


@transaction.atomic
def afspraak_book(
    *,
    product,
    locatie: BalieLocatie,
    begin: datetime.datetime,
    naam: str,
    email: str,
    telefoon: str = "",
    partij=None,
    geboekt_via: str = Afspraak.GeboektVia.ONLINE,
    geboekt_door=None,
) -> Afspraak:
    """Book a place and queue the confirmation with the .ics; all or nothing."""
    errors = _validate_contact(naam, email, telefoon)
    if selectors.aanbod_for(product=product, locatie=locatie) is None:
        errors["locatie"] = ["Voor dit product kunt u op deze locatie geen afspraak maken."]
    if errors:
        raise ValidationError(errors)
    eind = _reserve(locatie=locatie, product=product, begin=begin)
    for _attempt in range(5):
        afspraak = Afspraak(
            code=_code(),
            token=secrets.token_urlsafe(32),
            product=product,
            locatie=locatie,
            begin=begin,
            eind=eind,
            naam=naam.strip(),
            email=email.strip(),
            telefoon=telefoon.strip(),
            partij=partij,
            geboekt_via=geboekt_via,
            geboekt_door=geboekt_door,
        )
        try:
            with transaction.atomic():
                afspraak.save()
            break
        except IntegrityError:
            continue  # the same code drawn twice: draw again
    _mail(
        afspraak,
        soort="bevestiging",
        onderwerp="Bevestiging van uw afspraak",
        tekst="U heeft een afspraak gemaakt. In de bijlage staat de afspraak voor uw agenda.",
        sequence=0,
    )
    return afspraak


def _lock_planned(afspraak: Afspraak) -> Afspraak:
    afspraak = (
        Afspraak.objects.select_for_update()
        .select_related("product", "locatie")
        .get(pk=afspraak.pk)
    )
    if afspraak.status != Status.GEPLAND:
        raise ValidationError(
            f"Deze afspraak is {afspraak.get_status_display().lower()} en kan niet meer "
            "worden gewijzigd."
        )
    if afspraak.begin <= timezone.now():
        raise ValidationError("Deze afspraak is al begonnen of voorbij.")
    return afspraak


@transaction.atomic
def afspraak_reschedule(*, afspraak: Afspraak, begin: datetime.datetime) -> Afspraak:
    """Move to another time (same product and location); the old place frees up."""
    afspraak = _lock_planned(afspraak)
    if begin == afspraak.begin:
        return afspraak
    _release(afspraak)
    afspraak.eind = _reserve(locatie=afspraak.locatie, product=afspraak.product, begin=begin)
    afspraak.begin = begin
    # Reminded for the old day: the new day gets its own reminder.
    afspraak.herinnering_op = None
    afspraak.save(update_fields=["begin", "eind", "herinnering_op"])
    _mail(
        afspraak,
        soort="verzet",
        onderwerp="Uw afspraak is verzet",
        tekst="Uw afspraak is verzet naar een nieuw tijdstip. "
        "Vervang de afspraak in uw agenda door de bijlage.",
        sequence=int(begin.timestamp()),
    )
    return afspraak


@transaction.atomic
def afspraak_cancel(*, afspraak: Afspraak) -> Afspraak:
    afspraak = _lock_planned(afspraak)
    _release(afspraak)
    afspraak.status = Status.GEANNULEERD
    afspraak.geannuleerd_op = timezone.now()
    afspraak.save(update_fields=["status", "geannuleerd_op"])
    _mail(
        afspraak,
        soort="annulering",
        onderwerp="Uw afspraak is geannuleerd",
        tekst="Uw afspraak is geannuleerd. U kunt altijd een nieuwe afspraak maken.",
        sequence=int(afspraak.geannuleerd_op.timestamp()),
    )
    return afspraak


@transaction.atomic
def afspraak_check_in(*, locatie: BalieLocatie, code: str) -> Ticket:
    """The kiosk: the customer types the code and gets a ticket in the queue of the
    product's group; called before walk-ins from the appointment's time on. Checking in
    twice gives the same ticket."""
    code = "".join(code.split()).upper()
    afspraak = (
        Afspraak.objects.select_for_update()
        .select_related("locatie", "product")
        .filter(code=code)
        .first()
    )
    if afspraak is None or afspraak.status == Status.GEANNULEERD:
        raise ValidationError({"code": ["Deze afspraakcode kennen wij niet. Controleer de code."]})
    if afspraak.status == Status.INGECHECKT and afspraak.ticket_id:
        return afspraak.ticket
    if afspraak.locatie_id != locatie.pk:
        raise ValidationError(
            {"code": [f"Uw afspraak is op een andere locatie: {afspraak.locatie.naam}."]}
        )
    now = timezone.now()
    begin = timezone.localtime(afspraak.begin)
    if begin.date() != timezone.localdate():
        raise ValidationError(
            {"code": [f"Uw afspraak is op {_moment_nl(afspraak.begin)} uur, niet vandaag."]}
        )
    if now < afspraak.begin - selectors.CHECK_IN_EARLY:
        vanaf = timezone.localtime(afspraak.begin - selectors.CHECK_IN_EARLY)
        raise ValidationError({"code": [f"U kunt inchecken vanaf {vanaf:%H:%M} uur."]})
    if afspraak.status == Status.NO_SHOW or now > afspraak.begin + selectors.GRACE:
        raise ValidationError(
            {
                "code": [
                    f"Uw afspraak was om {begin:%H:%M} uur; u bent te laat. "
                    "Trek een volgnummer of maak een nieuwe afspraak."
                ]
            }
        )
    aanbod = selectors.aanbod_for(product=afspraak.product, locatie=locatie)
    if aanbod is None:
        raise ValidationError({"code": ["Deze afspraak kan hier niet worden ingecheckt."]})
    ticket = ticket_create(productgroep=aanbod.productgroep)
    afspraak.ticket = ticket
    afspraak.status = Status.INGECHECKT
    afspraak.ingecheckt_op = now
    afspraak.save(update_fields=["ticket", "status", "ingecheckt_op"])
    return ticket


@transaction.atomic
def afspraak_no_show(*, afspraak: Afspraak) -> Afspraak:
    """Not come: by a medewerker, or by the sweep after the slot and the grace time.
    The place stays taken (it cannot be used any more)."""
    afspraak = Afspraak.objects.select_for_update().get(pk=afspraak.pk)
    if afspraak.status != Status.GEPLAND:
        raise ValidationError(
            f"Deze afspraak is {afspraak.get_status_display().lower()}, niet gepland."
        )
    if afspraak.begin > timezone.now():
        raise ValidationError("Deze afspraak is nog niet begonnen.")
    afspraak.status = Status.NO_SHOW
    afspraak.save(update_fields=["status"])
    return afspraak


def afspraken_no_show_sweep() -> int:
    """Mark every planned appointment past its start plus the grace time as no-show."""
    return Afspraak.objects.filter(
        status=Status.GEPLAND, begin__lt=timezone.now() - selectors.GRACE
    ).update(status=Status.NO_SHOW)


@transaction.atomic
def afspraak_remind(*, afspraak: Afspraak) -> bool:
    """The reminder the day before, once: the row lock and the dedupe key make a second
    run (or a second beat) send nothing."""
    afspraak = (
        Afspraak.objects.select_for_update(of=("self",))
        .select_related("product", "locatie", "partij")
        .get(pk=afspraak.pk)
    )
    if afspraak.status != Status.GEPLAND or afspraak.herinnering_op is not None:
        return False
    _mail(
        afspraak,
        soort="herinnering",
        onderwerp="Herinnering: morgen uw afspraak",
        tekst="Wij herinneren u aan uw afspraak van morgen.",
        sequence=int(afspraak.begin.timestamp()),
    )
    afspraak.herinnering_op = timezone.now()
    afspraak.save(update_fields=["herinnering_op"])
    return True
