"""Writes of the chat channel. Every line is stored, then published after commit."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from contacts.models import Afhandeling, Kanaal, Partij
from contacts.selectors import partij_by_email
from contacts.services import VraagData, klantcontact_register
from kanalen.chat.events import bericht_publish
from kanalen.chat.selectors import chat_is_open, chat_transcript, chatbericht_payload
from kanalen.models import Chat, ChatBericht
from kcc.models import Medewerker

Status = Chat.Status
Afzender = ChatBericht.Afzender
MAX_TEKST = 4000


def _first_name(medewerker: Medewerker) -> str:
    return medewerker.user.first_name or medewerker.user.get_username()


def _add(
    chat: Chat,
    *,
    afzender: str,
    tekst: str,
    medewerker: Medewerker | None = None,
    gebeurtenis: str = "",
) -> ChatBericht:
    bericht = ChatBericht.objects.create(
        chat=chat, afzender=afzender, tekst=tekst, medewerker=medewerker, gebeurtenis=gebeurtenis
    )
    payload = chatbericht_payload(bericht)
    transaction.on_commit(lambda: bericht_publish(chat_uuid=chat.uuid, payload=payload))
    return bericht


def _locked(chat: Chat) -> Chat:
    # One chat's lines are written one at a time, so their ids follow commit order
    # and a reconnecting stream that asks "after id N" misses none.
    return (
        Chat.objects.select_for_update(of=("self",))
        .select_related("medewerker__user")
        .get(pk=chat.pk)
    )


def _tekst(tekst: str, field: str = "tekst") -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({field: ["Typ een bericht."]})
    if len(tekst) > MAX_TEKST:
        raise ValidationError({field: [f"Een bericht is hoogstens {MAX_TEKST} tekens."]})
    return tekst


@transaction.atomic
def chat_start(*, vraag: str, naam: str = "", email: str = "", moment=None) -> Chat:
    """A customer starts a chat: it waits in the queue. Closed outside opening hours."""
    errors: dict[str, list[str]] = {}
    if not chat_is_open(moment):
        raise ValidationError(
            {"vraag": ["De chat is nu gesloten. Stel uw vraag via het webformulier."]}
        )
    try:
        vraag = _tekst(vraag, "vraag")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]
    naam = (naam or "").strip()
    if len(naam) > 200:
        errors["naam"] = ["Een naam is hoogstens 200 tekens."]
    if errors:
        raise ValidationError(errors)
    chat = Chat.objects.create(naam=naam, email=email, vraag=vraag, partij=partij_by_email(email))
    _add(chat, afzender=Afzender.KLANT, tekst=vraag)
    return chat


@transaction.atomic
def chat_message_post(
    *, chat: Chat, tekst: str, medewerker: Medewerker | None = None
) -> ChatBericht:
    """A line from the customer (medewerker None) or from the medewerker of the chat."""
    tekst = _tekst(tekst)
    chat = _locked(chat)
    if chat.status == Status.BEEINDIGD:
        raise ValidationError({"tekst": ["Deze chat is beëindigd."]})
    if medewerker is not None and chat.medewerker_id != medewerker.pk:
        raise ValidationError({"tekst": ["Neem de chat eerst aan."]})
    afzender = Afzender.KLANT if medewerker is None else Afzender.MEDEWERKER
    return _add(chat, afzender=afzender, tekst=tekst, medewerker=medewerker)


@transaction.atomic
def chat_accept(*, chat: Chat, medewerker: Medewerker) -> Chat:
    chat = _locked(chat)
    if chat.status != Status.WACHTEND:
        raise ValidationError({"chat": ["Deze chat is al aangenomen of beëindigd."]})
    chat.status = Status.ACTIEF
    chat.medewerker = medewerker
    chat.aangenomen_op = timezone.now()
    chat.save(update_fields=["status", "medewerker", "aangenomen_op"])
    _add(
        chat,
        afzender=Afzender.SYSTEEM,
        tekst=f"{_first_name(medewerker)} helpt u verder.",
        gebeurtenis="aangenomen",
    )
    return chat


def _own_active(chat: Chat, medewerker: Medewerker) -> Chat:
    chat = _locked(chat)
    if chat.status != Status.ACTIEF or chat.medewerker_id != medewerker.pk:
        raise ValidationError({"chat": ["Dit is geen lopende chat van u."]})
    return chat


@transaction.atomic
def chat_transfer(*, chat: Chat, medewerker: Medewerker, naar: Medewerker) -> Chat:
    """Hand the chat to a colleague; it opens in the colleague's console."""
    chat = _own_active(chat, medewerker)
    if naar.pk == medewerker.pk:
        raise ValidationError({"naar": ["Kies een collega, niet uzelf."]})
    if not naar.user.is_active or not naar.user.has_perm("kcc.use_klantcontact"):
        raise ValidationError({"naar": ["Deze collega kan geen chats aannemen."]})
    chat.medewerker = naar
    chat.save(update_fields=["medewerker"])
    _add(
        chat,
        afzender=Afzender.SYSTEEM,
        tekst=f"U wordt doorverbonden met {_first_name(naar)}.",
        gebeurtenis="overgedragen",
    )
    return chat


@transaction.atomic
def chat_end(
    *,
    chat: Chat,
    medewerker: Medewerker,
    onderwerp: str = "",
    afhandeling: str = Afhandeling.DIRECT_BEANTWOORD,
    partij: Partij | None = None,
) -> Chat:
    """End the chat; its transcript becomes a klantcontact (kanaal chat) of the partij
    (the one chosen, else the one matched by e-mail, else anonymous)."""
    chat = _own_active(chat, medewerker)
    _add(chat, afzender=Afzender.SYSTEEM, tekst="De chat is beëindigd.", gebeurtenis="beeindigd")
    partij = partij or chat.partij
    antwoorden = chat.berichten.filter(afzender=Afzender.MEDEWERKER).order_by("-id")
    laatste = antwoorden.values_list("tekst", flat=True).first() or ""
    onderwerp = (onderwerp or "").strip() or chat.vraag[:100]
    chat.klantcontact = klantcontact_register(
        medewerker=medewerker,
        kanaal=Kanaal.CHAT,
        partij=partij,
        onderwerp=onderwerp,
        inhoud=chat_transcript(chat=chat),
        plaatsgevonden_op=chat.gestart_op,
        vragen=[
            VraagData(
                vraag=chat.vraag, onderwerp=onderwerp, antwoord=laatste, afhandeling=afhandeling
            )
        ],
    )
    chat.status = Status.BEEINDIGD
    chat.beeindigd_op = timezone.now()
    chat.partij = partij
    chat.save(update_fields=["status", "beeindigd_op", "partij", "klantcontact"])
    return chat


@transaction.atomic
def chat_leave(*, chat: Chat) -> Chat:
    """The customer leaves. A waiting chat ends here (nobody took it: no klantcontact);
    a running one stays with the medewerker, who ends and registers it."""
    chat = _locked(chat)
    if chat.status == Status.BEEINDIGD:
        return chat
    _add(
        chat,
        afzender=Afzender.SYSTEEM,
        tekst="De klant heeft de chat verlaten.",
        gebeurtenis="verlaten",
    )
    if chat.status == Status.WACHTEND:
        chat.status = Status.BEEINDIGD
        chat.beeindigd_op = timezone.now()
        chat.save(update_fields=["status", "beeindigd_op"])
    return chat
