from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZakenConfig(AppConfig):
    name = "zaken"
    verbose_name = _("Zaken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kcc import sla
        from zaken import selectors, services

        sla.register_provider(
            "zaak", selectors.sla_crossings, recompute=services.zaken_sla_drempels_recompute
        )
