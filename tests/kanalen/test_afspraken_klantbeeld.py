"""The klantbeeld's appointments: coming ones first (soonest first), then the latest
past ones, ten at most."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kanalen.afspraken.selectors import afspraken_van_partij
from kanalen.models import Afspraak
from tests.contacts.factories import PersoonFactory
from tests.kanalen.afspraken_helpers import afspraak_op
from tests.kanalen.factories import AfspraakAanbodFactory

pytestmark = pytest.mark.django_db


def _afspraken(partij, *hours_from_now: float) -> dict[float, Afspraak]:
    """Appointments of half an hour that begin these many hours from now."""
    aanbod = AfspraakAanbodFactory()
    now = timezone.now()
    return {
        hours: afspraak_op(
            aanbod,
            now + datetime.timedelta(hours=hours),
            code=f"K{n:05d}",
            token=f"t{n:042d}",
            partij=partij,
        )
        for n, hours in enumerate(hours_from_now)
    }


def test_coming_first_soonest_first_then_the_latest_past_ones():
    partij = PersoonFactory()
    made = _afspraken(partij, -50, 3, -2, 48, -0.25, -400)

    shown = afspraken_van_partij(partij=partij)

    # -0.25: began a quarter of an hour ago and still runs, so it is coming.
    assert shown == [made[h] for h in (-0.25, 3, 48, -2, -50, -400)]


def test_at_most_the_limit_with_the_latest_past_ones():
    partij = PersoonFactory()
    made = _afspraken(partij, 5, -1, -2, -3, -4)

    assert afspraken_van_partij(partij=partij, limit=3) == [made[5], made[-1], made[-2]]


def test_more_coming_than_the_limit_shows_the_soonest():
    partij = PersoonFactory()
    made = _afspraken(partij, 30, 10, 20, 40, -1)

    assert afspraken_van_partij(partij=partij, limit=3) == [made[10], made[20], made[30]]


def test_only_this_customers_appointments():
    partij, ander = PersoonFactory(), PersoonFactory()
    _afspraken(ander, 5, -5)

    assert afspraken_van_partij(partij=partij) == []


def test_the_klantbeeld_lists_them(client, agent):
    partij = PersoonFactory()
    made = _afspraken(partij, 26)
    client.force_login(agent.user)

    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}))

    assert f"({made[26].code})" in page.content.decode()
    assert made[26].locatie.naam in page.content.decode()
