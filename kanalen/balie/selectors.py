"""Reads of the counter queue: is a location open, who waits, what the screens show."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from kanalen.models import Balie, BalieLocatie, Productgroep, Ticket
from kcc.calendar import is_werkdag, openingstijden

Status = Ticket.Status
ACTIEF = [Status.OPGEROEPEN, Status.IN_BEHANDELING]


def locatie_openingstijden(locatie: BalieLocatie) -> tuple[datetime.time, datetime.time]:
    opens, closes = openingstijden()
    return locatie.opent_om or opens, locatie.sluit_om or closes


def locatie_is_open(locatie: BalieLocatie, moment: datetime.datetime | None = None) -> bool:
    """Open on a werkdag within its opening hours, unless opened or closed by hand."""
    if locatie.stand != BalieLocatie.Stand.AUTOMATISCH:
        return locatie.stand == BalieLocatie.Stand.OPEN
    local = timezone.localtime(moment or timezone.now())
    opens, closes = locatie_openingstijden(locatie)
    return is_werkdag(local.date()) and opens <= local.time() < closes


def vandaag() -> datetime.date:
    return timezone.localdate()


def productgroep_list(*, locatie: BalieLocatie) -> QuerySet[Productgroep]:
    return locatie.productgroepen.filter(actief=True)


def balie_list(*, locatie: BalieLocatie) -> QuerySet[Balie]:
    return locatie.balies.select_related("medewerker__user")


def ticket_actief_for(*, medewerker) -> Ticket | None:
    """The ticket this medewerker called and has not finished."""
    return (
        Ticket.objects.filter(medewerker=medewerker, status__in=ACTIEF)
        .select_related("productgroep", "balie", "partij")
        .first()
    )


def ticket_opgeroepen_list(*, locatie: BalieLocatie, limit: int = 8) -> list[Ticket]:
    """What the TV shows: the latest calls of today, newest first (served ones stay
    until newer calls push them off; a no-show or a transferred ticket leaves)."""
    return list(
        Ticket.objects.filter(
            locatie=locatie, datum=vandaag(), status__in=[*ACTIEF, Status.AFGEHANDELD]
        )
        .select_related("balie")
        .order_by("-opgeroepen_op")[:limit]
    )


@dataclass(frozen=True)
class GroepStand:
    productgroep: Productgroep
    wachtend: int
    langste_wachttijd: datetime.timedelta | None


def wachtrij_stand(*, locatie: BalieLocatie) -> list[GroepStand]:
    """Waiting tickets per productgroep and the longest wait, for agent and teamleider."""
    now = timezone.now()
    rows = {
        row["productgroep"]: row
        for row in Ticket.objects.filter(locatie=locatie, datum=vandaag(), status=Status.WACHTEND)
        .values("productgroep")
        .annotate(wachtend=Count("pk"), oudste=Min("aangemaakt_op"))
    }
    result = []
    for groep in productgroep_list(locatie=locatie):
        row = rows.get(groep.pk)
        result.append(
            GroepStand(
                productgroep=groep,
                wachtend=row["wachtend"] if row else 0,
                langste_wachttijd=now - row["oudste"] if row else None,
            )
        )
    return result


def balie_bezetting(*, locatie: BalieLocatie) -> list[tuple[Balie, Ticket | None]]:
    """Every desk with who sits there and the ticket being served."""
    actief = {
        t.balie_id: t
        for t in Ticket.objects.filter(
            locatie=locatie, datum=vandaag(), status__in=ACTIEF
        ).select_related("productgroep")
    }
    return [(balie, actief.get(balie.pk)) for balie in balie_list(locatie=locatie)]


def ticket_list() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("locatie", "productgroep", "balie", "medewerker")


def afgehandeld_vandaag(*, locatie: BalieLocatie) -> dict:
    return Ticket.objects.filter(locatie=locatie, datum=vandaag()).aggregate(
        afgehandeld=Count("pk", filter=Q(status=Status.AFGEHANDELD)),
        no_show=Count("pk", filter=Q(status=Status.NO_SHOW)),
    )
