"""Two sweeps at the same moment (a slow run overlapping the next beat) record each
crossing once."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from contacts import services as contacts_services
from kcc.models import Notificatie, SlaGebeurtenis, SlaSweepStand
from kcc.services import sla_sweep
from tests.contacts.factories import KlantcontactFactory
from tests.factories import MedewerkerFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_record_each_crossing_once():
    verzoek = contacts_services.contactverzoek_create(
        klantcontact=KlantcontactFactory(),
        data=contacts_services.ContactverzoekData(
            gevraagde_handeling="Terugbellen", medewerker=MedewerkerFactory()
        ),
        door=None,
    )
    SlaSweepStand.objects.create(pk=1, tot=timezone.now() - datetime.timedelta(seconds=1))
    start = threading.Barrier(4)
    results = []

    def sweep():
        try:
            start.wait()
            results.append(sla_sweep(now=verzoek.sla_ernstig_op))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 0, 0, 4]
    assert SlaGebeurtenis.objects.count() == 4
    assert Notificatie.objects.count() == 4
