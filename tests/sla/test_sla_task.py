"""The beat entry runs the sweep on a real Celery worker."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from contacts import services as contacts_services
from contacts.models import Contactverzoek
from kcc import tasks
from kcc.models import Notificatie, SlaGebeurtenis, SlaSoort, SlaSweepStand
from tests.contacts.factories import KlantcontactFactory
from tests.factories import MedewerkerFactory


def test_beat_runs_the_sweep_every_configured_interval():
    entry = settings.CELERY_BEAT_SCHEDULE["sla-sweep"]
    assert entry["task"] == tasks.sla_sweep.name == "kcc.tasks.sla_sweep"
    assert entry["schedule"] == datetime.timedelta(seconds=settings.KCC_SLA_SWEEP_SECONDS)
    assert settings.CELERY_BEAT_SCHEDULE["sla-dagoverzicht"]["task"] == tasks.sla_dagoverzicht.name


@pytest.mark.worker
def test_the_sweep_task_records_a_crossing_on_a_real_worker(celery_worker_process):
    behandelaar = MedewerkerFactory()
    verzoek = contacts_services.contactverzoek_create(
        klantcontact=KlantcontactFactory(),
        data=contacts_services.ContactverzoekData(
            gevraagde_handeling="Terugbellen", medewerker=behandelaar
        ),
        door=None,
    )
    now = timezone.now()
    # Its warning moment has just passed.
    Contactverzoek.objects.filter(pk=verzoek.pk).update(
        sla_waarschuwing_op=now - datetime.timedelta(seconds=1)
    )
    SlaSweepStand.objects.create(pk=1, tot=now - datetime.timedelta(minutes=1))

    assert tasks.sla_sweep.delay().get(timeout=60) == 1

    gebeurtenis = SlaGebeurtenis.objects.get()
    assert (gebeurtenis.object_uuid, gebeurtenis.soort) == (verzoek.uuid, SlaSoort.WAARSCHUWING)
    assert Notificatie.objects.get().ontvanger == behandelaar.user
