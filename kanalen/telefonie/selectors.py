"""Reads of the telephony channel: the phone KPIs for the dashboard."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, QuerySet

from kanalen.models import Telefoongesprek

Status = Telefoongesprek.Status
SERVICE_LEVEL_SECONDS = 30


def telefoongesprek_list() -> QuerySet[Telefoongesprek]:
    return Telefoongesprek.objects.select_related("koppeling", "medewerker__user", "partij")


@dataclass(frozen=True)
class TelefonieKpis:
    gesprekken: int
    aangenomen: int
    opgehangen: int
    gemiddelde_wachttijd_seconden: float | None
    langste_wachttijd_seconden: int | None
    aandeel_opgehangen: float | None
    aandeel_binnen_30s: float | None
    gemiddelde_gespreksduur_seconden: float | None


def telefonie_kpis(*, van: datetime.datetime, tot: datetime.datetime) -> TelefonieKpis:
    """Calls that began in [van, tot). Shares are of the calls that finished (answered or
    abandoned); `aandeel_binnen_30s` is the classic service level: answered within 30 s
    of all calls offered, abandoned ones included."""
    row = Telefoongesprek.objects.filter(begonnen_op__gte=van, begonnen_op__lt=tot).aggregate(
        gesprekken=Count("pk"),
        aangenomen=Count("pk", filter=Q(aangenomen_op__isnull=False)),
        opgehangen=Count("pk", filter=Q(status=Status.ABANDONED)),
        binnen=Count(
            "pk",
            filter=Q(aangenomen_op__isnull=False, wachttijd_seconden__lte=SERVICE_LEVEL_SECONDS),
        ),
        gemiddeld=Avg("wachttijd_seconden"),
        gespreksduur=Avg("gespreksduur_seconden"),
        langste=Max("wachttijd_seconden"),
    )
    aangeboden = row["aangenomen"] + row["opgehangen"]
    return TelefonieKpis(
        gesprekken=row["gesprekken"],
        aangenomen=row["aangenomen"],
        opgehangen=row["opgehangen"],
        gemiddelde_wachttijd_seconden=row["gemiddeld"],
        langste_wachttijd_seconden=row["langste"],
        aandeel_opgehangen=row["opgehangen"] / aangeboden if aangeboden else None,
        aandeel_binnen_30s=row["binnen"] / aangeboden if aangeboden else None,
        gemiddelde_gespreksduur_seconden=row["gespreksduur"],
    )
