from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "catalogus"
    verbose_name = _("Catalogus en kennisbank")
    default_auto_field = "django.db.models.BigAutoField"
