"""A write that makes today's roll-up stale has a real Celery worker rebuild it within
seconds, not at the next beat run."""

import datetime
import time

import pytest
from django.utils import timezone

from contacts.models import KlantcontactDagstatus
from contacts.services import (
    ROLLUP_MARGE,
    VANDAAG_HERBOUW_SECONDEN,
    klantcontact_dagen_verouderd,
    klantcontact_dagtelling_vandaag_opbouwen,
)


def _actueel(status: KlantcontactDagstatus) -> bool:
    status.refresh_from_db()
    return status.versie == status.ververst_versie


@pytest.mark.worker
def test_a_stale_today_is_rebuilt_by_a_worker_within_seconds(start_celery_worker):
    if timezone.localtime().time() < datetime.time(0, 15):
        pytest.skip("Vlak na middernacht ligt 'een contact van 10 minuten terug' op gisteren.")
    start_celery_worker()
    klantcontact_dagtelling_vandaag_opbouwen()
    status = KlantcontactDagstatus.objects.get(dag=timezone.localdate())
    assert _actueel(status)

    # A survey answer or repeat contact about a contact of 10 minutes ago (autocommit:
    # the rebuild is planned at once).
    klantcontact_dagen_verouderd(momenten=[timezone.now() - ROLLUP_MARGE])
    assert not _actueel(status)

    deadline = time.monotonic() + VANDAAG_HERBOUW_SECONDEN + 30
    while not _actueel(status):
        assert time.monotonic() < deadline, "today's roll-up was not rebuilt by the worker"
        time.sleep(0.5)
