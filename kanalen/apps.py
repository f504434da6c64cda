from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KanalenConfig(AppConfig):
    name = "kanalen"
    verbose_name = _("Kanalen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kanalen import selectors, services
        from kcc import sla

        sla.register_provider(
            "email",
            selectors.sla_crossings,
            recompute=services.inkomende_emails_sla_drempels_recompute,
        )
