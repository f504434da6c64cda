from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZakenConfig(AppConfig):
    name = "zaken"
    verbose_name = _("Zaken")
    default_auto_field = "django.db.models.BigAutoField"
