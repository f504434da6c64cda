from celery import shared_task

from contacts import services


@shared_task(ignore_result=True)
def bijwerken_dagtellingen() -> int:
    gebouwd = services.klantcontact_dagtellingen_bijwerken()
    services.klantcontact_dagtelling_vandaag_opbouwen()
    return gebouwd


@shared_task(ignore_result=True)
def bijwerken_vandaag() -> None:
    services.klantcontact_dagtelling_vandaag_opbouwen()
