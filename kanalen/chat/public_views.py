"""The customer's side of the chat (no login): the session holds which chats are theirs."""

import logging

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kanalen import public_views as formulieren
from kanalen.chat import selectors, services
from kanalen.chat.forms import BerichtForm, ChatStartForm
from kanalen.chat.views import sse_response, stream_url
from kanalen.forms import form_token
from kanalen.models import Chat

logger = logging.getLogger(__name__)

_SESSION_KEY = "kanalen_chats"


def widget_context(form: ChatStartForm | None = None) -> dict:
    """What the widget on every public page needs: open or not, and the start form."""
    form = form or ChatStartForm(initial={"formulier_token": form_token()})
    return {"chat_open": selectors.chat_is_open(), "chat_form": form}


def start(request):
    if request.method != "POST":
        return render(request, "kanalen/chat/public/start.html", widget_context())
    if formulieren.rate_limited(request):
        return render(request, "kanalen/public/te_veel.html", status=429)
    form = ChatStartForm(request.POST)
    if form.is_bot():
        # Answered like a success, so the bot learns nothing; no chat is started.
        logger.warning("Chat: honeypot gevuld, geen chat gestart")
        return redirect("chat:start")
    if form.is_valid():
        try:
            data = form.cleaned_data
            chat = services.chat_start(naam=data["naam"], email=data["email"], vraag=data["vraag"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            request.session[_SESSION_KEY] = [*request.session.get(_SESSION_KEY, []), str(chat.uuid)]
            return redirect("chat:gesprek", uuid=chat.uuid)
    form.renew_token()
    return render(request, "kanalen/chat/public/start.html", widget_context(form), status=400)


def _own_chat(request, uuid) -> Chat:
    # Only the browser that started the chat can read or write it.
    if str(uuid) not in request.session.get(_SESSION_KEY, []):
        raise Http404
    return get_object_or_404(selectors.chat_list(), uuid=uuid)


def _status_context(chat: Chat) -> dict:
    positie, wachttijd = selectors.chat_queue_position(chat=chat)
    return {
        "chat": chat,
        "positie": positie,
        "minuten": max(1, round(wachttijd.total_seconds() / 60)),
    }


def gesprek(request, uuid):
    chat = _own_chat(request, uuid)
    # The stream's starting point before the lines are read: a line in between is
    # then shown twice at worst (the page drops the repeat), never missed.
    events_url = stream_url(reverse("chat:events", args=[chat.uuid]), chats=[chat])
    context = {
        **_status_context(chat),
        "berichten": list(selectors.chatbericht_list(chat=chat)),
        "bericht_form": BerichtForm(),
        "events_url": events_url,
    }
    return render(request, "kanalen/chat/public/gesprek.html", context)


def status(request, uuid):
    """The queue position, refreshed by htmx while the chat waits."""
    chat = _own_chat(request, uuid)
    return render(request, "kanalen/chat/public/partials/status.html", _status_context(chat))


def events(request, uuid):
    chat = _own_chat(request, uuid)
    return sse_response(request, [str(chat.uuid)])


@require_POST
def bericht(request, uuid):
    chat = _own_chat(request, uuid)
    form = BerichtForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["tekst"])
        services.chat_message_post(chat=chat, tekst=form.cleaned_data["tekst"])
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect("chat:gesprek", uuid=chat.uuid)


@require_POST
def verlaten(request, uuid):
    chat = _own_chat(request, uuid)
    services.chat_leave(chat=chat)
    return redirect("chat:gesprek", uuid=chat.uuid)
