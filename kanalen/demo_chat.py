"""Demo chats: one customer waiting in the queue, one finished transcript in a klantbeeld."""

from django.db import transaction

from contacts.selectors import partij_list
from kanalen.chat import services
from kanalen.models import Chat, ChatBericht
from kcc.models import Medewerker

WAITING_QUESTION = "Tot hoe laat is het milieustraat vandaag open?"


@transaction.atomic
def load() -> str:
    """Idempotent: a second run adds nothing."""
    if Chat.objects.filter(vraag=WAITING_QUESTION).exists():
        return "Chat: demo al geladen."
    agent = Medewerker.objects.filter(user__username="agent").first()
    partij = partij_list().filter(achternaam="Jansen").first()
    if agent is not None:
        # Made directly, not through chat_start: the demo loads outside opening hours too.
        chat = Chat.objects.create(
            naam="Jan Jansen", vraag="Kan ik mijn rijbewijs ook op zaterdag ophalen?"
        )
        ChatBericht.objects.create(chat=chat, afzender=ChatBericht.Afzender.KLANT, tekst=chat.vraag)
        services.chat_accept(chat=chat, medewerker=agent)
        services.chat_message_post(
            chat=chat,
            medewerker=agent,
            tekst="Ja, op de eerste zaterdag van de maand van 10.00 tot 13.00 uur.",
        )
        services.chat_message_post(chat=chat, tekst="Top, dank u wel!")
        services.chat_end(chat=chat, medewerker=agent, onderwerp="Rijbewijs ophalen", partij=partij)
    waiting = Chat.objects.create(naam="Fatima", vraag=WAITING_QUESTION)
    ChatBericht.objects.create(
        chat=waiting, afzender=ChatBericht.Afzender.KLANT, tekst=WAITING_QUESTION
    )
    return "Chat: 1 wachtende chat en 1 afgeronde chat (klantbeeld Jan Jansen)."
