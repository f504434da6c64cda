from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class KccConfig(AppConfig):
    name = "kcc"
    verbose_name = _("Organisatie en beheer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kcc import calendar, lookups, roles
        from kcc.models import Afdeling, BerichtSjabloon, Servicenorm, SluitingsDag

        # For every app's post_migrate: its permissions exist only from then on.
        post_migrate.connect(roles.sync_role_groups_after_migrate)
        post_save.connect(calendar.clear_cache, sender=SluitingsDag)
        post_delete.connect(calendar.clear_cache, sender=SluitingsDag)
        lookups.watch(Afdeling, BerichtSjabloon, Servicenorm)
