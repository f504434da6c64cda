"""Volume forecast per channel for the next four weeks, and the staffing it asks for.

Method: a seasonal-naive forecast with trend, the usual baseline for contact
centre volumes. Each weekday's level is its mean over the last eight weeks; the
trend is the ratio of the last four weeks to the four before, halved in effect
(square root) and bounded, so one odd week does not swing the plan. Closed days
(weekend, holidays, local closing days) get nothing on the staffed channels.
The backtest makes the same forecast from four weeks ago and compares it with
what really came in, so the manager sees how far to trust the numbers.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings

from contacts import selectors as contacts_selectors
from contacts.models import Kanaal
from kanalen.telefonie import selectors as telefonie_selectors
from kcc import calendar
from kcc.dashboard.erlang import agents_needed
from kcc.kpi import KpiFilters, Periode

HISTORY_WEEKS = 8
HORIZON_DAYS = 28
# Channels answered by people during opening hours: no volume on closed days.
STAFFED = (Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.CHAT)
# Channels sized with Erlang C.
QUEUED = (Kanaal.TELEFOON, Kanaal.CHAT)


@dataclass(frozen=True)
class Backtest:
    mape: float | None  # mean absolute percentage error on days with contacts, in %
    mae: float  # mean absolute error in contacts per day


@dataclass(frozen=True)
class ChannelForecast:
    kanaal: str
    dagen: list[datetime.date]
    verwacht: list[float]
    backtest: Backtest | None


def _daily(kanaal: str, van: datetime.date, tot: datetime.date) -> dict[datetime.date, int]:
    trend = contacts_selectors.kpi_contacts_trend(
        periode=Periode(van, tot), filters=KpiFilters(kanaal=kanaal)
    )
    return dict(zip(trend["dagen"], trend["reeksen"][kanaal], strict=True))


def _open(kanaal: str, day: datetime.date) -> bool:
    return kanaal not in STAFFED or calendar.is_werkdag(day)


def forecast_days(
    history: dict[datetime.date, int], *, kanaal: str, start: datetime.date, days: int
) -> list[float]:
    """Expected contacts per day from `start` on, from the daily `history` before it."""
    weeks = [start - datetime.timedelta(days=7 * w) for w in range(1, HISTORY_WEEKS + 1)]
    levels = {}
    for weekday in range(7):
        values = [
            history.get(week_start + datetime.timedelta(days=(weekday - week_start.weekday()) % 7))
            for week_start in weeks
        ]
        counted = [v for v in values if v is not None]
        levels[weekday] = sum(counted) / len(counted) if counted else 0.0

    def total(first: datetime.date) -> int:
        return sum(history.get(first + datetime.timedelta(days=d), 0) for d in range(28))

    recent, before = (
        total(start - datetime.timedelta(days=28)),
        total(start - datetime.timedelta(days=56)),
    )
    trend = min(max(math.sqrt(recent / before), 0.5), 2.0) if before and recent else 1.0
    result = []
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        result.append(round(levels[day.weekday()] * trend, 1) if _open(kanaal, day) else 0.0)
    return result


def backtest(
    history: dict[datetime.date, int], *, kanaal: str, today: datetime.date
) -> Backtest | None:
    """The forecast made four weeks ago against what came in since."""
    start = today - datetime.timedelta(days=HORIZON_DAYS)
    earlier = {day: n for day, n in history.items() if day < start}
    if not any(earlier.values()):
        return None
    expected = forecast_days(earlier, kanaal=kanaal, start=start, days=HORIZON_DAYS)
    actual = [history.get(start + datetime.timedelta(days=d), 0) for d in range(HORIZON_DAYS)]
    errors = [abs(e - a) for e, a in zip(expected, actual, strict=True)]
    percentages = [abs(e - a) / a * 100 for e, a in zip(expected, actual, strict=True) if a]
    return Backtest(
        mape=round(sum(percentages) / len(percentages), 1) if percentages else None,
        mae=round(sum(errors) / len(errors), 1),
    )


def channel_forecast(*, kanaal: str, today: datetime.date) -> ChannelForecast:
    """The next four weeks for one channel, from tomorrow on."""
    history_start = today - datetime.timedelta(days=7 * HISTORY_WEEKS + HORIZON_DAYS + 28)
    history = _daily(kanaal, history_start, today - datetime.timedelta(days=1))
    start = today + datetime.timedelta(days=1)
    return ChannelForecast(
        kanaal=kanaal,
        dagen=[start + datetime.timedelta(days=d) for d in range(HORIZON_DAYS)],
        verwacht=forecast_days(history, kanaal=kanaal, start=start, days=HORIZON_DAYS),
        backtest=backtest(history, kanaal=kanaal, today=today),
    )


@dataclass(frozen=True)
class Bezetting:
    """Agents needed per opening hour on the coming werkdagen (Erlang C)."""

    kanaal: str
    uren: list[int]
    dagen: list[tuple[datetime.date, list[int]]]
    afhandeltijd_seconden: float
    doel: str


def _handling_seconds(kanaal: str, today: datetime.date) -> float:
    if kanaal == Kanaal.TELEFOON:
        periode = Periode(today - datetime.timedelta(weeks=HISTORY_WEEKS), today)
        kpis = telefonie_selectors.telefonie_kpis(van=periode.start, tot=periode.eind)
        if kpis.gemiddelde_gespreksduur_seconden:
            return kpis.gemiddelde_gespreksduur_seconden
    return float(settings.KCC_AFHANDELTIJD_SECONDEN[kanaal])


def staffing(
    *, forecast: ChannelForecast, today: datetime.date, werkdagen: int = 5
) -> Bezetting | None:
    """Agents per opening hour for the first `werkdagen` of the forecast (phone and chat)."""
    if forecast.kanaal not in QUEUED:
        return None
    opens, closes = calendar.openingstijden()
    uren = list(range(opens.hour, closes.hour + (1 if closes.minute else 0)))
    pattern = contacts_selectors.kpi_contacts_per_uur(
        periode=Periode(today - datetime.timedelta(weeks=HISTORY_WEEKS), today),
        filters=KpiFilters(kanaal=forecast.kanaal),
    )
    in_hours = sum(pattern.get(uur, 0) for uur in uren)
    # Without history, an even spread over the opening hours.
    shares = {uur: (pattern.get(uur, 0) / in_hours if in_hours else 1 / len(uren)) for uur in uren}
    handling = _handling_seconds(forecast.kanaal, today)
    target_share, target_seconds = settings.KCC_SERVICENIVEAU[forecast.kanaal]
    per_agent = settings.KCC_CHAT_GELIJKTIJDIG if forecast.kanaal == Kanaal.CHAT else 1
    dagen = []
    for day, volume in zip(forecast.dagen, forecast.verwacht, strict=True):
        if len(dagen) == werkdagen:
            break
        if not calendar.is_werkdag(day):
            continue
        dagen.append(
            (
                day,
                [
                    agents_needed(
                        contacts_per_hour=volume * shares[uur],
                        handling_seconds=handling / per_agent,
                        target_seconds=target_seconds,
                        target_share=target_share,
                    )
                    for uur in uren
                ],
            )
        )
    return Bezetting(
        kanaal=forecast.kanaal,
        uren=uren,
        dagen=dagen,
        afhandeltijd_seconden=round(handling),
        doel=f"{round(target_share * 100)}% binnen {target_seconds} s",
    )
