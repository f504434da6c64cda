from django.conf import settings
from django.utils.functional import SimpleLazyObject

from kcc import navigation, selectors


def shell(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "organisation_name": settings.KCC_ORGANISATION_NAME,
        "theme_css": settings.KCC_THEME_CSS,
        "logo": settings.KCC_LOGO,
        # Both only when a page shows the header, not for the partials htmx swaps (the
        # searches as the agent types): the menu is built from the user's permissions.
        "main_navigation": SimpleLazyObject(
            lambda: (
                navigation.entries_for(user, request.path)
                if user is not None and user.is_authenticated
                else []
            )
        ),
        "meldingen_ongelezen": SimpleLazyObject(  # one indexed count
            lambda: selectors.notificaties_ongelezen_count(user=user)
        ),
    }
