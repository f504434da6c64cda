"""Sessions that stay alive while the agent works, renewed at most once a minute."""

import time

from django.contrib.sessions.middleware import SessionMiddleware

# The inactivity timeout (SESSION_COOKIE_AGE) counts from the last renewal, so a
# session may end up to this much earlier than half an hour after the last click.
RENEW_SECONDS = 60
_RENEWED = "_kcc_vernieuwd"


class RenewingSessionMiddleware(SessionMiddleware):
    """Django's middleware with SESSION_SAVE_EVERY_REQUEST writes the session to Redis on
    every request to restart its timeout: a write and a pickle per page, about a tenth
    of the CPU of a search while the agent types. This one writes when the session
    changed or its last renewal is a minute old."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(_RENEWED, 0) >= RENEW_SECONDS:
                session[_RENEWED] = now
        return super().process_response(request, response)
