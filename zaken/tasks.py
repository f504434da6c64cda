from celery import shared_task

from zaken import selectors as zaken_selectors
from zaken import services


@shared_task(ignore_result=True)
def render_ontvangstbevestigingen(zaak_ids: list[int]) -> None:
    services.zaken_ontvangstbevestigingen_store(zaken=zaken_selectors.zaken_by_ids(zaak_ids))


@shared_task(ignore_result=True)
def render_missing_ontvangstbevestigingen() -> None:
    services.zaken_ontvangstbevestigingen_inhalen()


@shared_task(ignore_result=True)
def remind_documenten() -> None:
    services.zaken_documenten_herinneren()


@shared_task(ignore_result=True)
def compact_open_zaken_telling() -> None:
    services.open_zaken_telling_compact()
