"""The business calendar: werkdagen, Dutch holidays, closing days, opening hours, terms."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kcc import calendar
from kcc.models import Eenheid, SluitingsDag

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def at(text: str) -> datetime:
    """A moment in Amsterdam time, written as "2026-05-13 10:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


@pytest.fixture
def dag_na_hemelvaart():
    return SluitingsDag.objects.create(datum=date(2026, 5, 15), omschrijving="Dag na Hemelvaart")


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2026, 11, 26), True, "gewone donderdag"),
        (date(2026, 11, 28), False, "zaterdag"),
        (date(2026, 11, 29), False, "zondag"),
        (date(2026, 1, 1), False, "Nieuwjaarsdag"),
        (date(2026, 1, 2), True, "vrijdag na Nieuwjaarsdag"),
        (date(2026, 4, 3), False, "Goede Vrijdag"),
        (date(2026, 4, 6), False, "Tweede paasdag"),
        (date(2026, 4, 27), False, "Koningsdag op maandag"),
        (date(2031, 4, 25), True, "vrijdag voor Koningsdag op zaterdag 26 april 2031"),
        (date(2031, 4, 28), True, "27 april 2031 is een zondag: maandag is gewoon open"),
        (date(2025, 5, 5), False, "Bevrijdingsdag in een lustrumjaar"),
        (date(2026, 5, 5), False, "Bevrijdingsdag telt elk jaar (Algemene termijnenwet)"),
        (date(2026, 5, 4), True, "maandag voor Bevrijdingsdag"),
        (date(2026, 5, 14), False, "Hemelvaartsdag"),
        (date(2026, 5, 15), True, "dag na Hemelvaart zonder sluitingsdag"),
        (date(2026, 5, 25), False, "Tweede pinksterdag"),
        (date(2025, 12, 25), False, "Eerste kerstdag"),
        (date(2025, 12, 26), False, "Tweede kerstdag"),
        (date(2025, 12, 31), True, "oudejaarsdag"),
    ],
)
def test_is_werkdag(day, expected, why):
    assert calendar.is_werkdag(day) is expected, why


def test_a_configured_closing_day_is_no_werkdag(dag_na_hemelvaart):
    assert not calendar.is_werkdag(date(2026, 5, 15))


def test_a_closing_day_added_later_is_seen_at_once():
    assert calendar.is_werkdag(date(2026, 12, 31))  # fills the cache for 2026
    SluitingsDag.objects.create(datum=date(2026, 12, 31), omschrijving="Oudejaarsdag")
    assert not calendar.is_werkdag(date(2026, 12, 31))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 26), 0, date(2026, 11, 26)),
        (date(2026, 11, 26), 1, date(2026, 11, 27)),
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # over the weekend
        (date(2025, 12, 24), 1, date(2025, 12, 29)),  # Christmas and weekend
        (date(2025, 12, 24), 3, date(2025, 12, 31)),
        (date(2025, 12, 24), 4, date(2026, 1, 2)),  # over the year end and New Year
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Easter: Good Friday to Easter Monday
        (date(2026, 4, 24), 1, date(2026, 4, 28)),  # Koningsdag
        (date(2026, 5, 1), 2, date(2026, 5, 6)),  # 5 May
        (date(2026, 5, 13), 1, date(2026, 5, 15)),  # Ascension
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # Pentecost
        (date(2031, 4, 25), 1, date(2031, 4, 28)),  # Koningsdag on Saturday 26 April
        (date(2026, 1, 2), -1, date(2025, 12, 31)),  # backwards over the year end
        (date(2026, 4, 7), -1, date(2026, 4, 2)),
    ],
)
def test_add_working_days(start, n, expected):
    assert calendar.add_working_days(start, n) == expected


def test_add_working_days_skips_a_closing_day(dag_na_hemelvaart):
    assert calendar.add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 18)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 26), date(2026, 11, 26), 0),
        (date(2026, 11, 27), date(2026, 11, 30), 1),
        (date(2025, 12, 24), date(2026, 1, 2), 4),
        (date(2026, 1, 2), date(2025, 12, 24), -4),
        (date(2026, 4, 2), date(2026, 4, 7), 1),
        # 2026: 260 weekdays after 1 January, 7 of them holidays (26 Dec is a Saturday).
        (date(2026, 1, 1), date(2026, 12, 31), 253),
    ],
)
def test_working_days_between(start, end, expected):
    assert calendar.working_days_between(start, end) == expected


