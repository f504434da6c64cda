"""Shared by the chat tests: a customer's chat and reading an event stream."""

import http.client
import json
import queue
from urllib.parse import urlparse

from django.conf import settings as django_settings
from django.test import Client


def customer_with_chat(**kwargs):
    """A browser (test client) that started a chat from the public page."""
    client = Client()
    response = client.post("/chat/", {"vraag": "Hoe vraag ik een parkeervergunning aan?", **kwargs})
    assert response.status_code == 302, response.content.decode()
    uuid = response["Location"].strip("/").split("/")[-1]
    return client, uuid


def open_stream(
    server, client, path: str, *, last_event_id: int | None = None, headers: dict | None = None
):
    name = django_settings.SESSION_COOKIE_NAME
    headers = {"Cookie": f"{name}={client.cookies[name].value}", **(headers or {})}
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    url = urlparse(server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
    connection.request("GET", path, headers=headers)
    return connection, connection.getresponse()


def read_events(response, into: queue.Queue) -> None:
    """Put each server-sent event block (a list of lines) on the queue."""
    block = []
    try:
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line:
                block.append(line)
            elif block:
                into.put(block)
                block = []
    except (OSError, AttributeError):
        # The test closed the connection under the reader (a chunked body then has no fp).
        pass
    into.put(None)


def next_bericht(events: queue.Queue) -> dict | None:
    """The payload of the next `bericht` event, skipping comments and heartbeats."""
    while (block := events.get(timeout=10)) is not None:
        if "event: bericht" in block:
            return json.loads(next(b for b in block if b.startswith("data: "))[6:])
    return None
