"""Shared set-up of the appointment tests: a future werkdag and times on it."""

import datetime

from django.utils import timezone

from kcc.calendar import is_werkdag


def werkdag_na(days: int = 2) -> datetime.date:
    """A werkdag at least `days` ahead (tests run on any day, holidays too)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    while not is_werkdag(day):
        day += datetime.timedelta(days=1)
    return day


def om(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
