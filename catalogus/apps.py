from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = _("Catalogus en kennisbank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from catalogus.models import Statustype, Zaaktype
        from kcc import lookups

        # The intake keeps a zaaktype's statustypen and deelzaaktypen per process.
        lookups.watch(Zaaktype, Statustype, Zaaktype.deelzaaktypen.through)
