"""Writes on the management reports: request one, and make it (in a Celery task)."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kcc.dashboard import marap
from kcc.models import Rapport

logger = logging.getLogger(__name__)


def rapport_request(*, maand: datetime.date, user=None) -> Rapport:
    """Queue the MARAP of the month that holds `maand`; Celery makes it after commit."""
    from kcc.tasks import generate_rapport

    van, tot = marap.month_of(maand)
    with transaction.atomic():
        rapport = Rapport.objects.create(periode_van=van, periode_tot=tot, aangevraagd_door=user)
        transaction.on_commit(lambda: generate_rapport.delay(rapport.pk))
    return rapport


def rapport_generate(*, rapport_id: int) -> None:
    """Render the PDF and keep it; a failure is recorded on the report, never lost silently."""
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update(skip_locked=True).filter(pk=rapport_id).first()
        if rapport is None or rapport.status != Rapport.Status.WACHTRIJ:
            return
        rapport.status = Rapport.Status.BEZIG
        rapport.save(update_fields=["status"])
    try:
        pdf = marap.marap_pdf(van=rapport.periode_van, tot=rapport.periode_tot)
    except Exception as error:
        logger.exception("MARAP %s kon niet worden gemaakt", rapport.uuid)
        rapport.status, rapport.fout = Rapport.Status.MISLUKT, str(error)[:2000]
        rapport.save(update_fields=["status", "fout"])
        return
    rapport.bestand.save(f"marap-{rapport.periode_van:%Y-%m}.pdf", ContentFile(pdf), save=False)
    rapport.status, rapport.klaar_op = Rapport.Status.KLAAR, timezone.now()
    rapport.save(update_fields=["bestand", "status", "klaar_op"])


def marap_previous_month_request(*, today: datetime.date | None = None) -> Rapport:
    """Celery beat, on the first of the month: last month's report, once."""
    van, _ = marap.previous_month(today or timezone.localdate())
    bestaand = Rapport.objects.filter(periode_van=van, aangevraagd_door=None).first()
    return bestaand or rapport_request(maand=van)
