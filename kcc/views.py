import csv
import mailbox
import sys
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from redis.exceptions import RedisError

from catalogus import selectors as catalogus_selectors
from contacts import selectors as contacts_selectors
from contacts import services as contacts_services
from kcc import authz, health, selectors, services
from kcc.models import AuditLogEntry, Notificatie


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


# --- Inzageverzoek: who looked at a partij's data --------------------------------

INZAGE_PAGE_SIZE = 50
INZAGE_REASON = "Inzageverzoek: verwerkingen van de partij bekeken"
INZAGE_EXPORT_REASON = "Inzageverzoek: verwerkingen van de partij geëxporteerd"
INZAGE_SEARCH_REASON = "Inzageverzoek: partij gezocht"


# What the object types in the log are, in words a citizen reads in the answer.
GEGEVENS_LABELS = {
    "partij": _lazy("klantgegevens"),
    "klantcontact": _lazy("klantcontact"),
    "contactverzoek": _lazy("contactverzoek"),
    "zaak": _lazy("zaak"),
    "inkomende-email": _lazy("e-mail"),
    "inkomende_email": _lazy("e-mail"),
    "email-bijlage": _lazy("bijlage van een e-mail"),
    "bericht": _lazy("bericht aan de klant"),
    "brp-persoon": _lazy("BRP (basisregistratie personen)"),
    "kvk-bedrijf": _lazy("Handelsregister (KvK)"),
    "verwerkingslog": _lazy("dit overzicht van verwerkingen"),
}
VIA_LABELS = {
    "ui": _lazy("scherm"),
    "api": _lazy("API (koppeling)"),
    "admin": _lazy("beheer"),
    "taak": _lazy("achtergrondtaak"),
}


def _labelled(entries):
    for entry in entries:
        entry.gegevens = GEGEVENS_LABELS.get(entry.object_type, entry.object_type)
        entry.via = VIA_LABELS.get(entry.kanaal, entry.kanaal)
        yield entry


@authz.required(authz.VIEW, "verwerkingslog")
def inzage(request):
    """Find the partij of an inzageverzoek (BSN, KvK, name + birth date, ...)."""
    q = request.GET.get("q", "").strip()
    partijen = list(contacts_selectors.partij_search_text(q)[: contacts_selectors.SEARCH_LIMIT])
    contacts_services.partijen_view_record(
        user=request.user, partijen=partijen, reason=INZAGE_SEARCH_REASON, request=request
    )
    return render(request, "kcc/inzage.html", {"q": q, "partijen": partijen})


