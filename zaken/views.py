"""The werkvoorraad, zaak detail, regie, downloads and the customer's status page."""

import uuid as uuid_module

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogus.models import Zaaktype
from contacts import selectors as contacts_selectors
from contacts import services as contacts_services
from kcc import authz
from kcc.dashboard.drilldown import drilldown_record, drilldown_render
from kcc.kpi import KpiFilterForm
from kcc.models import Afdeling, Medewerker
from kcc.paginator import KnownCountPaginator
from zaken import forms, selectors, services
from zaken.models import Zaak, ZaakDocument

PAGE_SIZE = 50
FILTERS = [
    ("", _("Alle")),
    ("mij", _("Van mij")),
    ("te_laat", _("Te laat")),
    ("deze_week", _("Deze week")),
]


def _medewerker(request):
    return getattr(request.user, "medewerker", None)


def _werkvoorraad_context(request, params) -> dict:
    """The werkvoorraad for the query `params` (GET, or the list a POST came from)."""
    filter_ = params.get("filter", "")
    afdeling = None
    if selectors.can_choose_afdeling(request.user) and params.get("afdeling"):
        afdeling = Afdeling.objects.filter(code=params["afdeling"]).first()
    zaaktype_uuid = _uuids([params.get("zaaktype", "")])
    zaaktype = Zaaktype.objects.filter(uuid=zaaktype_uuid[0]).first() if zaaktype_uuid else None
    voorraad = selectors.werkvoorraad(
        user=request.user,
        afdeling=afdeling,
        zaaktype=zaaktype,
        alleen_mij=filter_ == "mij",
        te_laat=filter_ == "te_laat",
        deze_week=filter_ == "deze_week",
    )
    pagina = KnownCountPaginator(voorraad.zaken, PAGE_SIZE, voorraad.total).get_page(
        params.get("pagina")
    )
    for zaak in pagina:
        zaak.badge = selectors.termijn_badge(zaak)
    # Paging keeps the chosen afdeling, zaaktype and filter.
    pagina_query = params.copy()
    pagina_query.pop("pagina", None)
    medewerker = _medewerker(request)
    contactverzoeken = contacts_selectors.contactverzoeken_due(medewerker=medewerker, limit=20)
    if not request.htmx:  # the swapped table does not show them
        contacts_services.contactverzoeken_view_record(
            user=request.user,
            contactverzoeken=contactverzoeken,
            reason="Werkvoorraad (contactverzoeken)",
            request=request,
        )
    return {
        "pagina": pagina,
        "counts": voorraad.counts,
        "filter": filter_,
        "pagina_query": pagina_query.urlencode(),
        "lijst_query": params.urlencode(),
        "filters": [(key, label, voorraad.counts.get(key or "alle", 0)) for key, label in FILTERS],
        "afdeling": Afdeling.objects.filter(pk=voorraad.afdeling_id).first(),
        # Only the afdeling's own medewerkers can take a zaak on.
        "eigen_afdeling": getattr(medewerker, "afdeling_id", None) == voorraad.afdeling_id,
        "afdelingen": Afdeling.objects.filter(actief=True)
        if selectors.can_choose_afdeling(request.user)
        else [],
        "zaaktypen": Zaaktype.objects.order_by("omschrijving"),
        "zaaktype": zaaktype,
        # Only what the list shows: joining all the selector's relations cost ~20 ms
        # of planning per page (EXPLAIN on the benchmark city).
        "contactverzoeken": contactverzoeken,
        "medewerkers": Medewerker.objects.filter(afdeling_id=voorraad.afdeling_id).select_related(
            "user"
        ),
    }


def _werkvoorraad_lijst(request, params, status=200):
    """The swapped part of the werkvoorraad after an htmx action on it."""
    context = _werkvoorraad_context(request, params)
    return render(request, "zaken/partials/werkvoorraad_tabel.html", context, status=status)


def _lijst_params(request) -> QueryDict:
    return QueryDict(request.POST.get("query", ""))


@authz.required(authz.BROWSE, "zaak")
def werkvoorraad(request):
    """Open zaken of my afdeling (nearest deadline first) and its contactverzoeken."""
    if request.htmx:
        return _werkvoorraad_lijst(request, request.GET)
    return render(request, "zaken/werkvoorraad.html", _werkvoorraad_context(request, request.GET))


@authz.required(authz.VIEW, "zaak")
def regie(request):
    """The KCC's overview of multi-part applications and the progress of their parts."""
    return render(request, "zaken/regie.html", {"hoofdzaken": selectors.hoofdzaken_regie()[:100]})


