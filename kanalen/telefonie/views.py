"""The agent's screen-pop stream (server-sent events)."""

from django.conf import settings
from django.db import connections
from django.http import HttpResponseForbidden, StreamingHttpResponse

from kanalen.telefonie.events import screenpop_stream
from kcc import authz


def _stream(**kwargs):
    # The stream needs no database: give the connection back for its whole minute.
    connections.close_all()
    yield from screenpop_stream(**kwargs)


@authz.required(authz.BROWSE, "telefoongesprek")
def events(request):
    medewerker = getattr(request.user, "medewerker", None)
    if medewerker is None:
        return HttpResponseForbidden("Alleen voor medewerkers.")
    response = StreamingHttpResponse(
        _stream(
            medewerker_uuid=medewerker.uuid,
            seconds=settings.KCC_SSE_STREAM_SECONDS,
            heartbeat=settings.KCC_SSE_HEARTBEAT_SECONDS,
        ),
        content_type="text/event-stream",
    )
    response["Cache-Control"] = "no-store"
    # Tell nginx-style proxies not to buffer the stream.
    response["X-Accel-Buffering"] = "no"
    return response