@authz.required(authz.VIEW, "verwerkingslog")
def inzage_partij(request, uuid):
    """Who looked at this partij's data, when, what and why; newest first."""
    partij, verwerkingen = selectors.partij_verwerkingen(uuid=uuid)
    services.verwerkingslog_view_record(
        user=request.user,
        partij=partij,
        action=AuditLogEntry.Actie.VIEW,
        reason=INZAGE_REASON,
        request=request,
    )
    page = Paginator(verwerkingen, INZAGE_PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(_labelled(page.object_list))
    return render(
        request, "kcc/inzage_partij.html", {"partij": partij, "page": page, "querystring": ""}
    )


_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    """Text as a spreadsheet shows it, never as a formula (a name may start with '=')."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


@authz.required(authz.VIEW, "verwerkingslog")
def inzage_export(request, uuid):
    """The whole log of one partij as CSV, streamed (a busy partij has many lines)."""
    partij, verwerkingen = selectors.partij_verwerkingen(uuid=uuid)
    services.verwerkingslog_view_record(
        user=request.user,
        partij=partij,
        action=AuditLogEntry.Actie.EXPORT,
        reason=INZAGE_EXPORT_REASON,
        request=request,
    )
    writer = csv.writer(_Echo())
    header = [
        _("Tijdstip"),
        _("Medewerker"),
        _("Handeling"),
        _("Gegevens"),
        _("Omschrijving"),
        _("Reden"),
        _("Via"),
        _("Scherm of endpoint"),
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)
        for entry in _labelled(verwerkingen.iterator(chunk_size=2000)):
            yield writer.writerow(
                _csv_cell(value)
                for value in [
                    timezone.localtime(entry.tijdstip).isoformat(timespec="seconds"),
                    entry.gebruikersnaam,
                    entry.get_actie_display(),
                    entry.gegevens,
                    entry.object_omschrijving,
                    entry.reden,
                    entry.via,
                    entry.context,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verwerkingen-{partij.uuid}.csv"'
    return response


def _meldingen(request, *, after_action: bool = False):
    """The meldingen page, or for htmx its list (and the header counter, out of band).

    After an action, keyboard focus goes to the first unread melding's button, or to
    the heading when none is left (htmx focuses the element marked autofocus)."""
    template = "kcc/partials/meldingen_lijst.html" if request.htmx else "kcc/meldingen.html"
    notificaties = list(selectors.notificatie_list(user=request.user)[:100])
    focus = ""
    if after_action:
        unread = next((n for n in notificaties if not n.gelezen), None)
        focus = str(unread.uuid) if unread else "kop"
    return render(request, template, {"notificaties": notificaties, "focus": focus})


@login_required
def meldingen(request):
    return _meldingen(request)


@require_POST
@login_required
def melding_gelezen(request, uuid):
    notificatie = get_object_or_404(Notificatie, uuid=uuid, ontvanger=request.user)
    services.notificatie_mark_read(user=request.user, notificatie=notificatie)
    if request.htmx:
        return _meldingen(request, after_action=True)
    return redirect("meldingen")


@require_POST
@login_required
def meldingen_alles_gelezen(request):
    services.notificaties_mark_all_read(user=request.user)
    if request.htmx:
        return _meldingen(request, after_action=True)
    return redirect("meldingen")


@require_POST
@login_required
def meldingen_dagoverzicht(request):
    medewerker = getattr(request.user, "medewerker", None)
    if medewerker is None:
        raise Http404
    aan = request.POST.get("dagoverzicht") == "on"
    services.medewerker_dagoverzicht_set(medewerker=medewerker, aan=aan)
    messages.success(
        request,
        _("U krijgt elke ochtend een overzicht per e-mail.")
        if aan
        else _("U krijgt geen dagelijks overzicht meer."),
    )
    return redirect("meldingen")


# --- Error pages -------------------------------------------------------------
# Rendered without the request's context processors: those may need the very
# database or Redis that is down.

UNAVAILABLE_ERRORS = (DatabaseError, RedisError)


def _error_page(request, status: int, titel: str, uitleg: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(uitleg)}, status=status)
    html = loader.render_to_string(
        "kcc/fout.html",
        {
            "titel": titel,
            "uitleg": uitleg,
            "theme_css": settings.KCC_THEME_CSS,
            "logo": settings.KCC_LOGO,
            "organisation_name": settings.KCC_ORGANISATION_NAME,
        },
    )
    return HttpResponse(html, status=status)


def page_not_found(request, exception):
    return _error_page(
        request,
        404,
        _("Pagina niet gevonden"),
        _("Deze pagina bestaat niet (meer). Controleer het adres."),
    )


def server_error(request):
    """500, or 503 when the database or Redis cannot be reached: the request can be
    tried again shortly and nothing was stored half (one transaction per service)."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        response = _error_page(
            request,
            503,
            _("Tijdelijk niet beschikbaar"),
            _(
                "KCC kan op dit moment zijn gegevens niet bereiken. Er is niets half "
                "opgeslagen. Probeer het over een minuut opnieuw."
            ),
        )
        response["Retry-After"] = "60"
        return response
    return _error_page(
        request,
        500,
        _("Er ging iets mis"),
        _(
            "Er ging aan onze kant iets mis. De fout is vastgelegd; probeer het later "
            "opnieuw of neem contact op met de beheerder."
        ),
    )
