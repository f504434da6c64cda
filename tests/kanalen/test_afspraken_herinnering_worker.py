"""The reminder the day before through a real Celery worker and real SMTP: two beats,
one e-mail with the calendar file."""

import datetime
import mailbox

import pytest
from django.utils import timezone

from kanalen.models import Afspraak
from kanalen.tasks import send_afspraak_herinneringen
from tests.kanalen.afspraken_helpers import om
from tests.kanalen.factories import AfspraakAanbodFactory
from tests.test_outbox_delivery import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_beats_send_one_reminder(start_celery_worker, dev_mail_server, settings):
    start_celery_worker(EMAIL_PORT=dev_mail_server.port, MEDIA_ROOT=settings.MEDIA_ROOT)
    aanbod = AfspraakAanbodFactory(product__naam="Rijbewijs verlengen")
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    afspraak = Afspraak.objects.create(
        code="K7M2QX",
        token="t" * 43,
        product=aanbod.product,
        locatie=aanbod.locatie,
        begin=om(morgen, 10),
        eind=om(morgen, 10, 30),
        naam="Fleur van 't Hof",
        email="fleur@example.nl",
        geboekt_via=Afspraak.GeboektVia.ONLINE,
    )

    first = send_afspraak_herinneringen.delay().get(timeout=60)
    second = send_afspraak_herinneringen.delay().get(timeout=60)

    assert (first, second) == (1, 0)
    mails = wait_for(lambda: list(mailbox.Maildir(dev_mail_server.mailbox_dir)), "herinnering")
    assert len(mails) == 1
    assert mails[0]["Subject"].startswith("Herinnering: morgen uw afspraak")
    assert "afspraak.ics" in mails[0].as_string()
    afspraak.refresh_from_db()
    assert afspraak.herinnering_op is not None
