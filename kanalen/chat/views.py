"""The agent's chat console, and the event streams of both sides."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.asgi import ASGIRequest
from django.db import connections
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contacts.selectors import partij_list, partij_search_text
from kanalen.chat import selectors, services
from kanalen.chat.events import chat_stream, chat_stream_async
from kanalen.chat.forms import BeeindigenForm, BerichtForm, DoorverbindenForm
from kanalen.models import Chat


def _last_event_id(request) -> int:
    value = request.headers.get("Last-Event-ID") or request.GET.get("na") or "0"
    return int(value) if value.isdigit() else 0


def stream_url(path: str, *, chats) -> str:
    """Where the browser opens a stream: the ASGI server's origin when it has its own,
    starting after the lines the page already shows (a reconnect then sends its
    Last-Event-ID instead)."""
    return f"{settings.KCC_SSE_URL}{path}?na={selectors.chatbericht_last_id(chats=chats)}"


def _allowed_origins() -> set[str]:
    return {settings.KCC_PUBLIC_URL, *settings.CSRF_TRUSTED_ORIGINS}


def sse_response(request, chat_uuids: list) -> StreamingHttpResponse:
    """The stream of these chats, in the form the serving process can stream."""
    kwargs = {
        "chat_uuids": chat_uuids,
        "after_id": _last_event_id(request),
        "seconds": settings.KCC_SSE_STREAM_SECONDS,
        "heartbeat": settings.KCC_SSE_HEARTBEAT_SECONDS,
    }
    # The stream needs the database only for its catch-up: give the connection back.
    connections.close_all()
    stream = chat_stream_async if isinstance(request, ASGIRequest) else chat_stream
    response = StreamingHttpResponse(stream(**kwargs), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"
    origin = request.headers.get("Origin")
    if origin and origin in _allowed_origins():
        # The pages' origin may read this stream, with the session cookie.
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Credentials"] = "true"
        response["Vary"] = "Origin"
    return response


def _medewerker(request):
    medewerker = getattr(request.user, "medewerker", None)
    if medewerker is None:
        raise PermissionDenied  # only a medewerker chats with customers
    return medewerker


def _console_context(request, medewerker, actief: Chat | None) -> dict:
    mijn = list(selectors.chat_active_list(medewerker=medewerker))
    return {
        "wachtend": list(selectors.chat_waiting_list()[:50]),
        "mijn": mijn,
        "actief": actief,
        "events_url": stream_url(reverse("kanalen:chat-events"), chats=mijn) if mijn else "",
    }


@login_required
@permission_required("kanalen.view_chat", raise_exception=True)
def console(request):
    """Waiting chats, my chats as tabs, the chosen one open; htmx refreshes the lists."""
    medewerker = _medewerker(request)
    context = _console_context(request, medewerker, None)
    if request.htmx:
        return render(request, "kanalen/chat/partials/console_lijsten.html", context)
    gekozen = request.GET.get("chat")
    actief = next((c for c in context["mijn"] if str(c.uuid) == gekozen), None)
    if actief is None and context["mijn"]:
        actief = context["mijn"][0]
    context["actief"] = actief
    if actief is not None:
        context.update(
            berichten=list(selectors.chatbericht_list(chat=actief)),
            bericht_form=BerichtForm(),
            doorverbinden_form=DoorverbindenForm(medewerker=medewerker),
            beeindigen_form=BeeindigenForm(
                initial={
                    "onderwerp": actief.vraag[:100],
                    "partij": getattr(actief.partij, "uuid", ""),
                }
            ),
        )
    return render(request, "kanalen/chat/console.html", context)


@login_required
@permission_required("kanalen.view_chat", raise_exception=True)
def events(request):
    medewerker = _medewerker(request)
    uuids = [
        str(u)
        for u in selectors.chat_active_list(medewerker=medewerker).values_list("uuid", flat=True)
    ]
    return sse_response(request, uuids)


def _back(chat: Chat | None = None):
    url = reverse("kanalen:chat-console")
    return redirect(f"{url}?chat={chat.uuid}" if chat else url)


def _errors(request, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


@require_POST
@login_required
@permission_required("kanalen.change_chat", raise_exception=True)
def accept(request, uuid):
    chat = get_object_or_404(Chat, uuid=uuid)
    try:
        services.chat_accept(chat=chat, medewerker=_medewerker(request))
    except ValidationError as exc:
        _errors(request, exc)
        return _back()
    return _back(chat)


@require_POST
@login_required
@permission_required("kanalen.change_chat", raise_exception=True)
def bericht(request, uuid):
    """An answer: stored and pushed; htmx gets 204 (the line arrives through the stream)."""
    chat = get_object_or_404(Chat, uuid=uuid)
    form = BerichtForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["tekst"])
        services.chat_message_post(
            chat=chat, tekst=form.cleaned_data["tekst"], medewerker=_medewerker(request)
        )
    except ValidationError as exc:
        if request.htmx:
            return HttpResponse(" ".join(exc.messages), status=400)
        _errors(request, exc)
    if request.htmx:
        return HttpResponse(status=204)
    return _back(chat)


@require_POST
@login_required
@permission_required("kanalen.change_chat", raise_exception=True)
def doorverbinden(request, uuid):
    chat = get_object_or_404(Chat, uuid=uuid)
    medewerker = _medewerker(request)
    form = DoorverbindenForm(request.POST, medewerker=medewerker)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["naar"])
        services.chat_transfer(chat=chat, medewerker=medewerker, naar=form.cleaned_data["naar"])
    except ValidationError as exc:
        _errors(request, exc)
        return _back(chat)
    messages.success(request, _("De chat is doorverbonden."))
    return _back()


@require_POST
@login_required
@permission_required("kanalen.change_chat", raise_exception=True)
def beeindigen(request, uuid):
    chat = get_object_or_404(Chat, uuid=uuid)
    form = BeeindigenForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        partij = None
        if form.cleaned_data["partij"]:
            partij = get_object_or_404(partij_list(), uuid=form.cleaned_data["partij"])
        chat = services.chat_end(
            chat=chat,
            medewerker=_medewerker(request),
            onderwerp=form.cleaned_data["onderwerp"],
            afhandeling=form.cleaned_data["afhandeling"],
            partij=partij,
        )
    except ValidationError as exc:
        _errors(request, exc)
        return _back(chat)
    messages.success(request, _("De chat is beëindigd en als klantcontact geregistreerd."))
    return _back()


@login_required
@permission_required("contacts.view_partij", raise_exception=True)
def partijen(request):
    """Search results for the end form: choose the partij the transcript belongs to."""
    q = request.GET.get("q", "").strip()
    gevonden = list(partij_search_text(q)[:10]) if q else []
    return render(request, "kanalen/chat/partials/partijen.html", {"q": q, "partijen": gevonden})
