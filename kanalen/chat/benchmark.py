"""`chat latency`: a medewerker's answer, posted through the API (gunicorn), until it
arrives on the customer's event stream (uvicorn), with many chats open at once.

Every chat has its customer's stream open for the whole run; the answers go round
the chats at a steady rate (a busy KCC: each chat gets a line every few seconds),
so the number measured is the push path under that many open streams, not a
flood of posts.
"""

import http.client
import json
import threading
import time
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from kanalen.chat import services
from kanalen.models import Chat, ChatBericht
from kcc.benchmark.stats import summarise
from kcc.models import Medewerker

MARKER = "bench-"


def _customer_cookie(chat: Chat) -> str:
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["kanalen_chats"] = [str(chat.uuid)]
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _open_chats(count: int) -> list[Chat]:
    agent = Medewerker.objects.get(user__username="agent")
    chats = []
    for index in range(count):
        # Made directly, not through chat_start: the benchmark runs outside opening hours too.
        chat = Chat.objects.create(naam=f"Bench {index}", vraag="Benchmarkvraag")
        ChatBericht.objects.create(chat=chat, afzender=ChatBericht.Afzender.KLANT, tekst=chat.vraag)
        chats.append(services.chat_accept(chat=chat, medewerker=agent))
    return chats


def measure(
    *,
    host: str,
    port: int,
    stream_port: int,
    token: str,
    chats: int,
    per_second: float = 20.0,
    seconds: float = 20.0,
) -> dict:
    opened = _open_chats(chats)
    received: dict[str, float] = {}
    connected = threading.Semaphore(0)
    stop = threading.Event()
    lock = threading.Lock()

    def listen(chat: Chat) -> None:
        connection = http.client.HTTPConnection(host, stream_port, timeout=60)
        connection.request(
            "GET", f"/chat/{chat.uuid}/events", headers={"Cookie": _customer_cookie(chat)}
        )
        response = connection.getresponse()
        connected.release()
        try:
            for raw in response:
                if stop.is_set():
                    break
                line = raw.decode()
                if line.startswith("data: ") and MARKER in line:
                    tekst = json.loads(line[6:])["tekst"]
                    with lock:
                        received.setdefault(tekst, time.perf_counter())
        except (OSError, AttributeError, ValueError):
            pass
        finally:
            connection.close()

    listeners = [threading.Thread(target=listen, args=(c,), daemon=True) for c in opened]
    for thread in listeners:
        thread.start()
    for _ in listeners:
        connected.acquire(timeout=60)
    time.sleep(1)  # the catch-up of each stream is sent; from here only live lines

    sent: dict[str, float] = {}
    errors = 0
    api = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    started = time.perf_counter()
    total = int(per_second * seconds)
    for index in range(total):
        # A steady pace: the index-th answer leaves at its own moment.
        delay = started + index / per_second - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        chat = opened[index % len(opened)]
        tekst = f"{MARKER}{index}"
        sent[tekst] = time.perf_counter()
        api.request(
            "POST",
            f"/api/v1/chats/{chat.uuid}/berichten",
            body=json.dumps({"tekst": tekst}),
            headers=headers,
        )
        response = api.getresponse()
        response.read()
        if response.status != 201:
            errors += 1
    api.close()
    deadline = time.monotonic() + 5
    while len(received) < total - errors and time.monotonic() < deadline:
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    stop.set()
    Chat.objects.filter(pk__in=[c.pk for c in opened]).update(
        status=Chat.Status.BEEINDIGD, beeindigd_op=timezone.now()
    )
    latencies = [(received[t] - sent[t]) * 1000 for t in sent if t in received]
    missing = len(sent) - len(latencies) - errors
    result = summarise(latencies, errors=errors + missing, seconds=elapsed)
    result["error_samples"] = [f"{missing} niet ontvangen"] if missing else []
    result["concurrent_chats"] = chats
    return result
