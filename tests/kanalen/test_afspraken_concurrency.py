"""50 customers book the last free place at once: real threads, each with its own
Postgres connection. Exactly one gets it, the others a clear message."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kanalen.afspraken import services
from kanalen.models import Afspraak, AfspraakSlot
from tests.kanalen.afspraken_helpers import om, werkdag_na
from tests.kanalen.factories import AfspraakAanbodFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 50


def _book_all_at_once(aanbod, begin) -> list:
    barrier = threading.Barrier(PARALLEL)
    outcomes: list = [None] * PARALLEL

    def book(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = services.afspraak_book(
                product=aanbod.product,
                locatie=aanbod.locatie,
                begin=begin,
                naam=f"Klant {index}",
                email=f"klant{index}@example.nl",
            )
        except ValidationError as exc:
            outcomes[index] = exc
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            outcomes[index] = RuntimeError(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_fifty_parallel_bookings_for_the_last_place_one_succeeds():
    aanbod = AfspraakAanbodFactory(blok__capaciteit=1)
    day = werkdag_na()
    begin = om(day, 10)

    outcomes = _book_all_at_once(aanbod, begin)

    booked = [o for o in outcomes if isinstance(o, Afspraak)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(booked) == 1
    assert len(refused) == PARALLEL - 1, [o for o in outcomes if isinstance(o, RuntimeError)]
    assert all(e.message_dict == {"begin": [services.FULL]} for e in refused)
    assert Afspraak.objects.count() == 1
    assert set(
        AfspraakSlot.objects.filter(locatie=aanbod.locatie, geboekt__gt=0).values_list(
            "begin", "geboekt"
        )
    ) == {(begin, 1), (om(day, 10, 15), 1)}


def test_overlapping_runs_in_parallel_never_overbook():
    """Starts at 10:00 and 10:15 share the 10:15 slot; with one desk only one of the
    two groups can win it, whatever the interleaving (and no deadlock)."""
    aanbod = AfspraakAanbodFactory(blok__capaciteit=1)
    day = werkdag_na()
    barrier = threading.Barrier(20)
    results = []

    def book(index: int) -> None:
        try:
            barrier.wait()
            services.afspraak_book(
                product=aanbod.product,
                locatie=aanbod.locatie,
                begin=om(day, 10, 15 * (index % 2)),
                naam=f"Klant {index}",
                email=f"klant{index}@example.nl",
            )
            results.append("ok")
        except ValidationError:
            results.append("vol")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("ok") == 1
    assert results.count("vol") == 19
    assert not AfspraakSlot.objects.filter(geboekt__gt=1).exists()
