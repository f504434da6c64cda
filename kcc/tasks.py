from celery import shared_task

from kcc import heartbeat


@shared_task
def record_beat_heartbeat() -> None:
    heartbeat.record(heartbeat.BEAT_KEY)


@shared_task
def echo(value: str) -> str:
    """Answer with what it was given: proves a worker runs tasks end to end."""
    return value
