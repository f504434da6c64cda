from celery import shared_task

from contacts import services


@shared_task(ignore_result=True)
def bijwerken_dagtellingen() -> int:
    return services.klantcontact_dagtellingen_bijwerken()
