"""Reads of appointments: what can be booked where, free slots, the day's overview.

A day of a location is cut into slots of SLOT_MINUTES; AfspraakBlok rows give how
many customers fit in each slot (desks for appointments). A product of N minutes
needs ceil(N / SLOT_MINUTES) consecutive slots. Free = capacity minus `geboekt` of
the AfspraakSlot counters: one query per day range, no counting of appointments.
"""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from catalogus.selectors import product_list
from kanalen.balie.selectors import locatie_openingstijden
from kanalen.models import Afspraak, AfspraakAanbod, AfspraakSlot, BalieLocatie
from kcc.calendar import is_werkdag

SLOT_MINUTES = 15
SLOT = datetime.timedelta(minutes=SLOT_MINUTES)
# How far ahead a customer can book.
BOOKING_HORIZON_DAYS = 42
# A checked-in customer may come this early; after the slot plus the grace it is a no-show.
CHECK_IN_EARLY = datetime.timedelta(minutes=60)
GRACE = datetime.timedelta(minutes=15)


def slots_needed(product) -> int:
    return max(1, math.ceil(product.afspraak_duur / SLOT_MINUTES))


def afspraak_producten():
    """Published products that can be booked at some location, by name."""
    ids = AfspraakAanbod.objects.filter(actief=True).values("product_id")
    return product_list(gepubliceerd_only=True).filter(pk__in=ids).order_by("naam")


def aanbod_locaties(*, product) -> QuerySet[BalieLocatie]:
    return BalieLocatie.objects.filter(aanbod__product=product, aanbod__actief=True).order_by(
        "naam"
    )


def aanbod_for(*, product, locatie) -> AfspraakAanbod | None:
    return (
        AfspraakAanbod.objects.select_related("productgroep")
        .filter(product=product, locatie=locatie, actief=True)
        .first()
    )


def _aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def capaciteit_per_slot(
    *, locatie: BalieLocatie, datum: datetime.date, blokken: list | None = None
) -> dict[datetime.datetime, int]:
    """The capacity of every slot of one day (empty on a day that is no werkdag)."""
    if not is_werkdag(datum):
        return {}
    if blokken is None:
        blokken = list(locatie.blokken.all())
    opens, closes = locatie_openingstijden(locatie)
    result: dict[datetime.datetime, int] = {}
    for blok in blokken:
        if blok.weekdag is not None and blok.weekdag != datum.weekday():
            continue
        start = _aware(datum, max(blok.begint_om, opens))
        end = _aware(datum, min(blok.eindigt_om, closes))
        while start + SLOT <= end:
            result[start] = result.get(start, 0) + blok.capaciteit
            start += SLOT
    return dict(sorted(result.items()))


def _geboekt(locatie, van: datetime.date, tot: datetime.date) -> dict[datetime.datetime, int]:
    return dict(
        AfspraakSlot.objects.filter(
            locatie=locatie,
            begin__gte=_aware(van, datetime.time.min),
            begin__lt=_aware(tot + datetime.timedelta(days=1), datetime.time.min),
        ).values_list("begin", "geboekt")
    )


def _vrij(capaciteit: dict, geboekt: dict, nodig: int, now) -> list[datetime.datetime]:
    begins = list(capaciteit)
    vrij = []
    for i, begin in enumerate(begins):
        if begin <= now:
            continue
        run = begins[i : i + nodig]
        # Consecutive slots only: a gap (lunch) between blocks breaks the run.
        if len(run) < nodig or run[-1] - begin != SLOT * (nodig - 1):
            continue
        if all(capaciteit[s] - geboekt.get(s, 0) > 0 for s in run):
            vrij.append(begin)
    return vrij


def vrije_tijdsloten(*, product, locatie: BalieLocatie, datum: datetime.date) -> list:
    """The start times on one day where the product fits, later than now."""
    return vrije_dagen(product=product, locatie=locatie, van=datum, tot=datum).get(datum, [])


