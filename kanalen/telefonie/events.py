"""Screen-pop events to one medewerker's browser, through Redis pub/sub.

Pub/sub keeps nothing: a browser that is not listening at that moment misses
the pop, which is right for a ringing phone.
"""

import json
import time

import redis
from django.conf import settings


def _client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_CONNECTION_URL)


def channel_for(medewerker_uuid) -> str:
    # Pub/sub ignores the database number: the prefix keeps test runs and sites apart.
    return f"kcc:{settings.REDIS_DB}:telefonie:medewerker:{medewerker_uuid}"


def screenpop_publish(*, medewerker_uuid, payload: dict) -> int:
    """Returns how many listeners (open browser tabs) received it."""
    with _client() as client:
        return client.publish(channel_for(medewerker_uuid), json.dumps(payload))


def screenpop_stream(*, medewerker_uuid, seconds: float, heartbeat: float):
    """Server-sent event lines for one medewerker for `seconds`, then the stream ends
    and the browser reconnects (so a sync worker is not held forever)."""

    client = _client()
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel_for(medewerker_uuid))
    try:
        # The browser waits 1 s before it reconnects after the stream ends.
        yield "retry: 1000\n: verbonden\n\n"
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            message = pubsub.get_message(timeout=min(heartbeat, remaining))
            if message is None:
                yield ": hartslag\n\n"
                continue
            data = message["data"].decode() if isinstance(message["data"], bytes) else ""
            yield f"event: screenpop\ndata: {data}\n\n"
    finally:
        pubsub.close()
        client.close()
