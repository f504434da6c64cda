import threading

import pytest
from django.db import connection, transaction

from zaken.services import identificatie_generate

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_intakes_get_unique_gapless_numbers():
    results, errors = [], []
    barrier = threading.Barrier(8)

    def take_numbers():
        try:
            barrier.wait()
            for _ in range(10):
                with transaction.atomic():
                    results.append(identificatie_generate(jaar=2031))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_numbers) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(results) == [f"ZAAK-2031-{n:07d}" for n in range(1, 81)]


def test_a_rolled_back_intake_leaves_no_gap():
    with pytest.raises(RuntimeError), transaction.atomic():
        identificatie_generate(jaar=2032)
        raise RuntimeError
    with transaction.atomic():
        assert identificatie_generate(jaar=2032) == "ZAAK-2032-0000001"
