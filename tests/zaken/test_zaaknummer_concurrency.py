import threading

import pytest
from django.db import connection, transaction

from zaken.services import zaaknummers_take

pytestmark = pytest.mark.django_db(transaction=True)


def _fresh_year(jaar: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SEQUENCE IF EXISTS zaken_zaaknummer_{jaar}")
    return jaar


def _run_in_threads(*works) -> list[Exception]:
    """Run each callable in a thread of its own (own connection); their errors."""
    errors = []

    def run(work):
        try:
            work()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_intakes_of_a_new_year_get_unique_numbers():
    """Eight intakes start the year's numbering at the same moment: the sequence is
    made once, and every number and every status id is handed out once."""
    jaar = _fresh_year(2031)
    results = []
    barrier = threading.Barrier(8)

    def take_numbers():
        barrier.wait()
        for _ in range(10):
            with transaction.atomic():
                results.extend(zaaknummers_take(jaar=jaar, aantal=1))

    assert _run_in_threads(*[take_numbers] * 8) == []
    assert sorted(nummer for nummer, _ in results) == [f"ZAAK-2031-{n:07d}" for n in range(1, 81)]
    assert len({status_id for _, status_id in results}) == 80


def test_an_open_intake_does_not_hold_up_the_next():
    """The number is taken without a lock: while one intake is still open, another
    takes its number at once (a lock wait would end in the lock_timeout error).
    Only the year's very first intake makes the sequence, and holds it until commit."""
    jaar = _fresh_year(2033)
    zaaknummers_take(jaar=jaar, aantal=1)
    first_taken, first_may_commit = threading.Event(), threading.Event()
    numbers = []

    def first():
        with transaction.atomic():
            numbers.extend(zaaknummers_take(jaar=jaar, aantal=1))
            first_taken.set()
            first_may_commit.wait(10)

    def second():
        first_taken.wait(10)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
                numbers.extend(zaaknummers_take(jaar=jaar, aantal=2))
        finally:
            first_may_commit.set()

    assert _run_in_threads(first, second) == []
    assert [nummer for nummer, _ in numbers] == [
        "ZAAK-2033-0000002",
        "ZAAK-2033-0000003",
        "ZAAK-2033-0000004",
    ]


def test_a_rolled_back_intake_number_is_not_handed_out_again():
    jaar = _fresh_year(2032)
    assert zaaknummers_take(jaar=jaar, aantal=1)[0][0] == "ZAAK-2032-0000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert zaaknummers_take(jaar=jaar, aantal=2)[1][0] == "ZAAK-2032-0000003"
        raise RuntimeError
    with transaction.atomic():
        assert zaaknummers_take(jaar=jaar, aantal=1)[0][0] == "ZAAK-2032-0000004"
