"""Poststuknummers stay unique and gapless when letters are registered at the same time."""

import datetime
import threading

import pytest
from django.db import connection

from contacts.models import Klantcontact
from kanalen.models import Poststuk
from kanalen.post import services
from kanalen.post.services import Route
from tests.factories import AfdelingFactory
from tests.kanalen.factories import upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_registrations_get_unique_gapless_numbers():
    errors = []
    barrier = threading.Barrier(8)

    def register_letters(thread: int):
        try:
            barrier.wait()
            for n in range(5):
                services.poststuk_register(
                    afzender_naam=f"Afzender {thread}-{n}",
                    onderwerp="Brief",
                    datum_ontvangen=datetime.date(2026, 11, 23),
                    scan=upload(b"%PDF-1.4\n%%EOF\n"),
                    door=None,
                )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_letters, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    jaar = datetime.date.today().year
    nummers = sorted(Poststuk.objects.values_list("poststuknummer", flat=True))
    assert nummers == [f"POST-{jaar}-{n:06d}" for n in range(1, 41)]


def test_two_medewerkers_routing_the_same_letter_at_once_handle_it_once():
    poststuk = services.poststuk_register(
        afzender_naam="Piet",
        onderwerp="Brief",
        datum_ontvangen=datetime.date(2026, 11, 23),
        scan=upload(b"%PDF-1.4\n%%EOF\n"),
        door=None,
    )
    afdeling = AfdelingFactory()
    outcomes = []
    barrier = threading.Barrier(4)

    def route():
        try:
            barrier.wait()
            services.poststuk_route(
                poststuk=poststuk, route=Route.CONTACTVERZOEK, afdeling=afdeling, door=None
            )
            outcomes.append("gerouteerd")
        except Exception as error:  # noqa: BLE001 - counted below
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=route) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (
        sorted(outcomes) == ["gerouteerd"] + ["{'status': ['Dit poststuk is al afgehandeld.']}"] * 3
    )
    assert Klantcontact.objects.count() == 1
