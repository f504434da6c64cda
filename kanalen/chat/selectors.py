"""Reads of the chat channel: queues, transcripts, what a stream must catch up on."""

import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, F, Max, QuerySet
from django.utils import timezone

from kanalen.models import Chat, ChatBericht
from kcc.calendar import is_werkdag, openingstijden

Status = Chat.Status
# Used until enough chats have been handled to know better.
DEFAULT_HANDLING = timedelta(minutes=5)
RECENT_CHATS = 20


def chat_is_open(moment=None) -> bool:
    """Chat is staffed on werkdagen within KCC_OPENINGSTIJDEN (KCC_CHAT_OPEN may say
    "altijd" or "gesloten" instead)."""
    if settings.KCC_CHAT_OPEN in ("altijd", "gesloten"):
        return settings.KCC_CHAT_OPEN == "altijd"
    local = timezone.localtime(moment or timezone.now())
    opens, closes = openingstijden()
    return is_werkdag(local.date()) and opens <= local.time() < closes


def chat_list() -> QuerySet[Chat]:
    return Chat.objects.select_related("medewerker__user", "partij", "klantcontact")


def chat_waiting_list() -> QuerySet[Chat]:
    return chat_list().filter(status=Status.WACHTEND).order_by("gestart_op", "id")


def chat_active_list(*, medewerker) -> QuerySet[Chat]:
    return chat_list().filter(status=Status.ACTIEF, medewerker=medewerker).order_by("aangenomen_op")


def chatbericht_list(*, chat: Chat) -> QuerySet[ChatBericht]:
    return chat.berichten.select_related("medewerker__user").order_by("id")


def average_handling() -> timedelta:
    """Mean time from accept to end of the last RECENT_CHATS ended chats."""
    recent = (
        Chat.objects.filter(status=Status.BEEINDIGD, aangenomen_op__isnull=False)
        .order_by("-beeindigd_op")
        .values("pk")[:RECENT_CHATS]
    )
    value = Chat.objects.filter(pk__in=recent).aggregate(
        duur=Avg(F("beeindigd_op") - F("aangenomen_op"))
    )["duur"]
    return value or DEFAULT_HANDLING


def chat_queue_position(*, chat: Chat) -> tuple[int, timedelta]:
    """(place in the queue, 1 = next; expected wait). The expected wait spreads the
    chats ahead over the medewerkers chatting now, each at the recent average."""
    if chat.status != Status.WACHTEND:
        return 0, timedelta(0)
    ahead = (
        Chat.objects.filter(status=Status.WACHTEND).filter(gestart_op__lt=chat.gestart_op).count()
    )
    agents = Chat.objects.filter(status=Status.ACTIEF).values("medewerker").distinct().count() or 1
    rounds = math.ceil((ahead + 1) / agents)
    return ahead + 1, average_handling() * rounds


def afzender_naam(bericht: ChatBericht) -> str:
    """As the customer sees it: the medewerker's first name only."""
    if bericht.afzender == ChatBericht.Afzender.MEDEWERKER and bericht.medewerker:
        user = bericht.medewerker.user
        return user.first_name or user.get_username()
    if bericht.afzender == ChatBericht.Afzender.KLANT:
        return bericht.chat.naam
    return ""


def chatbericht_payload(bericht: ChatBericht) -> dict:
    return {
        "id": bericht.id,
        "chat": str(bericht.chat.uuid),
        "afzender": bericht.afzender,
        "naam": afzender_naam(bericht),
        "tekst": bericht.tekst,
        "tijd": timezone.localtime(bericht.verzonden_op).strftime("%H:%M"),
        "gebeurtenis": bericht.gebeurtenis,
    }


def chatbericht_last_id(*, chats) -> int:
    """The newest line of these chats: a page rendered now shows everything up to it."""
    last = ChatBericht.objects.filter(chat__in=chats).aggregate(last=Max("id"))["last"]
    return last or 0


def chatbericht_payloads(*, chat_uuids: list, after_id: int) -> list[dict]:
    berichten = (
        ChatBericht.objects.filter(chat__uuid__in=chat_uuids, id__gt=after_id)
        .select_related("chat", "medewerker__user")
        .order_by("id")
    )
    return [chatbericht_payload(b) for b in berichten]


def chat_transcript(*, chat: Chat) -> str:
    lines = []
    for bericht in chatbericht_list(chat=chat):
        tijd = timezone.localtime(bericht.verzonden_op).strftime("%H:%M")
        if bericht.afzender == ChatBericht.Afzender.SYSTEEM:
            lines.append(f"[{tijd}] — {bericht.tekst}")
        elif bericht.afzender == ChatBericht.Afzender.KLANT:
            lines.append(f"[{tijd}] {chat.naam or 'Klant'}: {bericht.tekst}")
        else:
            user = bericht.medewerker.user if bericht.medewerker else None
            naam = (user.get_full_name() or user.get_username()) if user else "Medewerker"
            lines.append(f"[{tijd}] {naam}: {bericht.tekst}")
    return "\n".join(lines)
