from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class KccConfig(AppConfig):
    name = "kcc"
    verbose_name = _("Organisatie en beheer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from rest_framework.authtoken.models import Token

        from kcc import calendar, choices, lookups, roles
        from kcc.models import Afdeling, BerichtSjabloon, Medewerker, Servicenorm, SluitingsDag

        User = get_user_model()

        choices.install()
        # For every app's post_migrate: its permissions exist only from then on.
        post_migrate.connect(roles.sync_role_groups_after_migrate)
        post_save.connect(calendar.clear_cache, sender=SluitingsDag)
        post_delete.connect(calendar.clear_cache, sender=SluitingsDag)
        lookups.watch(Afdeling, BerichtSjabloon, Servicenorm)
        # kcc.api.authentication.TokenAuthentication keeps each token's user.
        lookups.watch(Token, User, Medewerker)
        # kcc.auth.CachedPermissionsBackend keeps each user's permissions.
        lookups.watch(
            Group,
            Permission,
            Group.permissions.through,
            User.groups.through,
            User.user_permissions.through,
        )
