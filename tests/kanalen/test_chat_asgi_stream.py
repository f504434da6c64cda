"""The chat stream as production serves it: uvicorn (ASGI, the async generator), on the
test database and Redis, read over real HTTP from another origin's page."""

import queue
import threading

import pytest
from django.conf import settings

from kanalen.chat import services
from kanalen.models import Chat
from kcc import roles
from tests.kanalen.chat_helpers import (
    customer_with_chat,
    next_bericht,
    open_stream,
    read_events,
    running_uvicorn,
)

pytestmark = pytest.mark.django_db(transaction=True)
PAGE_ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def uvicorn_server(transactional_db, settings):
    settings.KCC_CHAT_OPEN = "altijd"
    with running_uvicorn(KCC_PUBLIC_URL=PAGE_ORIGIN) as server:
        yield server


def _listen(response) -> queue.Queue:
    events: queue.Queue = queue.Queue()
    threading.Thread(target=read_events, args=(response, events), daemon=True).start()
    assert events.get(timeout=10) == ["retry: 1000", ": verbonden"]
    return events


def test_uvicorn_streams_live_lines_and_catches_up_after_a_reconnect(
    uvicorn_server, make_medewerker
):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Sanne")
    customer, uuid = customer_with_chat()
    path = f"/chat/{uuid}/events"
    connection_, response = open_stream(
        uvicorn_server, customer, path, headers={"Origin": PAGE_ORIGIN}
    )
    assert response.status == 200
    # The page's origin may read the stream with the customer's cookie.
    assert response.getheader("Access-Control-Allow-Origin") == PAGE_ORIGIN
    assert response.getheader("Access-Control-Allow-Credentials") == "true"
    events = _listen(response)
    assert next_bericht(events)["afzender"] == "klant"
    chat = Chat.objects.get(uuid=uuid)
    services.chat_accept(chat=chat, medewerker=agent)
    accepted = next_bericht(events)
    assert accepted["tekst"] == "Sanne helpt u verder."
    connection_.close()

    services.chat_message_post(chat=chat, tekst="Terwijl u weg was.", medewerker=agent)
    connection_, response = open_stream(
        uvicorn_server, customer, path, last_event_id=accepted["id"]
    )
    events = _listen(response)
    assert next_bericht(events)["tekst"] == "Terwijl u weg was."
    services.chat_message_post(chat=chat, tekst="En nu live.", medewerker=agent)
    assert next_bericht(events)["tekst"] == "En nu live."
    connection_.close()


def test_another_origin_gets_no_cors_permission(uvicorn_server):
    customer, uuid = customer_with_chat()
    connection_, response = open_stream(
        uvicorn_server, customer, f"/chat/{uuid}/events", headers={"Origin": "https://evil.example"}
    )
    connection_.close()
    assert response.getheader("Access-Control-Allow-Origin") is None
    assert settings.KCC_SSE_URL == ""
