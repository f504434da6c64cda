import os

from celery import Celery
from celery.signals import worker_process_init

from kcc.heap import freeze_loaded_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")

app = Celery("kcc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _freeze_after_start(**kwargs) -> None:
    freeze_loaded_objects()
