"""Chat messages to open browsers: stored first, then published on Redis pub/sub.

Unlike the telephony screen-pop, a chat must lose nothing: every stream subscribes
first, then sends the stored messages after the client's Last-Event-ID, then what
pub/sub brings (skipping ids already sent). A browser that was away, or a web
process that restarted, catches up on reconnect from the database.

Two forms of one stream: a generator for WSGI (runserver, the test server, gunicorn)
and an async generator for the ASGI server that holds many streams on few cores
(Django buffers an iterator of the other kind whole, which would never end).
"""

import json
import time

import redis
import redis.asyncio
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

_RETRY = "retry: 1000\n: verbonden\n\n"
_HEARTBEAT = ": hartslag\n\n"


def channel_for(chat_uuid) -> str:
    # Pub/sub ignores the database number: the prefix keeps test runs and sites apart.
    return f"kcc:{settings.REDIS_DB}:chat:{chat_uuid}"


def bericht_publish(*, chat_uuid, payload: dict) -> int:
    """Returns how many streams received it (0 is fine: they catch up from the database)."""
    with redis.Redis.from_url(settings.REDIS_CONNECTION_URL) as client:
        return client.publish(channel_for(chat_uuid), json.dumps(payload))


def sse_event(payload: dict) -> str:
    return f"id: {payload['id']}\nevent: bericht\ndata: {json.dumps(payload)}\n\n"


def _stored(chat_uuids: list, after_id: int) -> list[dict]:
    from kanalen.chat.selectors import chatbericht_payloads

    try:
        return chatbericht_payloads(chat_uuids=chat_uuids, after_id=after_id)
    finally:
        # An open stream must not hold a database connection: 200 streams would
        # exhaust the server's connections.
        connections.close_all()


def _live(data, sent: int) -> tuple[str, int]:
    """The event for one pub/sub message and the highest id sent after it."""
    payload = json.loads(data)
    if payload["id"] <= sent:
        return "", sent  # already sent from the database
    return sse_event(payload), payload["id"]


def chat_stream(*, chat_uuids: list, after_id: int, seconds: float, heartbeat: float):
    """Server-sent events of these chats for `seconds`; then the browser reconnects."""
    client = redis.Redis.from_url(settings.REDIS_CONNECTION_URL)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(*[channel_for(uuid) for uuid in chat_uuids])
    try:
        yield _RETRY
        sent = after_id
        for payload in _stored(chat_uuids, after_id):
            yield sse_event(payload)
            sent = max(sent, payload["id"])
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            message = pubsub.get_message(timeout=min(heartbeat, remaining))
            if message is None:
                yield _HEARTBEAT
                continue
            event, sent = _live(message["data"], sent)
            if event:
                yield event
    finally:
        pubsub.close()
        client.close()


async def chat_stream_async(*, chat_uuids: list, after_id: int, seconds: float, heartbeat: float):
    """The same stream for the ASGI server: one coroutine per open browser."""
    client = redis.asyncio.Redis.from_url(settings.REDIS_CONNECTION_URL)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    await pubsub.subscribe(*[channel_for(uuid) for uuid in chat_uuids])
    try:
        yield _RETRY
        sent = after_id
        for payload in await sync_to_async(_stored)(chat_uuids, after_id):
            yield sse_event(payload)
            sent = max(sent, payload["id"])
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            message = await pubsub.get_message(timeout=min(heartbeat, remaining))
            if message is None:
                yield _HEARTBEAT
                continue
            event, sent = _live(message["data"], sent)
            if event:
                yield event
    finally:
        await pubsub.aclose()
        await client.aclose()