def _forms(zaak, data=None, files=None, bound: str = ""):
    def make(name, cls, **kwargs):
        return cls(data if bound == name else None, files if bound == name else None, **kwargs)

    return {
        "status_form": make("status", forms.StatusForm, zaak=zaak),
        "opschorten_form": make("opschorten", forms.OpschortenForm),
        "verlengen_form": make("verlengen", forms.VerlengenForm),
        "notitie_form": make("notitie", forms.NotitieForm),
        "terug_form": make("terug", forms.TerugForm),
        "toewijzen_form": make("toewijzen", forms.ToewijzenForm, zaak=zaak),
        "document_form": make("document", forms.DocumentForm),
    }


@authz.required(authz.VIEW, "zaak")
def zaak_detail(request, uuid):
    zaak = get_object_or_404(selectors.zaak_list(), uuid=uuid)
    services.zaak_view_record(
        user=request.user, zaak=zaak, reason="Zaakdetail geopend", request=request
    )
    if not authz.can(request.user, authz.VIEW_CONTENT, zaak):
        regel = selectors.ZaakRegel(zaak, False)
        return render(request, "zaken/zaak_beperkt.html", {"regel": regel}, status=200)
    return _detail(request, zaak, _forms(zaak))


def _detail(request, zaak, context_forms, status=200):
    zaak.badge = selectors.termijn_badge(zaak)
    context = {
        "zaak": zaak,
        "timeline": selectors.zaak_timeline(zaak=zaak),
        "deelzaken": zaak.deelzaken.select_related("behandelende_afdeling", "status__statustype"),
        "kan_wijzigen": authz.can(request.user, authz.CHANGE, zaak),
        "kan_toewijzen": authz.can(request.user, authz.ASSIGN, zaak),
        **context_forms,
    }
    return render(request, "zaken/zaak_detail.html", context, status=status)


_ACTIONS = {
    "status": lambda zaak, door, d: services.zaak_status_set(
        zaak=zaak,
        door=door,
        statustype=d["statustype"],
        statustoelichting=d["statustoelichting"],
        resultaattype=d["resultaattype"],
    ),
    "opschorten": lambda zaak, door, d: services.zaak_opschorten(
        zaak=zaak, door=door, reden=d["reden"]
    ),
    "hervatten": lambda zaak, door, d: services.zaak_hervatten(zaak=zaak, door=door),
    "verlengen": lambda zaak, door, d: services.zaak_verlengen(zaak=zaak, door=door, **d),
    "notitie": lambda zaak, door, d: services.zaak_notitie_add(zaak=zaak, door=door, **d),
    "terug": lambda zaak, door, d: services.zaak_hand_back(zaak=zaak, door=door, **d),
    "document": lambda zaak, door, d: services.zaak_document_add(zaak=zaak, door=door, **d),
    "oppakken": lambda zaak, door, d: services.zaak_claim(zaak=zaak, medewerker=door),
    "toewijzen": lambda zaak, door, d: services.zaak_assign(zaak=zaak, door=door, **d),
}
_FORMS = {
    "status": forms.StatusForm,
    "opschorten": forms.OpschortenForm,
    "verlengen": forms.VerlengenForm,
    "notitie": forms.NotitieForm,
    "terug": forms.TerugForm,
    "document": forms.DocumentForm,
    "toewijzen": forms.ToewijzenForm,
}
_DONE = {
    "status": _("De status is gezet."),
    "opschorten": _("De zaak is opgeschort."),
    "hervatten": _("De zaak is hervat; de termijnen zijn verschoven."),
    "verlengen": _("De termijn is verlengd."),
    "notitie": _("De notitie is toegevoegd."),
    "terug": _("De zaak is teruggegeven aan het KCC."),
    "document": _("Het document is toegevoegd."),
    "oppakken": _("U heeft de zaak opgepakt."),
    "toewijzen": _("De zaak is toegewezen."),
}
# Giving a zaak to someone else is the teamleider's; taking it on is every behandelaar's.
_PERMISSIONS = {"toewijzen": "zaken.bulk_reassign_zaak"}


@require_POST
@authz.required(authz.CHANGE, "zaak")
def zaak_actie(request, uuid, actie: str):
    if actie not in _ACTIONS:
        raise Http404
    if actie in _PERMISSIONS and not request.user.has_perm(_PERMISSIONS[actie]):
        raise PermissionDenied
    zaak = get_object_or_404(selectors.zaak_list(), uuid=uuid)
    authz.require(request.user, authz.CHANGE, zaak)
    if actie == "oppakken" and _medewerker(request) is None:
        raise PermissionDenied
    # Taking a zaak on from the list: answer with the list, not the detail page.
    in_lijst = request.htmx and request.POST.get("volgende") == "werkvoorraad"
    context_forms = _forms(zaak, request.POST, request.FILES, bound=actie)
    data = {}
    if actie in _FORMS:
        form = context_forms[f"{actie}_form"]
        if not form.is_valid():
            messages.error(request, _("Niet opgeslagen: verbeter de gemarkeerde velden."))
            return _detail(request, zaak, context_forms, status=400)
        data = form.cleaned_data
    try:
        _ACTIONS[actie](zaak, _medewerker(request), data)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        if in_lijst:
            return _werkvoorraad_lijst(request, _lijst_params(request), status=400)
        return _detail(request, zaak, context_forms, status=400)
    messages.success(request, _DONE[actie])
    if in_lijst:
        return _werkvoorraad_lijst(request, _lijst_params(request))
    if request.POST.get("volgende") == "werkvoorraad":
        return redirect("zaken:werkvoorraad")
    return redirect("zaken:zaak", uuid=zaak.uuid)


