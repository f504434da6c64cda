"""Ticket numbers and "volgende klant" under concurrency: real threads, real Postgres."""

import threading

import pytest
from django.db import connection

from kanalen.balie import services
from kanalen.models import Ticket
from kcc import roles
from tests.kanalen.factories import BalieFactory, ProductgroepFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_parallel_kiosks_never_hand_out_a_number_twice():
    groep = ProductgroepFactory(letter="B")

    tickets = run_at_once(20, lambda i: services.ticket_create(productgroep=groep).nummer)

    assert sorted(tickets) == [f"B{n:03d}" for n in range(1, 21)]


def test_two_groups_count_separately():
    groep = ProductgroepFactory(letter="B")
    other = ProductgroepFactory(locatie=groep.locatie, letter="T", naam="Belastingen")

    assert services.ticket_create(productgroep=groep).nummer == "B001"
    assert services.ticket_create(productgroep=other).nummer == "T001"
    assert services.ticket_create(productgroep=groep).nummer == "B002"


def test_parallel_desks_never_get_the_same_ticket(make_medewerker):
    groep = ProductgroepFactory()
    for _ in range(5):
        services.ticket_create(productgroep=groep)
    agents = []
    for _ in range(8):
        agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, vaardigheden=["burgerzaken"])
        services.balie_take(medewerker=agent, balie=BalieFactory(locatie=groep.locatie))
        agents.append(agent)

    called = run_at_once(8, lambda i: services.ticket_call_next(medewerker=agents[i]))

    numbers = [t.nummer for t in called if t is not None]
    assert sorted(numbers) == ["B001", "B002", "B003", "B004", "B005"]
    assert called.count(None) == 3
    assert (
        Ticket.objects.filter(status=Ticket.Status.OPGEROEPEN)
        .values("medewerker")
        .distinct()
        .count()
        == 5
    )
