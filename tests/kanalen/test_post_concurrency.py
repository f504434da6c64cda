"""Poststuknummers stay unique and gapless when letters are registered at the same time."""

import datetime
import threading

import pytest
from django.db import connection

from kanalen.models import Poststuk
from kanalen.post import services
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
