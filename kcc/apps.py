from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KccConfig(AppConfig):
    name = "kcc"
    verbose_name = _("Organisatie en beheer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kcc import roles

        # For every app's post_migrate: its permissions exist only from then on.
        post_migrate.connect(roles.sync_role_groups_after_migrate)
