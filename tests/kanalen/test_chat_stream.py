"""The chat event stream over real HTTP: live server, real Redis pub/sub, real database."""

import queue
import threading

import pytest
from django.test import Client

from kanalen.chat import services
from kanalen.models import Chat
from kcc import roles
from tests.kanalen.chat_helpers import customer_with_chat, next_bericht, open_stream, read_events

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"
    settings.KCC_SSE_STREAM_SECONDS = 15
    # A closed test connection is noticed at the next heartbeat.
    settings.KCC_SSE_HEARTBEAT_SECONDS = 1


def _listen(response) -> queue.Queue:
    events: queue.Queue = queue.Queue()
    threading.Thread(target=read_events, args=(response, events), daemon=True).start()
    # The first block comes after the subscription: from here on nothing is missed.
    assert events.get(timeout=10) == ["retry: 1000", ": verbonden"]
    return events


def test_agent_answer_reaches_the_customers_open_stream(live_server, make_medewerker):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Sanne")
    customer, uuid = customer_with_chat(naam="Jan")
    connection, response = open_stream(live_server, customer, f"/chat/{uuid}/events")
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    events = _listen(response)
    assert next_bericht(events)["tekst"] == "Hoe vraag ik een parkeervergunning aan?"

    chat = Chat.objects.get(uuid=uuid)
    services.chat_accept(chat=chat, medewerker=agent)
    services.chat_message_post(chat=chat, tekst="Dat kan online.", medewerker=agent)

    accepted = next_bericht(events)
    answer = next_bericht(events)
    connection.close()
    assert (accepted["gebeurtenis"], accepted["tekst"]) == ("aangenomen", "Sanne helpt u verder.")
    assert (answer["afzender"], answer["naam"], answer["tekst"]) == (
        "medewerker",
        "Sanne",
        "Dat kan online.",
    )


def test_lines_written_while_no_stream_is_open_arrive_on_reconnect(live_server, make_medewerker):
    """A web-process restart (or a train tunnel) loses nothing: the reconnecting
    browser sends the last id it saw and gets every line stored after it."""
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    customer, uuid = customer_with_chat()
    connection, response = open_stream(live_server, customer, f"/chat/{uuid}/events")
    events = _listen(response)
    seen = next_bericht(events)
    connection.close()  # the stream is gone: nobody listens now

    chat = Chat.objects.get(uuid=uuid)
    services.chat_accept(chat=chat, medewerker=agent)
    for tekst in ("Eén", "Twee", "Drie"):
        services.chat_message_post(chat=chat, tekst=tekst, medewerker=agent)

    connection, response = open_stream(
        live_server, customer, f"/chat/{uuid}/events", last_event_id=seen["id"]
    )
    events = _listen(response)
    missed = [next_bericht(events) for _ in range(4)]
    connection.close()
    assert [m["tekst"] for m in missed][1:] == ["Eén", "Twee", "Drie"]
    assert missed[0]["gebeurtenis"] == "aangenomen"
    assert all(m["id"] > seen["id"] for m in missed)


def test_agent_stream_carries_all_of_the_agents_chats(live_server, make_medewerker):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    chats = []
    for _ in range(2):
        _, uuid = customer_with_chat()
        chats.append(services.chat_accept(chat=Chat.objects.get(uuid=uuid), medewerker=agent))
    last = chats[1].berichten.last().id
    browser = Client()
    browser.force_login(agent.user)
    connection, response = open_stream(
        live_server, browser, "/kanalen/chat/events", last_event_id=last
    )
    events = _listen(response)
    services.chat_message_post(chat=chats[0], tekst="Van de eerste")
    services.chat_message_post(chat=chats[1], tekst="Van de tweede")
    got = [next_bericht(events) for _ in range(2)]
    connection.close()
    assert [(g["chat"], g["tekst"]) for g in got] == [
        (str(chats[0].uuid), "Van de eerste"),
        (str(chats[1].uuid), "Van de tweede"),
    ]


def test_a_chat_is_only_for_the_browser_that_started_it(live_server):
    _, uuid = customer_with_chat()
    stranger = Client()
    stranger.get("/chat/")
    assert stranger.get(f"/chat/{uuid}/").status_code == 404
    assert stranger.post(f"/chat/{uuid}/bericht/", {"tekst": "hoi"}).status_code == 404
    assert Client().get("/kanalen/chat/events").status_code == 302  # login first
