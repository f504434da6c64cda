from celery import shared_task

from zaken import services
from zaken.models import Zaak


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_ontvangstbevestiging(zaak_id: int) -> None:
    zaak = Zaak.objects.filter(pk=zaak_id).first()
    if zaak is not None:
        services.zaak_ontvangstbevestiging_store(zaak=zaak)


@shared_task(ignore_result=True)
def render_missing_ontvangstbevestigingen() -> None:
    services.zaken_ontvangstbevestigingen_inhalen()


@shared_task(ignore_result=True)
def remind_documenten() -> None:
    services.zaken_documenten_herinneren()
