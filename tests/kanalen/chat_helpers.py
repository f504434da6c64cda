"""Shared by the chat tests: a customer's chat and reading an event stream."""

import contextlib
import http.client
import json
import os
import queue
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from tests.kanalen.conftest import old_token

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class StreamServer:
    url: str


@contextlib.contextmanager
def running_uvicorn(*, host: str = "127.0.0.1", **extra_env):
    """uvicorn serving the project (as `make run` and production serve the chat
    streams) on the test database and Redis."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "KCC_ENV": "test",
        "KCC_DATABASE_NAME": connection.settings_dict["NAME"],
        "KCC_REDIS_DB": str(django_settings.REDIS_DB),
        "KCC_SSE_HEARTBEAT_SECONDS": "1",
        **{name: str(value) for name, value in extra_env.items()},
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "kcc.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "1",
        ],  # fmt: skip
        cwd=BASE_DIR,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline, "uvicorn startte niet"
            assert server.poll() is None, "uvicorn stopte"
            time.sleep(0.2)
        yield StreamServer(f"http://{host}:{port}")
    finally:
        server.terminate()
        server.wait(timeout=15)


def customer_with_chat(**kwargs):
    """A browser (test client) that started a chat from the public page."""
    client = Client()
    data = {"vraag": "Hoe vraag ik een parkeervergunning aan?", "formulier_token": old_token()}
    response = client.post("/chat/", {**data, **kwargs})
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
