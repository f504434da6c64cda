from celery import shared_task

from kcc import heartbeat, outbox, services


@shared_task
def record_beat_heartbeat() -> None:
    heartbeat.record(heartbeat.BEAT_KEY)


@shared_task
def echo(value: str) -> str:
    """Answer with what it was given: proves a worker runs tasks end to end."""
    return value


@shared_task(ignore_result=True)
def deliver_bericht(bericht_id: int) -> None:
    outbox.bericht_deliver(bericht_id=bericht_id)


@shared_task
def outbox_sweep() -> int:
    return outbox.outbox_sweep()


@shared_task(ignore_result=True)
def generate_rapport(rapport_id: int) -> None:
    from kcc.dashboard import services

    services.rapport_generate(rapport_id=rapport_id)


@shared_task(ignore_result=True)
def request_monthly_marap() -> None:
    from kcc.dashboard import services

    services.marap_previous_month_request()


@shared_task
def sla_sweep() -> int:
    return services.sla_sweep()


@shared_task
def sla_dagoverzicht() -> int:
    return services.sla_dagoverzicht_send()
