"""The screen-pop stream over real HTTP: live server, real Redis pub/sub."""

import http.client
import json
import queue
import threading
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.test import Client
from rest_framework.test import APIClient

from contacts.models import DigitaalAdres
from kanalen.models import Telefoongesprek
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.kanalen.factories import PLATFORM_TOKEN, TelefonieKoppelingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def open_stream(live_server, medewerker):
    client = Client()
    client.force_login(medewerker.user)
    name = django_settings.SESSION_COOKIE_NAME
    cookie = f"{name}={client.cookies[name].value}"
    url = urlparse(live_server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=20)
    connection.request("GET", "/kanalen/telefonie/events", headers={"Cookie": cookie})
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
    except OSError:
        pass
    into.put(None)


def test_ringing_event_reaches_the_agents_open_stream(live_server, make_medewerker, settings):
    settings.KCC_SSE_STREAM_SECONDS = 15
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, toestelnummer="2041")
    make_medewerker(roles.KLANTCONTACTMEDEWERKER, toestelnummer="2042")
    partij = PersoonFactory(voornaam="Sanne", achternaam="Visser")
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.TELEFOON, adres="+31612345678"
    )
    TelefonieKoppelingFactory()

    connection, response = open_stream(live_server, agent)
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    events: queue.Queue = queue.Queue()
    threading.Thread(target=read_events, args=(response, events), daemon=True).start()
    # The first block comes after the subscription: from here on nothing is missed.
    assert events.get(timeout=10) == ["retry: 1000", ": verbonden"]

    platform = APIClient()
    platform.credentials(HTTP_AUTHORIZATION=f"Bearer {PLATFORM_TOKEN}")
    for extern_id, toestel in (("call-collega", "2042"), ("call-1", "2041")):
        posted = platform.post(
            "/api/v1/telefonie/gesprekken",
            {
                "extern_id": extern_id,
                "event": "ringing",
                "beller": "0612345678",
                "toestelnummer": toestel,
            },
            format="json",
        )
        assert posted.status_code == 201

    while (block := events.get(timeout=10)) is not None and block[0] != "event: screenpop":
        pass
    connection.close()
    assert block is not None, "de stroom eindigde zonder screen-pop"
    pop = json.loads(block[1].removeprefix("data: "))
    # The colleague's call (posted first) did not reach this agent's stream.
    assert pop["gesprek"] == str(Telefoongesprek.objects.get(extern_id="call-1").uuid)
    assert pop["event"] == "ringing"
    assert pop["naam"] == "Sanne Visser"
    assert pop["beller"] == "+31612345678"
    assert pop["url"] == f"/klantcontact/partij/{partij.uuid}/"


def test_stream_ends_after_its_time_with_heartbeats(live_server, make_medewerker, settings):
    settings.KCC_SSE_STREAM_SECONDS = 1.5
    settings.KCC_SSE_HEARTBEAT_SECONDS = 0.5
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)

    connection, response = open_stream(live_server, agent)
    body = response.read().decode()
    connection.close()

    assert body.startswith("retry: 1000\n: verbonden\n\n")
    assert body.count(": hartslag") >= 2


def test_stream_needs_a_login(live_server):
    url = urlparse(live_server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request("GET", "/kanalen/telefonie/events")
    response = connection.getresponse()
    connection.close()
    assert response.status == 302
