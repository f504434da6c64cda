from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = _("Catalogus en kennisbank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from catalogus.models import Synoniem
        from catalogus.selectors import synoniemen_cache_clear

        post_save.connect(synoniemen_cache_clear, sender=Synoniem)
        post_delete.connect(synoniemen_cache_clear, sender=Synoniem)
