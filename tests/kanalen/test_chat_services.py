"""Chat services: the queue, the lines, accept/transfer/end and the klantcontact."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import DigitaalAdres, Kanaal, Klantcontact
from kanalen.chat import selectors, services
from kanalen.models import Chat, ChatBericht
from kcc import roles
from tests.contacts.factories import PersoonFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"


def test_chat_is_open_on_werkdagen_within_opening_hours(settings):
    settings.KCC_CHAT_OPEN = "openingstijden"
    settings.KCC_OPENINGSTIJDEN = "08:30-17:00"
    friday = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=AMS)
    assert selectors.chat_is_open(friday)
    assert not selectors.chat_is_open(friday.replace(hour=8, minute=29))
    assert not selectors.chat_is_open(friday.replace(hour=17))
    assert not selectors.chat_is_open(friday + datetime.timedelta(days=1))  # Saturday
    assert not selectors.chat_is_open(datetime.datetime(2026, 12, 25, 10, tzinfo=AMS))
    settings.KCC_CHAT_OPEN = "gesloten"
    assert not selectors.chat_is_open(friday)


def test_closed_chat_cannot_be_started(settings):
    settings.KCC_CHAT_OPEN = "gesloten"
    with pytest.raises(ValidationError) as exc:
        services.chat_start(vraag="Hallo?")
    assert "webformulier" in exc.value.message_dict["vraag"][0]
    assert not Chat.objects.exists()


def test_start_stores_the_question_as_first_line_and_matches_the_partij_by_email():
    partij = PersoonFactory()
    DigitaalAdres.objects.create(partij=partij, soort=DigitaalAdres.Soort.EMAIL, adres="a@b.nl")
    chat = services.chat_start(naam="Anna", email="a@b.nl", vraag="  Mijn vraag  ")
    assert (chat.status, chat.partij, chat.vraag) == (Chat.Status.WACHTEND, partij, "Mijn vraag")
    assert list(chat.berichten.values_list("afzender", "tekst")) == [("klant", "Mijn vraag")]


def test_bad_start_input_stores_nothing():
    with pytest.raises(ValidationError) as exc:
        services.chat_start(vraag=" ", email="geen-adres")
    assert set(exc.value.message_dict) == {"vraag", "email"}
    assert not Chat.objects.exists()


def test_queue_position_and_expected_wait_from_recent_handling(make_medewerker):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    now = timezone.now()
    # Two recent chats took 4 and 8 minutes: the average is 6.
    for minutes in (4, 8):
        Chat.objects.create(
            vraag="oud",
            status=Chat.Status.BEEINDIGD,
            medewerker=agent,
            aangenomen_op=now - datetime.timedelta(minutes=30),
            beeindigd_op=now - datetime.timedelta(minutes=30 - minutes),
        )
    first = services.chat_start(vraag="een")
    second = services.chat_start(vraag="twee")
    assert selectors.chat_queue_position(chat=first) == (1, datetime.timedelta(minutes=6))
    assert selectors.chat_queue_position(chat=second) == (2, datetime.timedelta(minutes=12))
    services.chat_accept(chat=first, medewerker=agent)
    second.refresh_from_db()
    assert selectors.chat_queue_position(chat=second) == (1, datetime.timedelta(minutes=6))


def test_accept_answer_transfer_and_end_registers_the_transcript(make_medewerker):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Sanne")
    collega = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Piet")
    partij = PersoonFactory()
    chat = services.chat_start(naam="Jan", vraag="Wanneer wordt het grofvuil opgehaald?")

    with pytest.raises(ValidationError):
        services.chat_message_post(chat=chat, tekst="Hallo", medewerker=agent)  # not accepted
    services.chat_accept(chat=chat, medewerker=agent)
    with pytest.raises(ValidationError):
        services.chat_accept(chat=chat, medewerker=collega)  # taken already
    services.chat_message_post(chat=chat, tekst="Een moment, ik kijk het na.", medewerker=agent)
    services.chat_transfer(chat=chat, medewerker=agent, naar=collega)
    with pytest.raises(ValidationError):
        services.chat_message_post(chat=chat, tekst="nog iets", medewerker=agent)
    services.chat_message_post(chat=chat, tekst="Op dinsdag.", medewerker=collega)
    services.chat_message_post(chat=chat, tekst="Dank u!")
    chat = services.chat_end(chat=chat, medewerker=collega, onderwerp="Grofvuil", partij=partij)

    assert chat.status == Chat.Status.BEEINDIGD
    contact = Klantcontact.objects.get()
    assert chat.klantcontact == contact
    assert (contact.kanaal, contact.partij, contact.onderwerp) == (Kanaal.CHAT, partij, "Grofvuil")
    assert contact.medewerker == collega
    vraag = contact.vragen.get()
    assert (vraag.vraag, vraag.antwoord) == ("Wanneer wordt het grofvuil opgehaald?", "Op dinsdag.")
    for text in ("Jan: Wanneer wordt", "Sanne helpt u verder.", "doorverbonden met Piet",
                 ": Op dinsdag.", "Jan: Dank u!", "De chat is beëindigd."):  # fmt: skip
        assert text in contact.inhoud
    with pytest.raises(ValidationError):
        services.chat_message_post(chat=chat, tekst="Nog een vraag")


def test_customer_leaving_a_waiting_chat_ends_it_without_a_klantcontact():
    chat = services.chat_start(vraag="Laat maar")
    chat = services.chat_leave(chat=chat)
    assert chat.status == Chat.Status.BEEINDIGD
    assert not Klantcontact.objects.exists()
    assert chat.berichten.last().afzender == ChatBericht.Afzender.SYSTEEM


def test_payloads_after_an_id_are_what_a_reconnect_catches_up_on():
    chat = services.chat_start(vraag="een")
    first = chat.berichten.get()
    services.chat_message_post(chat=chat, tekst="twee")
    services.chat_message_post(chat=chat, tekst="drie")
    payloads = selectors.chatbericht_payloads(chat_uuids=[str(chat.uuid)], after_id=first.id)
    assert [p["tekst"] for p in payloads] == ["twee", "drie"]
    assert payloads[0]["id"] > first.id
