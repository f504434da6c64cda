"""The threshold moments of a term, counted in opening time (kcc.sla.drempels)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from kcc import sla

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


@pytest.fixture(autouse=True)
def _opening_hours(settings):
    settings.KCC_OPENINGSTIJDEN = "08:30-17:00"
    settings.KCC_SLA_WAARSCHUWING_PERCENTAGE = 75


@pytest.mark.parametrize(
    ("start", "deadline", "expected"),
    [
        # An ordinary week: Mon 10:00 → Wed end of day is 7 + 8.5 + 8.5 = 24 h; 75% = 18 h
        # → Wed 11:00. 3× = 72 h → Thursday of the next week, 14:00.
        (
            at(2026, 3, 2, 10, 0),
            at(2026, 3, 4, 23, 59, 59),
            (at(2026, 3, 4, 11, 0), at(2026, 3, 4, 8, 30), at(2026, 3, 12, 14, 0)),
        ),
        # Over Christmas and the year end: Wed 23 Dec 2026 12:00 → Mon 28 Dec (25/26
        # closed, weekend). 5 + 8.5 + 8.5 h (Thu 24, Mon 28) = 22 h; 75% = 16.5 h;
        # 3× = 66 h skips New Year's Day.
        (
            at(2026, 12, 23, 12, 0),
            at(2026, 12, 28, 23, 59, 59),
            (at(2026, 12, 28, 11, 30), at(2026, 12, 28, 8, 30), at(2027, 1, 6, 10, 0)),
        ),
        # Koningsdag 2027 (Tuesday 27 April) does not count: Mon 26 → Wed 28.
        (
            at(2027, 4, 26, 8, 30),
            at(2027, 4, 28, 23, 59, 59),
            (at(2027, 4, 28, 12, 45), at(2027, 4, 28, 8, 30), at(2027, 5, 4, 17, 0)),
        ),
        # A callback term in hours ends within opening hours: due today fires at opening.
        (
            at(2026, 3, 2, 9, 0),
            at(2026, 3, 2, 13, 0),
            (at(2026, 3, 2, 12, 0), at(2026, 3, 2, 9, 0), at(2026, 3, 3, 12, 30)),
        ),
    ],
)
def test_threshold_moments(start, deadline, expected):
    drempels = sla.drempels(start, deadline)

    assert (drempels.waarschuwing_op, drempels.vandaag_op, drempels.ernstig_op) == expected
    assert drempels.verlopen_op == deadline


def test_warning_percentage_is_configurable(settings):
    settings.KCC_SLA_WAARSCHUWING_PERCENTAGE = 50

    drempels = sla.drempels(at(2026, 3, 2, 8, 30), at(2026, 3, 3, 17, 0))

    assert drempels.waarschuwing_op == at(2026, 3, 2, 17, 0)


def test_a_term_without_opening_time_is_all_due_at_once():
    drempels = sla.drempels(at(2026, 3, 7, 10, 0), at(2026, 3, 7, 12, 0))  # a Saturday

    assert drempels.waarschuwing_op == at(2026, 3, 7, 10, 0)
    assert drempels.verlopen_op == drempels.ernstig_op == at(2026, 3, 7, 12, 0)
