"""What /readyz checks: database, Redis, a live Celery worker, outbox lag."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from kcc import heartbeat, selectors


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        return {"ok": False, "error": type(error).__name__}


def check_redis() -> dict:
    try:
        cache.set("readyz", "1", timeout=5)
        return {"ok": cache.get("readyz") == "1"}
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}


def check_worker() -> dict:
    try:
        age = heartbeat.age_seconds(heartbeat.WORKER_KEY)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}
    if age is None:
        return {"ok": False, "error": "geen hartslag van een Celery-worker"}
    return {"ok": age <= settings.KCC_WORKER_HEARTBEAT_MAX_AGE, "age_seconds": round(age, 1)}


def check_outbox() -> dict:
    try:
        lag = selectors.outbox_lag_seconds()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": type(error).__name__}
    return {"ok": lag <= settings.KCC_OUTBOX_MAX_LAG_SECONDS, "lag_seconds": round(lag, 1)}


def readiness() -> dict:
    checks = {
        "database": check_database(),
        "redis": check_redis(),
        "worker": check_worker(),
        "outbox": check_outbox(),
    }
    return {"ok": all(check["ok"] for check in checks.values()), "checks": checks}
