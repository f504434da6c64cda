"""Long-running processes freeze what they loaded at start (kcc/heap.py)."""

import gc

from kcc import gunicorn_conf
from kcc.celery import _freeze_after_start


def _frozen_after(start) -> int:
    gc.unfreeze()
    try:
        start()
        return gc.get_freeze_count()
    finally:
        gc.unfreeze()


def test_gunicorn_worker_freezes_its_loaded_objects():
    assert _frozen_after(lambda: gunicorn_conf.post_worker_init(worker=None)) > 10_000


def test_celery_worker_process_freezes_its_loaded_objects():
    assert _frozen_after(_freeze_after_start) > 10_000