def vrije_dagen(
    *, product, locatie: BalieLocatie, van: datetime.date, tot: datetime.date
) -> dict[datetime.date, list[datetime.datetime]]:
    """Free start times per day in [van, tot]; days without any are left out."""
    if aanbod_for(product=product, locatie=locatie) is None:
        return {}
    blokken = list(locatie.blokken.all())
    geboekt = _geboekt(locatie, van, tot)
    nodig = slots_needed(product)
    now = timezone.now()
    result = {}
    day = van
    while day <= tot:
        capaciteit = capaciteit_per_slot(locatie=locatie, datum=day, blokken=blokken)
        if vrij := _vrij(capaciteit, geboekt, nodig, now):
            result[day] = vrij
        day += datetime.timedelta(days=1)
    return result


def boekbare_periode() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return today, today + datetime.timedelta(days=BOOKING_HORIZON_DAYS)


def afspraak_list() -> QuerySet[Afspraak]:
    return Afspraak.objects.select_related("product", "locatie", "partij", "ticket")


def afspraak_by_token(*, token: str) -> Afspraak | None:
    if not token:
        return None
    return afspraak_list().filter(token=token).first()


def afspraken_van_partij(*, partij, limit: int = 10) -> list[Afspraak]:
    """For the klantbeeld: coming appointments first (soonest first), then the latest
    past ones; only what the klantbeeld shows.

    One query for nearly every customer: the `limit` latest appointments hold all the
    coming ones, unless there are `limit` or more of those; then the soonest are read.
    """
    now = timezone.now()
    qs = (
        Afspraak.objects.filter(partij=partij)
        .select_related("product", "locatie")
        .only("code", "begin", "eind", "status", "product__naam", "locatie__naam")
    )
    laatste = list(qs.order_by("-begin", "-pk")[:limit])
    komend = [afspraak for afspraak in reversed(laatste) if afspraak.eind >= now]
    if len(komend) == limit:
        return list(qs.filter(eind__gte=now).order_by("begin", "pk")[:limit])
    return komend + [afspraak for afspraak in laatste if afspraak.eind < now]


@dataclass(frozen=True)
class SlotStand:
    begin: datetime.datetime
    capaciteit: int
    geboekt: int
    no_show: int

    @property
    def vrij(self) -> int:
        return max(self.capaciteit - self.geboekt, 0)


def capaciteit_overzicht(*, locatie: BalieLocatie, datum: datetime.date) -> dict:
    """Per slot of a day: capacity, booked, no-shows, free; with totals."""
    capaciteit = capaciteit_per_slot(locatie=locatie, datum=datum)
    geboekt = _geboekt(locatie, datum, datum)
    no_shows = dict(
        Afspraak.objects.filter(locatie=locatie, begin__date=datum, status=Afspraak.Status.NO_SHOW)
        .values("begin")
        .annotate(n=Count("pk"))
        .values_list("begin", "n")
    )
    slots = [
        SlotStand(
            begin=begin,
            capaciteit=cap,
            geboekt=geboekt.get(begin, 0),
            no_show=no_shows.get(begin, 0),
        )
        for begin, cap in capaciteit.items()
    ]
    afspraken = list(
        afspraak_list().filter(locatie=locatie, begin__date=datum).order_by("begin", "naam")
    )
    totaal = Afspraak.objects.filter(locatie=locatie, begin__date=datum).aggregate(
        gepland=Count("pk", filter=Q(status=Afspraak.Status.GEPLAND)),
        ingecheckt=Count("pk", filter=Q(status=Afspraak.Status.INGECHECKT)),
        no_show=Count("pk", filter=Q(status=Afspraak.Status.NO_SHOW)),
        geannuleerd=Count("pk", filter=Q(status=Afspraak.Status.GEANNULEERD)),
    )
    totaal["capaciteit"] = sum(s.capaciteit for s in slots)
    totaal["bezet"] = sum(s.geboekt for s in slots)
    totaal["vrij"] = sum(s.vrij for s in slots)
    return {"slots": slots, "afspraken": afspraken, "totaal": totaal}


def afspraken_te_herinneren() -> list[int]:
    """Ids of tomorrow's planned appointments that have had no reminder."""
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    return list(
        Afspraak.objects.filter(
            status=Afspraak.Status.GEPLAND, herinnering_op__isnull=True, begin__date=morgen
        ).values_list("pk", flat=True)
    )