def test_working_days_between_agrees_with_counting_day_by_day(dag_na_hemelvaart):
    start = date(2025, 12, 1)
    for length in range(0, 430, 7):
        end = start + timedelta(days=length)
        counted = sum(
            1 for offset in range(1, length + 1) if calendar.is_werkdag(start + timedelta(offset))
        )
        assert calendar.working_days_between(start, end) == counted, end
        if counted:
            assert calendar.add_working_days(start, counted) <= end
            assert calendar.add_working_days(start, counted + 1) > end


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (at("2026-05-13 10:00"), 2, Eenheid.WERKDAGEN, at("2026-05-18 23:59:59")),
        (at("2026-11-26 10:00"), 0, Eenheid.WERKDAGEN, at("2026-11-26 23:59:59")),
        # 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
        (
            datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
            1,
            Eenheid.WERKDAGEN,
            at("2027-01-04 23:59:59"),
        ),
        (at("2026-04-20 09:00"), 14, Eenheid.KALENDERDAGEN, at("2026-05-04 23:59:59")),
        # Ends on a holiday or weekend day: moves to the next day that is neither.
        (at("2026-04-21 09:00"), 14, Eenheid.KALENDERDAGEN, at("2026-05-06 23:59:59")),
        (at("2026-03-20 09:00"), 14, Eenheid.KALENDERDAGEN, at("2026-04-07 23:59:59")),
        (at("2026-12-11 09:00"), 14, Eenheid.KALENDERDAGEN, at("2026-12-28 23:59:59")),
        (at("2031-04-12 09:00"), 14, Eenheid.KALENDERDAGEN, at("2031-04-28 23:59:59")),
        (at("2026-11-26 10:00"), 2, Eenheid.UREN, at("2026-11-26 12:00")),
        (at("2026-11-26 07:00"), 1, Eenheid.UREN, at("2026-11-26 09:30")),  # before opening
        (at("2026-11-26 17:30"), 1, Eenheid.UREN, at("2026-11-27 09:30")),  # after closing
        (at("2026-11-27 16:00"), 4, Eenheid.UREN, at("2026-11-30 11:30")),  # over a weekend
        (at("2026-12-24 16:30"), 1, Eenheid.UREN, at("2026-12-28 09:00")),  # over Christmas
        (at("2026-11-26 08:30"), 17, Eenheid.UREN, at("2026-11-27 17:00")),  # two full days
        (at("2026-03-27 16:00"), 2, Eenheid.UREN, at("2026-03-30 09:30")),  # over summer time
    ],
)
def test_deadline_for(start, amount, unit, expected):
    assert calendar.deadline_for(start, amount=amount, unit=unit) == expected


def test_deadline_in_werkdagen_skips_a_closing_day_but_a_legal_term_does_not(
    dag_na_hemelvaart,
):
    start = at("2026-05-13 10:00")
    assert calendar.deadline_for(start, amount=1, unit=Eenheid.WERKDAGEN) == at(
        "2026-05-18 23:59:59"
    )
    assert calendar.deadline_for(start, amount=2, unit=Eenheid.KALENDERDAGEN) == at(
        "2026-05-15 23:59:59"
    )


def test_opening_hours_are_configurable(settings):
    settings.KCC_OPENINGSTIJDEN = "09:00-12:00"
    deadline = calendar.deadline_for(at("2026-11-26 11:00"), amount=2, unit=Eenheid.UREN)
    assert deadline == at("2026-11-27 10:00")


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="Onbekende eenheid"):
        calendar.deadline_for(at("2026-11-26 10:00"), amount=1, unit="weken")


@pytest.mark.parametrize(
    ("deadline", "suspended_from", "resumed_at", "unit", "expected"),
    [
        # Suspended Mon 11 to Mon 18 May: 4 werkdagen (Ascension does not count);
        # 4 werkdagen after Wed 20 May skips Pentecost Monday.
        (
            at("2026-05-20 23:59:59"),
            at("2026-05-11 09:00"),
            at("2026-05-18 09:00"),
            Eenheid.WERKDAGEN,
            at("2026-05-27 23:59:59"),
        ),
        # Same day suspend and resume: nothing moves.
        (
            at("2026-05-20 23:59:59"),
            at("2026-05-11 09:00"),
            at("2026-05-11 15:00"),
            Eenheid.WERKDAGEN,
            at("2026-05-20 23:59:59"),
        ),
        # 7 kalenderdagen from 18 December lands on Christmas: moves to Monday 28th.
        (
            at("2026-12-18 23:59:59"),
            at("2026-12-01 09:00"),
            at("2026-12-08 09:00"),
            Eenheid.KALENDERDAGEN,
            at("2026-12-28 23:59:59"),
        ),
        # 2 opening hours suspended on one day.
        (
            at("2026-11-26 15:00"),
            at("2026-11-26 10:00"),
            at("2026-11-26 12:00"),
            Eenheid.UREN,
            at("2026-11-26 17:00"),
        ),
        # Suspended Friday 16:00 to Monday 09:30: 2 opening hours over the weekend.
        (
            at("2026-11-30 16:00"),
            at("2026-11-27 16:00"),
            at("2026-11-30 09:30"),
            Eenheid.UREN,
            at("2026-12-01 09:30"),
        ),
    ],
)
def test_deadline_after_suspension(deadline, suspended_from, resumed_at, unit, expected):
    moved = calendar.deadline_after_suspension(
        deadline, suspended_from=suspended_from, resumed_at=resumed_at, unit=unit
    )
    assert moved == expected


def test_a_suspension_over_a_closing_day_does_not_count_that_day(dag_na_hemelvaart):
    # Suspended Wed 13 to Mon 18 May: only the 18th is a werkdag (14th Ascension, 15th closed).
    moved = calendar.deadline_after_suspension(
        at("2026-05-20 23:59:59"),
        suspended_from=at("2026-05-13 09:00"),
        resumed_at=at("2026-05-18 09:00"),
        unit=Eenheid.WERKDAGEN,
    )
    assert moved == at("2026-05-21 23:59:59")
