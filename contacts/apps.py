from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Klanten en contacten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from contacts import selectors, services
        from kcc import sla

        sla.register_provider(
            "contactverzoek",
            selectors.sla_crossings,
            recompute=services.contactverzoeken_sla_drempels_recompute,
        )
