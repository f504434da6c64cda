from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token login, reading the user's medewerker in the same query: nearly
    every API request needs it (authorisation, who registered or changed what)."""

    def authenticate_credentials(self, key):
        model = self.get_model()
        try:
            token = model.objects.select_related("user__medewerker").get(key=key)
        except model.DoesNotExist:
            # DRF's own messages, so its Dutch translation still applies.
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
