import mailbox
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from catalogus import selectors as catalogus_selectors
from kcc import health


@never_cache
def healthz(request):
    return JsonResponse({"ok": True})


@never_cache
def readyz(request):
    result = health.readiness()
    return JsonResponse(result, status=200 if result["ok"] else 503)


@login_required
def home(request):
    context = {}
    if request.user.has_perm("kcc.view_kennisbank"):
        berichten = catalogus_selectors.nieuws_voor_medewerker(user=request.user)
        context = {
            "nieuws": berichten[:5],
            "nieuws_ongelezen_belangrijk": catalogus_selectors.nieuws_ongelezen_belangrijk_aantal(
                user=request.user
            ),
        }
    return render(request, "kcc/home.html", context)


def _decoded(value: str | None) -> str:
    return str(make_header(decode_header(value))) if value else ""


def _dev_mailbox() -> mailbox.Maildir:
    if not settings.KCC_DEV_MAILBOX_ENABLED:
        raise Http404
    return mailbox.Maildir(settings.KCC_DEV_MAILBOX, create=True)


@staff_member_required
def dev_mail_list(request):
    mails = []
    for key, message in _dev_mailbox().iteritems():
        date = message.get("Date")
        mails.append(
            {
                "key": key,
                "from": _decoded(message.get("From")),
                "to": _decoded(message.get("To")),
                "subject": _decoded(message.get("Subject")),
                "date": parsedate_to_datetime(date) if date else None,
            }
        )
    mails.sort(key=lambda item: item["date"].timestamp() if item["date"] else 0, reverse=True)
    return render(request, "kcc/dev_mail_list.html", {"mails": mails})


@staff_member_required
def dev_mail_detail(request, key: str):
    try:
        message = _dev_mailbox()[key]
    except KeyError as missing:
        raise Http404 from missing
    body = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.is_attachment():
            body = part.get_payload(decode=True).decode(
                part.get_content_charset() or "utf-8", errors="replace"
            )
            break
    return render(
        request,
        "kcc/dev_mail_detail.html",
        {
            "message": message,
            "subject": _decoded(message.get("Subject")),
            "from": _decoded(message.get("From")),
            "to": _decoded(message.get("To")),
            "body": body,
        },
    )
