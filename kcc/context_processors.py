from django.conf import settings
from django.utils.functional import SimpleLazyObject

from kcc import navigation, selectors


def shell(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "organisation_name": settings.KCC_ORGANISATION_NAME,
        "theme_css": settings.KCC_THEME_CSS,
        "logo": settings.KCC_LOGO,
        "main_navigation": (
            navigation.entries_for(user, request.path)
            if user is not None and user.is_authenticated
            else []
        ),
        # Counted only when a page shows the header (one indexed count).
        "meldingen_ongelezen": SimpleLazyObject(
            lambda: selectors.notificaties_ongelezen_count(user=user)
        ),
    }
