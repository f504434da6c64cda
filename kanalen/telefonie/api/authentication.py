from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from kanalen.models import TelefonieKoppeling
from kanalen.telefonie.services import token_hash

KEYWORD = "Bearer"


class TelefonieKoppelingUser:
    """What request.user is for a telephony platform: authenticated, but no person and no
    permissions (it can do nothing a user token could)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_staff = False

    def __init__(self, koppeling: TelefonieKoppeling) -> None:
        self.koppeling = koppeling

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def get_username(self) -> str:
        return f"telefonie:{self.koppeling.platform}"


class TelefonieKoppelingAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token of the platform>`."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-kopregel.")
        try:
            token = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Ongeldig token.") from exc
        koppeling = TelefonieKoppeling.objects.filter(
            token_hash=token_hash(token), actief=True
        ).first()
        if koppeling is None:
            raise exceptions.AuthenticationFailed("Onbekend of ingetrokken platformtoken.")
        return TelefonieKoppelingUser(koppeling), koppeling

    def authenticate_header(self, request) -> str:
        return f'{KEYWORD} realm="telefonie"'


class IsTelefonieKoppeling(permissions.BasePermission):
    message = "Alleen een telefonieplatform met een eigen token mag gesprekken melden."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, TelefonieKoppeling)


class TelefonieKoppelingScheme(OpenApiAuthenticationExtension):
    target_class = TelefonieKoppelingAuthentication
    name = "telefoniePlatformToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token van het telefonieplatform (TelefonieKoppeling).",
        }
