"""The agent's chat console: lists, tabs, accept, answer, transfer, end with a chosen partij."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Kanaal, Klantcontact
from kanalen.chat import services
from kanalen.models import Chat
from kcc import roles
from tests.contacts.factories import BsnFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent.user)
    return client


def test_the_console_lists_waiting_chats_and_my_chats_as_tabs(agent_client, agent):
    waiting = services.chat_start(naam="Ans O'Brien", vraag="Wachten")
    mine = [services.chat_start(naam=f"Klant {i}", vraag=f"Vraag {i}") for i in range(2)]
    for chat in mine:
        services.chat_accept(chat=chat, medewerker=agent)

    page = agent_client.get(f"{reverse('kanalen:chat-console')}?chat={mine[1].uuid}")
    html = page.content.decode()
    assert page.status_code == 200
    assert escape("Ans O'Brien") in html
    assert reverse("kanalen:chat-aannemen", kwargs={"uuid": waiting.uuid}) in html
    for chat in mine:
        assert f'data-chat-tab="{chat.uuid}"' in html
    assert "Chat met Klant 1" in html  # the chosen tab is open
    # The stream starts after the lines the page shows.
    last = max(b.id for chat in mine for b in chat.berichten.all())
    assert f'data-chat-events="/kanalen/chat/events?na={last}"' in html

    partial = agent_client.get(reverse("kanalen:chat-console"), HTTP_HX_REQUEST="true")
    assert 'id="chat-lijsten"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_accept_answer_and_transfer_through_the_screens(agent_client, agent, make_medewerker):
    collega = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    chat = services.chat_start(vraag="Hallo")
    agent_client.post(reverse("kanalen:chat-aannemen", kwargs={"uuid": chat.uuid}))
    again = agent_client.post(reverse("kanalen:chat-aannemen", kwargs={"uuid": chat.uuid}))
    assert "al aangenomen" in agent_client.get(again.url).content.decode()

    url = reverse("kanalen:chat-bericht", kwargs={"uuid": chat.uuid})
    assert (
        agent_client.post(url, {"tekst": "Goedemiddag"}, HTTP_HX_REQUEST="true").status_code == 204
    )
    empty = agent_client.post(url, {"tekst": ""}, HTTP_HX_REQUEST="true")
    assert (empty.status_code, empty.content.decode()) == (400, "Typ een bericht.")

    response = agent_client.post(
        reverse("kanalen:chat-doorverbinden", kwargs={"uuid": chat.uuid}), {"naar": collega.pk}
    )
    assert response.status_code == 302
    chat.refresh_from_db()
    assert chat.medewerker == collega


def test_ending_with_a_partij_found_by_the_search(agent_client, agent):
    partij = PersoonFactory(achternaam="Jansen")
    bsn = BsnFactory(partij=partij)
    chat = services.chat_start(vraag="Over mijn aanslag")
    services.chat_accept(chat=chat, medewerker=agent)

    found = agent_client.get(reverse("kanalen:chat-partijen"), {"q": bsn.waarde})
    assert f'value="{partij.uuid}"' in found.content.decode()

    response = agent_client.post(
        reverse("kanalen:chat-beeindigen", kwargs={"uuid": chat.uuid}),
        {"onderwerp": "Aanslag", "afhandeling": "direct_beantwoord", "partij": str(partij.uuid)},
    )
    assert response.status_code == 302
    contact = Klantcontact.objects.get()
    assert (contact.kanaal, contact.partij, contact.onderwerp) == (Kanaal.CHAT, partij, "Aanslag")
    assert Chat.objects.get().status == Chat.Status.BEEINDIGD


def test_the_console_is_for_klantcontact_roles_only(client, make_medewerker):
    client.force_login(make_medewerker(roles.BACKOFFICE).user)
    assert client.get(reverse("kanalen:chat-console")).status_code == 403
