"""Shared set-up of the appointment tests: a future werkdag and times on it."""

import datetime

from django.utils import timezone

from kanalen.models import Afspraak
from kcc.calendar import is_werkdag


def werkdag_na(days: int = 2) -> datetime.date:
    """A werkdag at least `days` ahead (tests run on any day, holidays too)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    while not is_werkdag(day):
        day += datetime.timedelta(days=1)
    return day


def om(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def afspraak_op(aanbod, begin: datetime.datetime, **extra) -> Afspraak:
    """An appointment of half an hour at any moment (bookings refuse the past; these
    tests need it)."""
    return Afspraak.objects.create(
        code=extra.pop("code", "K7M2QX"),
        token=extra.pop("token", "t" * 43),
        product=aanbod.product,
        locatie=aanbod.locatie,
        begin=begin,
        eind=begin + datetime.timedelta(minutes=30),
        naam="Fleur van 't Hof",
        email="fleur@example.nl",
        geboekt_via=Afspraak.GeboektVia.ONLINE,
        **extra,
    )
