"""Liveness of the Celery worker and beat, kept in Redis for /readyz."""

import logging
import threading
import time

from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WORKER_KEY = "heartbeat:worker"
BEAT_KEY = "heartbeat:beat"
_INTERVAL_SECONDS = 10
_stop = threading.Event()


def record(key: str) -> None:
    cache.set(key, time.time(), timeout=settings.KCC_WORKER_HEARTBEAT_MAX_AGE * 2)


def age_seconds(key: str) -> float | None:
    beat = cache.get(key)
    return None if beat is None else max(0.0, time.time() - beat)


def _beat_worker_heartbeat() -> None:
    while not _stop.wait(_INTERVAL_SECONDS):
        try:
            record(WORKER_KEY)
        except Exception:  # noqa: BLE001 - Redis away: beat again once it is back
            logger.warning("Hartslag van de worker niet opgeslagen (Redis onbereikbaar?)")


@worker_ready.connect
def start_worker_heartbeat(**kwargs) -> None:
    record(WORKER_KEY)
    _stop.clear()
    threading.Thread(target=_beat_worker_heartbeat, name="kcc-heartbeat", daemon=True).start()


@worker_shutdown.connect
def stop_worker_heartbeat(**kwargs) -> None:
    _stop.set()
    cache.delete(WORKER_KEY)
