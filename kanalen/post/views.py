"""The post room's screens: register a letter, route it, the post queue, outgoing letters."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contacts.selectors import SEARCH_LIMIT, partij_list, partij_search_text, search_text_parse
from kanalen.forms import DoorsturenForm
from kanalen.models import Poststuk
from kanalen.post import selectors, services
from kanalen.post.forms import (
    AfhandelenForm,
    BriefForm,
    PostFilterForm,
    PoststukForm,
    RouteZaakForm,
    WerkvoorraadForm,
)
from kanalen.selectors import deadline_urgency
from kcc import authz
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record
from zaken.selectors import zaak_list

POST_VIEW_REASON = "Poststuk geopend in de postregistratie"
ROUTE_FORMS = {
    services.Route.ZAAK: ("zaak_form", RouteZaakForm),
    services.Route.CONTACTVERZOEK: ("contactverzoek_form", DoorsturenForm),
    services.Route.WERKVOORRAAD: ("werkvoorraad_form", WerkvoorraadForm),
    services.Route.AFGEHANDELD: ("afhandelen_form", AfhandelenForm),
}
ROUTE_MESSAGES = {
    services.Route.ZAAK: gettext_lazy("De zaak is gestart; de scan staat bij de zaak."),
    services.Route.CONTACTVERZOEK: gettext_lazy("De brief is doorgestuurd naar de afdeling."),
    services.Route.WERKVOORRAAD: gettext_lazy("De brief staat in de postwerkvoorraad."),
    services.Route.AFGEHANDELD: gettext_lazy("De brief is afgehandeld."),
}


def _medewerker(request):
    return getattr(request.user, "medewerker", None)


def _lijst_context(request, params) -> dict:
    # The post room starts with everything open; the KCC with its post queue.
    mag_registreren = authz.can(request.user, authz.ADD, "poststuk")
    default = "open" if mag_registreren else "werkvoorraad"
    filter_form = PostFilterForm(params if params.get("status") else {"status": default})
    items = list(selectors.poststuk_queue(status=filter_form.status_value())[:200])
    for item in items:
        item.is_open = item.status in services.OPEN_STATUSES
        item.urgentie = deadline_urgency(item.deadline) if item.is_open else ""
    return {
        "filter_form": filter_form,
        "items": items,
        "mag_registreren": mag_registreren,
        "mag_oppakken": _medewerker(request) is not None
        and authz.can(request.user, authz.CHANGE, "poststuk"),
    }


@authz.required(authz.BROWSE, "poststuk")
def lijst(request):
    """Open letters nearest answer date first; htmx swaps the list when the filter changes."""
    context = _lijst_context(request, request.GET)
    if request.htmx:
        return render(request, "kanalen/post/partials/lijst.html", context)
    return render(request, "kanalen/post/lijst.html", context)


@require_POST
@authz.required(authz.CHANGE, "poststuk")
def oppakken(request, uuid):
    """Take a letter on; from the list (htmx) the list answers with who has it now."""
    item = get_object_or_404(Poststuk, uuid=uuid)
    authz.require(request.user, authz.CHANGE, item)
    medewerker = _medewerker(request)
    if medewerker is None:
        raise PermissionDenied
    status = 200
    try:
        services.poststuk_claim(poststuk=item, medewerker=medewerker)
    except ValidationError as exc:
        status = 400
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(
            request, _("U heeft poststuk %(nummer)s opgepakt.") % {"nummer": item.poststuknummer}
        )
    if request.POST.get("volgende") != "lijst":
        return redirect("post:detail", uuid=item.uuid)
    if request.htmx:
        context = _lijst_context(request, request.POST)
        return render(request, "kanalen/post/partials/lijst.html", context, status=status)
    return redirect(
        f"{reverse('post:lijst')}?{urlencode({'status': request.POST.get('status', '')})}"
    )


def _afzender_context(q: str, gekozen) -> dict:
    parsed = search_text_parse(q) if q else None
    partijen = list(partij_search_text(q)[:SEARCH_LIMIT]) if parsed else []
    if gekozen is not None:
        partijen = [gekozen] + [p for p in partijen if p.pk != gekozen.pk]
    return {"q": q, "parsed": parsed, "partijen": partijen, "gekozen": gekozen}


@authz.required(authz.VIEW, "partij")
def afzender_zoeken(request):
    """The search results as radio buttons (the chosen one kept), for htmx."""
    form = BriefForm(request.GET)
    form.is_valid()
    gekozen = form.cleaned_data.get("partij")
    context = _afzender_context(request.GET.get("q", "").strip(), gekozen)
    context["doel"] = "brief" if request.GET.get("doel") == "brief" else ""
    return render(request, "kanalen/post/partials/afzender.html", context)


def _partij_form_context(request, form) -> dict:
    """Without JavaScript the 'Zoeken' button posts the form: the results come back."""
    form.is_valid()
    gekozen = form.cleaned_data.get("partij")
    return _afzender_context(request.POST.get("q", request.GET.get("q", "")).strip(), gekozen)


@authz.required(authz.ADD, "poststuk")
def registreren(request):
    if request.method != "POST":
        form = PoststukForm()
        return render(
            request, "kanalen/post/registreren.html", {"form": form, **_afzender_context("", None)}
        )
    form = PoststukForm(request.POST, request.FILES)
    if "zoeken" in request.POST:
        context = _partij_form_context(request, form)
        form = PoststukForm(initial=request.POST.dict())
        return render(request, "kanalen/post/registreren.html", {"form": form, **context})
    if form.is_valid():
        data = form.cleaned_data
        try:
            poststuk = services.poststuk_register(
                partij=data["partij"],
                afzender_naam=data["afzender_naam"],
                afzender_adres=data["afzender_adres"],
                datum_ontvangen=data["datum_ontvangen"],
                onderwerp=data["onderwerp"],
                kenmerk_afzender=data["kenmerk_afzender"],
                scan=data["scan"],
                door=_medewerker(request),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request,
                _("Poststuk %(nummer)s is geregistreerd.") % {"nummer": poststuk.poststuknummer},
            )
            return redirect("post:detail", uuid=poststuk.uuid)
    context = _partij_form_context(request, form)
    return render(request, "kanalen/post/registreren.html", {"form": form, **context}, status=400)


def _route_form(route: str, data=None):
    """The routing forms share a page: ids per form, so every label finds its field."""
    return ROUTE_FORMS[route][1](data, auto_id=f"id_{route}_%s")


def _detail(request, item: Poststuk, forms: dict | None = None, status: int = 200):
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="poststuk",
        object_uuid=item.uuid,
        description=f"{item.poststuknummer} {item.afzender}",
        partij_uuid=item.partij.uuid if item.partij_id else None,
        reason=POST_VIEW_REASON,
        request=request,
    )
    context = {
        "item": item,
        "is_open": item.status in services.OPEN_STATUSES,
        "urgentie": deadline_urgency(item.deadline),
        "mag_routeren": authz.can(request.user, authz.CHANGE, item),
        "mag_oppakken": _medewerker(request) is not None
        and authz.can(request.user, authz.CHANGE, item),
        "mag_brief": authz.can(request.user, authz.ADD, "brief"),
        **{ROUTE_FORMS[route][0]: _route_form(route) for route in ROUTE_FORMS},
        **(forms or {}),
    }
    return render(request, "kanalen/post/detail.html", context, status=status)


@authz.required(authz.VIEW, "poststuk")
def detail(request, uuid):
    try:
        item = selectors.poststuk_detail(uuid=uuid)
    except Poststuk.DoesNotExist:
        raise Http404 from None
    authz.require(request.user, authz.VIEW, item)
    return _detail(request, item)


@require_POST
@authz.required(authz.CHANGE, "poststuk")
def route(request, uuid, route: str):
    item = get_object_or_404(Poststuk, uuid=uuid)
    authz.require(request.user, authz.CHANGE, item)
    name = ROUTE_FORMS[route][0]
    form = _route_form(route, request.POST)
    if form.is_valid():
        try:
            services.poststuk_route(
                poststuk=item, route=route, door=_medewerker(request), **form.cleaned_data
            )
        except ValidationError as exc:
            if not set(exc.message_dict) & set(form.fields):
                # Handled by a colleague meanwhile: nothing to correct in the form.
                for error in exc.messages:
                    messages.error(request, error)
                return redirect("post:detail", uuid=item.uuid)
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, ROUTE_MESSAGES[route])
            return redirect("post:detail", uuid=item.uuid)
    item = selectors.poststuk_detail(uuid=item.uuid)
    return _detail(request, item, {name: form, "actief_formulier": route}, status=400)


def _download(
    request, bestand, naam: str, content_type: str, object_type: str, item
) -> FileResponse:
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type=object_type,
        object_uuid=item.uuid,
        description=naam,
        partij_uuid=item.partij.uuid if item.partij_id else None,
        reason=POST_VIEW_REASON,
        request=request,
    )
    # Always as a file: an uploaded scan is never shown inline in our origin.
    return FileResponse(
        bestand.open("rb"), as_attachment=True, filename=naam, content_type=content_type
    )


@authz.required(authz.VIEW, "poststuk")
def scan(request, uuid):
    item = get_object_or_404(Poststuk.objects.select_related("partij"), uuid=uuid)
    authz.require(request.user, authz.VIEW, item)
    return _download(
        request, item.scan, item.scan_bestandsnaam, item.scan_formaat, "poststuk-scan", item
    )


@authz.required(authz.ADD, "brief")
def brief_nieuw(request):
    """An outgoing letter; opened from a letter or a zaak, the addressee is filled in."""
    bron = request.POST if request.method == "POST" else request.GET
    poststuk = Poststuk.objects.filter(uuid=bron.get("poststuk") or None).first()
    zaak = zaak_list().filter(uuid=bron.get("zaak") or None).first()
    if zaak is not None and not authz.can(request.user, authz.VIEW_CONTENT, zaak):
        raise PermissionDenied
    if request.method != "POST":
        initial = {}
        if poststuk is not None:
            initial = {
                "partij": poststuk.partij.uuid if poststuk.partij_id else None,
                "onderwerp": _("Uw brief van %(datum)s")
                % {"datum": services.datum_nl(poststuk.datum_ontvangen)},
            }
            zaak = zaak or poststuk.zaak
        elif zaak is not None and zaak.initiator is not None:
            initial = {"partij": zaak.initiator.uuid, "onderwerp": zaak.omschrijving}
        form = BriefForm(initial=initial)
        gekozen = partij_list().filter(uuid=initial.get("partij")).first()
        context = _afzender_context("", gekozen)
        return render(
            request,
            "kanalen/post/brief_nieuw.html",
            {"form": form, "poststuk": poststuk, "zaak": zaak, "doel": "brief", **context},
        )
    form = BriefForm(request.POST)
    context = {
        "poststuk": poststuk,
        "zaak": zaak,
        "doel": "brief",
        **_partij_form_context(request, form),
    }
    if "zoeken" in request.POST:
        form = BriefForm(initial=request.POST.dict())
        return render(request, "kanalen/post/brief_nieuw.html", {"form": form, **context})
    if form.is_valid():
        try:
            brief = services.uitgaande_brief_create(
                partij=form.cleaned_data["partij"],
                onderwerp=form.cleaned_data["onderwerp"],
                tekst=form.cleaned_data["tekst"],
                zaak=zaak,
                poststuk=poststuk,
                door=_medewerker(request),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request, _("De brief %(kenmerk)s is gemaakt.") % {"kenmerk": brief.kenmerk}
            )
            return redirect("post:brief", uuid=brief.uuid)
    return render(request, "kanalen/post/brief_nieuw.html", {"form": form, **context}, status=400)


@authz.required(authz.VIEW, "brief")
def brief(request, uuid):
    item = get_object_or_404(selectors.uitgaande_brief_list(), uuid=uuid)
    authz.require(request.user, authz.VIEW, item)
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="uitgaande-brief",
        object_uuid=item.uuid,
        description=f"{item.kenmerk} {item.partij}",
        partij_uuid=item.partij.uuid,
        reason=POST_VIEW_REASON,
        request=request,
    )
    return render(request, "kanalen/post/brief.html", {"brief": item})


@authz.required(authz.VIEW, "brief")
def brief_pdf(request, uuid):
    item = get_object_or_404(selectors.uitgaande_brief_list(), uuid=uuid)
    authz.require(request.user, authz.VIEW, item)
    return _download(
        request, item.pdf, f"{item.kenmerk}.pdf", "application/pdf", "uitgaande-brief", item
    )
