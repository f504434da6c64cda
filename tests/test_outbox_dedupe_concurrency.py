"""Two transactions queue a bericht with the same dedupe_key at the same moment: one
bericht is queued, and the transaction that lost goes on (its own writes stand)."""

import threading
import time

import pytest
from django.db import connection, transaction

from kcc.models import Bericht
from kcc.services import bericht_queue

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(onderwerp: str) -> Bericht:
    return bericht_queue(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger="j.jansen@example.nl",
        onderwerp=onderwerp,
        inhoud="Wij hebben uw aanvraag ontvangen.",
        dedupe_key="zaak:gelijktijdig:ontvangstbevestiging",
    )


def test_the_second_transaction_gets_the_first_ones_bericht_and_goes_on():
    first_queued = threading.Event()
    results: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = _queue("eerste").pk
                first_queued.set()
                # Commit only once the second one waits on the unique index.
                assert _a_backend_waits_on_a_lock()
        finally:
            connection.close()

    def second() -> None:
        try:
            assert first_queued.wait(10)
            with transaction.atomic():
                results["second"] = _queue("tweede").pk
                # The transaction is not aborted: it still writes after the conflict.
                results["own"] = _queue_without_key().pk
        except Exception as error:  # noqa: BLE001 - reported to the test below
            results["error"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert "error" not in results, results.get("error")
    assert results["second"] == results["first"]
    assert Bericht.objects.get(pk=results["first"]).onderwerp == "eerste"
    assert Bericht.objects.filter(pk=results["own"]).exists()
    assert Bericht.objects.count() == 2


def _queue_without_key() -> Bericht:
    return bericht_queue(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger="j.jansen@example.nl",
        onderwerp="los",
        inhoud="Een ander bericht in dezelfde transactie.",
    )


def _a_backend_waits_on_a_lock() -> bool:
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Inside a transaction pg_stat_activity is read once, unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False
