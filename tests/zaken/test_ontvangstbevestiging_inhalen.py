"""A confirmation e-mail whose receipt PDF was never rendered (the render task's
hint to Celery was lost, or the task failed) is not sent without it: the beat's
sweep renders the missing receipts and attaches them while the e-mail still waits."""

import datetime

import pytest
from django.utils import timezone

from kcc.models import Bericht
from tests.zaken.factories import make_zaak
from zaken import services, tasks

pytestmark = pytest.mark.django_db


def _bevestiging(zaak) -> Bericht:
    return Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding="Ontvangstbevestiging")


def _queued_minutes_ago(bericht: Bericht, minutes: int) -> None:
    Bericht.objects.filter(pk=bericht.pk).update(
        aangemaakt=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_sweep_renders_the_receipt_a_waiting_email_lacks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    zaak = make_zaak()
    bevestiging = _bevestiging(zaak)
    _queued_minutes_ago(bevestiging, 3)

    assert services.zaken_ontvangstbevestigingen_inhalen() == 1

    zaak.refresh_from_db()
    with zaak.ontvangstbevestiging.open("rb") as pdf:
        assert pdf.read().startswith(b"%PDF-")
    bijlage = bevestiging.bijlagen.get()
    assert bijlage.bestandsnaam == f"ontvangstbevestiging-{zaak.identificatie}.pdf"
    # Released: due a lease from now instead of going without the PDF later.
    bevestiging.refresh_from_db()
    assert bevestiging.volgende_poging_op < timezone.now() + datetime.timedelta(
        seconds=settings.KCC_OUTBOX_BIJLAGE_WAIT_SECONDS / 2
    )
    assert services.zaken_ontvangstbevestigingen_inhalen() == 0
    assert bevestiging.bijlagen.count() == 1


def test_sweep_leaves_a_fresh_zaak_to_its_render_task(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    zaak = make_zaak()

    assert services.zaken_ontvangstbevestigingen_inhalen() == 0

    zaak.refresh_from_db()
    assert not zaak.ontvangstbevestiging
    assert not _bevestiging(zaak).bijlagen.exists()


def test_sweep_skips_an_email_already_sent_without_the_receipt(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    zaak = make_zaak()
    bevestiging = _bevestiging(zaak)
    _queued_minutes_ago(bevestiging, 15)
    Bericht.objects.filter(pk=bevestiging.pk).update(
        status=Bericht.Status.VERSTUURD, verstuurd_op=timezone.now()
    )

    assert services.zaken_ontvangstbevestigingen_inhalen() == 0
    zaak.refresh_from_db()
    assert not zaak.ontvangstbevestiging


def test_sweep_takes_the_oldest_waiting_emails_first_in_batches(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "ONTVANGSTBEVESTIGING_INHAAL_BATCH", 2)
    zaken = [make_zaak() for _ in range(3)]
    for minutes, zaak in zip((5, 4, 3), zaken, strict=True):
        _queued_minutes_ago(_bevestiging(zaak), minutes)

    assert services.zaken_ontvangstbevestigingen_inhalen() == 2
    rendered = [bool(type(zaak).objects.get(pk=zaak.pk).ontvangstbevestiging) for zaak in zaken]
    assert rendered == [True, True, False]
    assert services.zaken_ontvangstbevestigingen_inhalen() == 1


def test_beat_runs_the_sweep_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["zaken-ontvangstbevestigingen-inhalen"]
    assert entry["task"] == tasks.render_missing_ontvangstbevestigingen.name
    assert entry["schedule"] == datetime.timedelta(minutes=1)
