"""The business calendar: werkdagen, Dutch holidays, opening hours and deadlines.

A werkdag is Monday to Friday, not a holiday the Algemene termijnenwet counts
(the public holidays of `holidays.NL`, Good Friday, and 5 May every year) and
not a configured SluitingsDag. Terms come in three units (`Eenheid`):
werkdagen, kalenderdagen (moved to the next day that is no weekend day or
holiday, as the Algemene termijnenwet asks) and hours within opening hours.
Day terms end at the end of their last day, in Europe/Amsterdam.
"""

import time as monotonic_clock
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from kcc.models import Eenheid, SluitingsDag

# Other processes see a changed SluitingsDag after this long; this process at once.
_CLOSED_DAYS_TTL_SECONDS = 60.0
_closed_days: dict[int, tuple[float, frozenset[date]]] = {}


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=256)
def feestdagen(year: int) -> frozenset[date]:
    """The holidays of one year that the Algemene termijnenwet counts."""
    # holidays.NL has Liberation Day only in lustrum years; the law counts it every year.
    return frozenset(holidays.NL(years=year)) | {date(year, 5, 5)}


def sluitingsdagen(year: int) -> frozenset[date]:
    """The configured closing days of one year (cached: SLA sweeps ask often)."""
    now = monotonic_clock.monotonic()
    cached = _closed_days.get(year)
    if cached and now - cached[0] < _CLOSED_DAYS_TTL_SECONDS:
        return cached[1]
    days = frozenset(SluitingsDag.objects.filter(datum__year=year).values_list("datum", flat=True))
    _closed_days[year] = (now, days)
    return days


def clear_cache(**kwargs) -> None:
    """Forget the closing days (connected to SluitingsDag saves and deletes)."""
    _closed_days.clear()


def is_feestdag(day: date) -> bool:
    return day in feestdagen(day.year)


def is_werkdag(day: date) -> bool:
    return day.weekday() < 5 and not is_feestdag(day) and day not in sluitingsdagen(day.year)


def next_werkdag(day: date) -> date:
    """The day itself when it is a werkdag, otherwise the first werkdag after it."""
    while not is_werkdag(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th werkdag after start (before start when n is negative); n=0 is start."""
    step = timedelta(days=1 if n >= 0 else -1)
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if is_werkdag(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """The werkdagen after start up to and including end; negative when end < start.

    So `add_working_days(start, working_days_between(start, end))` is the last
    werkdag on or before end.
    """
    if end < start:
        return -working_days_between(end, start)
    full_weeks, rest = divmod((end - start).days, 7)
    count = full_weeks * 5
    count += sum(
        1 for offset in range(1, rest + 1) if (start + timedelta(days=offset)).weekday() < 5
    )
    closed = set()
    for year in range(start.year, end.year + 1):
        closed |= feestdagen(year) | sluitingsdagen(year)
    return count - sum(1 for day in closed if start < day <= end and day.weekday() < 5)


def termijn_einddag(day: date) -> date:
    """Algemene termijnenwet: a term ending on a Saturday, Sunday or holiday ends on
    the next day that is none of those (local closing days do not move a legal term)."""
    while day.weekday() >= 5 or is_feestdag(day):
        day += timedelta(days=1)
    return day


def openingstijden() -> tuple[time, time]:
    """Opening hours on a werkdag, from KCC_OPENINGSTIJDEN ("08:30-17:00")."""
    opens, closes = settings.KCC_OPENINGSTIJDEN.split("-")
    return time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())


def local_moment(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, _tz())
    return moment.astimezone(_tz())


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=_tz())


def add_opening_time(start: datetime, duration: timedelta) -> datetime:
    """The moment `duration` of opening time after start (time outside opening hours
    and on days that are no werkdag does not count)."""
    opens, closes = openingstijden()
    moment, remaining = local_moment(start), duration
    while True:
        day = moment.date()
        if is_werkdag(day):
            moment = max(moment, datetime.combine(day, opens, tzinfo=_tz()))
            closing = datetime.combine(day, closes, tzinfo=_tz())
            if moment <= closing:
                available = closing - moment
                if remaining <= available:
                    return moment + remaining
                remaining -= available
        moment = datetime.combine(day + timedelta(days=1), time.min, tzinfo=_tz())


def opening_time_between(start: datetime, end: datetime) -> timedelta:
    """How much opening time lies between start and end (zero when end <= start)."""
    opens, closes = openingstijden()
    start, end = local_moment(start), local_moment(end)
    total, day = timedelta(0), start.date()
    while day <= end.date():
        if is_werkdag(day):
            begin = max(start, datetime.combine(day, opens, tzinfo=_tz()))
            finish = min(end, datetime.combine(day, closes, tzinfo=_tz()))
            total += max(finish - begin, timedelta(0))
        day += timedelta(days=1)
    return total


def deadline_for(start: datetime, *, amount: int, unit: str) -> datetime:
    """The deadline of a term of `amount` `unit` (an `Eenheid`) that starts at start."""
    local_start = local_moment(start)
    if unit == Eenheid.WERKDAGEN:
        return end_of_day(add_working_days(local_start.date(), amount))
    if unit == Eenheid.KALENDERDAGEN:
        return end_of_day(termijn_einddag(local_start.date() + timedelta(days=amount)))
    if unit == Eenheid.UREN:
        return add_opening_time(local_start, timedelta(hours=amount))
    raise ValueError(f"Onbekende eenheid: {unit!r}")


def deadline_after_suspension(
    deadline: datetime, *, suspended_from: datetime, resumed_at: datetime, unit: str
) -> datetime:
    """The deadline moved by the time a term was suspended (opgeschort), counted in the
    term's unit: werkdagen, kalenderdagen or opening hours."""
    deadline, suspended_from, resumed_at = (
        local_moment(deadline),
        local_moment(suspended_from),
        local_moment(resumed_at),
    )
    if unit == Eenheid.WERKDAGEN:
        days = working_days_between(suspended_from.date(), resumed_at.date())
        return datetime.combine(add_working_days(deadline.date(), max(days, 0)), deadline.timetz())
    if unit == Eenheid.KALENDERDAGEN:
        days = max((resumed_at.date() - suspended_from.date()).days, 0)
        return datetime.combine(
            termijn_einddag(deadline.date() + timedelta(days=days)), deadline.timetz()
        )
    if unit == Eenheid.UREN:
        return add_opening_time(deadline, opening_time_between(suspended_from, resumed_at))
    raise ValueError(f"Onbekende eenheid: {unit!r}")
