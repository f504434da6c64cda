"""Every new zaak's receipt is rendered by a real Celery worker, from the hints the
web process gathers (kcc/hints.py), and its confirmation e-mail gets the PDF."""

import time

import pytest

from kcc.models import Bericht
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_renders_the_receipts_of_zaken_taken_in_together(
    start_celery_worker, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.KCC_HINT_BATCH_SECONDS = 0.2
    start_celery_worker(MEDIA_ROOT=tmp_path)
    zaaktype = make_zaaktype()

    uuids = [make_zaak(zaaktype=zaaktype).uuid for _ in range(4)]

    deadline = time.monotonic() + 60
    while Zaak.objects.filter(uuid__in=uuids, ontvangstbevestiging="").exists():
        assert time.monotonic() < deadline, "ontvangstbevestigingen niet binnen 60 s gemaakt"
        time.sleep(0.2)
    for zaak in Zaak.objects.filter(uuid__in=uuids):
        with zaak.ontvangstbevestiging.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        bevestiging = Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding="Ontvangstbevestiging")
        assert bevestiging.bijlagen.get().bestandsnaam == (
            f"ontvangstbevestiging-{zaak.identificatie}.pdf"
        )
