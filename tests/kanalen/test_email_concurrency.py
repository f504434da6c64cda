"""The same mail delivered twice at the same moment (IMAP and MTA, or a retry) is stored once."""

import threading

import pytest
from django.db import connection

from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from tests.kanalen.conftest import make_mail


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_message_id_make_one_item():
    raw = make_mail(message_id="<gelijktijdig@example.nl>").as_bytes()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def deliver():
        try:
            barrier.wait()
            results.append(inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.API))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert InkomendeEmail.objects.filter(message_id="gelijktijdig@example.nl").count() == 1
    assert len({item.pk for item, _ in results}) == 1
    assert sum(created for _, created in results) == 1
