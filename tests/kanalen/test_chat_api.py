"""The chat API: list, detail, lines; answering as the medewerker of the chat."""

import pytest

from kanalen.chat import services
from kcc import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"


def test_list_detail_lines_and_answer(api_client, agent):
    api_client.force_authenticate(agent.user)
    chat = services.chat_start(naam="Jan", vraag="Hoe laat open?")
    listed = api_client.get("/api/v1/chats?status=wachtend")
    assert listed.status_code == 200
    assert [c["uuid"] for c in listed.json()["results"]] == [str(chat.uuid)]
    assert api_client.get(f"/api/v1/chats/{chat.uuid}").json()["vraag"] == "Hoe laat open?"

    refused = api_client.post(f"/api/v1/chats/{chat.uuid}/berichten", {"tekst": "Hallo"})
    assert refused.status_code == 400
    assert "tekst" in refused.json()
    services.chat_accept(chat=chat, medewerker=agent)
    assert (
        api_client.post(f"/api/v1/chats/{chat.uuid}/berichten", {"tekst": " "}).status_code == 400
    )
    posted = api_client.post(f"/api/v1/chats/{chat.uuid}/berichten", {"tekst": "Tot vijf uur."})
    assert posted.status_code == 201
    assert (posted.json()["afzender"], posted.json()["tekst"]) == ("medewerker", "Tot vijf uur.")
    lines = api_client.get(f"/api/v1/chats/{chat.uuid}/berichten").json()
    assert [line["afzender"] for line in lines] == ["klant", "systeem", "medewerker"]


def test_backoffice_may_not_see_chats(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.BACKOFFICE).user)
    assert api_client.get("/api/v1/chats").status_code == 403