@require_POST
@authz.required(authz.ASSIGN, "zaak")
def bulk_toewijzen(request):
    """The teamleider gives the selected zaken to one behandelaar: all or none."""
    behandelaar = Medewerker.objects.filter(uuid=request.POST.get("behandelaar") or None).first()
    zaken = list(
        authz.scope(
            request.user,
            authz.CHANGE,
            Zaak.objects.filter(uuid__in=_uuids(request.POST.getlist("zaken"))),
        )
    )
    status = 400
    if not zaken:
        messages.error(request, _("Kies ten minste één zaak."))
    elif behandelaar is None:
        messages.error(request, _("Kies een medewerker om de zaken aan toe te wijzen."))
    else:
        try:
            aantal = services.zaken_bulk_reassign(
                zaken=zaken, behandelaar=behandelaar, door=_medewerker(request)
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            status = 200
            messages.success(
                request,
                _("%(aantal)s zaken toegewezen aan %(naam)s.")
                % {"aantal": aantal, "naam": behandelaar},
            )
    if request.htmx:
        return _werkvoorraad_lijst(request, _lijst_params(request), status=status)
    return redirect(reverse("zaken:werkvoorraad") + "?" + request.POST.get("query", ""))


def _uuids(values: list[str]) -> list[uuid_module.UUID]:
    """The well-formed uuids among posted values (a tampered value selects nothing)."""
    parsed = []
    for value in values:
        try:
            parsed.append(uuid_module.UUID(value))
        except ValueError:
            continue
    return parsed


@authz.required(authz.VIEW, "document")
def document(request, uuid):
    document = get_object_or_404(ZaakDocument.objects.select_related("zaak"), uuid=uuid)
    authz.require(request.user, authz.VIEW, document)
    services.zaak_view_record(
        user=request.user,
        zaak=document.zaak,
        reason=f"Document {document.titel} geopend",
        request=request,
    )
    return FileResponse(
        document.bestand.open("rb"), content_type=document.formaat, filename=document.bestandsnaam
    )


@authz.required(authz.VIEW_CONTENT, "zaak")
def ontvangstbevestiging(request, uuid):
    zaak = get_object_or_404(Zaak, uuid=uuid)
    authz.require(request.user, authz.VIEW_CONTENT, zaak)
    services.zaak_view_record(
        user=request.user, zaak=zaak, reason="Ontvangstbevestiging geopend", request=request
    )
    zaak = services.zaak_ontvangstbevestiging_store(zaak=zaak)
    return FileResponse(
        zaak.ontvangstbevestiging.open("rb"),
        content_type="application/pdf",
        filename=f"ontvangstbevestiging-{zaak.identificatie}.pdf",
    )


def _rate_limited(request) -> bool:
    key = f"zaak-statuspagina:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=60)
    return cache.incr(key) > settings.KCC_ZAAK_STATUSPAGINA_PER_MINUUT


def statuspagina(request, token):
    """Public: product, current customer-facing status, informing statuses, expected date."""
    if _rate_limited(request):
        return HttpResponse(
            _("Te veel verzoeken. Probeer het over een minuut opnieuw."), status=429
        )
    zaak = selectors.zaak_by_token(token=token)
    if zaak is None:
        raise Http404
    statussen = list(selectors.klant_statussen(zaak=zaak))
    return render(
        request,
        "zaken/statuspagina.html",
        {
            "zaak": zaak,
            "statussen": statussen,
            "huidig": statussen[-1] if statussen else None,
            "product": zaak.product.naam if zaak.product else zaak.zaaktype.omschrijving,
        },
    )


@authz.required(authz.VIEW, "rapportage")
def zaak_overzicht(request):
    """The zaken behind a dashboard number: same period and filters."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "zaken/zaak_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    soort = request.GET.get("soort", "")
    zaken = selectors.zaak_kpi_drilldown(
        periode=periode,
        filters=form.kpi_filters(),
        soort=soort,
        leeftijd=request.GET.get("leeftijd", ""),
    )
    return drilldown_render(
        request,
        "zaken/zaak_overzicht.html",
        zaken,
        form,
        record=drilldown_record(request, "zaak"),
        periode=periode,
        soort=soort,
    )
