import pickle

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from kcc import lookups


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token login, with each token's user and medewerker kept per process
    (kcc/lookups.py): every API request needs them, and reading them cost more than
    a millisecond of CPU per request (the query's compilation). Token, user and
    medewerker are watched, so a revoked token or a deactivated user is refused by
    this process at once and by the others within lookups.CHECK_SECONDS."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            # Kept pickled: unpickling gives each request its own copy (a view may
            # change its user or medewerker), four times faster than a deepcopy.
            kept = lookups.cached(
                "api-token",
                key,
                lambda: pickle.dumps(model.objects.select_related("user__medewerker").get(key=key)),
            )
        except model.DoesNotExist:
            # DRF's own messages, so its Dutch translation still applies.
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = pickle.loads(kept)  # noqa: S301 - bytes this process pickled itself
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
