from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = _("Catalogus en kennisbank")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from catalogus import selectors
        from catalogus.models import Product, Statustype, Synoniem, Zaaktype
        from kcc import lookups

        # The intake keeps a zaaktype's statustypen and deelzaaktypen per process, and
        # registration and intake the products they name.
        lookups.watch(Product, Zaaktype, Statustype, Zaaktype.deelzaaktypen.through)
        post_save.connect(selectors.product_keuzes_vernieuwen, sender=Product)
        post_delete.connect(selectors.product_keuzes_vernieuwen, sender=Product)
        post_save.connect(selectors.synoniemen_cache_clear, sender=Synoniem)
        post_delete.connect(selectors.synoniemen_cache_clear, sender=Synoniem)
