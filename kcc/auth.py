"""Optional OpenID Connect login for staff (on when OIDC_RP_CLIENT_ID is set)."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


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
