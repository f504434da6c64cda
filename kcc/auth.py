"""Authentication backends: username/password with cached permissions, and the optional
OpenID Connect login for staff (on when OIDC_RP_CLIENT_ID is set)."""

import pickle

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from kcc import lookups

UserModel = get_user_model()


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Matches the identity provider's account to an existing medewerker by e-mail.

    Accounts are created by the beheerder, not by the first login, unless
    OIDC_CREATE_USER is on; a login without a medewerker gets no access.
    """

    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)


class CachedPermissionsBackend(ModelBackend):
    """Django's username/password backend with each user's permissions kept per
    process (kcc/lookups.py): every request checks them, they change with a role.

    Forgotten when a user's groups or permissions, a group's permissions, a group or
    a permission change (KccConfig.ready); is_active comes with the user (kept per
    process as well: get_user below for a session, kcc/api/authentication.py for the API)."""

    def get_user(self, user_id):
        """The signed-in user of a session with its medewerker, kept per process as the
        API's token users are (kcc/api/authentication.py): every page needs both, and
        reading them was a fifth of the CPU of a search while the agent types. User and
        medewerker are watched: a deactivated user is refused by this process at once
        and by the others within lookups.CHECK_SECONDS."""
        try:
            # Pickled: each request unpickles its own copy, which a view may change.
            kept = lookups.cached(
                "session-user",
                user_id,
                lambda: pickle.dumps(
                    UserModel._default_manager.select_related("medewerker").get(pk=user_id)
                ),
            )
        except UserModel.DoesNotExist:
            return None
        user = pickle.loads(kept)  # noqa: S301 - bytes this process pickled itself
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return lookups.cached(
            "user-permissions",
            (user_obj.pk, user_obj.is_superuser),
            lambda: frozenset(ModelBackend.get_user_permissions(self, user_obj)),
        )

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return lookups.cached(
            "group-permissions",
            (user_obj.pk, user_obj.is_superuser),
            lambda: frozenset(ModelBackend.get_group_permissions(self, user_obj)),
        )
