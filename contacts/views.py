"""The agent's klantcontact screen and the contactverzoeken work list."""

import uuid as uuid_module
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contacts import selectors, services
from contacts.forms import (
    KlantcontactForm,
    TevredenheidForm,
    VraagForm,
    VraagFormSet,
    ZoekForm,
    concept_forms,
)
from contacts.models import Afhandeling, Contactverzoek, DigitaalAdres, Kanaal, Tevredenheidsmeting
from kcc.kpi import KpiFilterForm
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record
from zaken import selectors as zaken_selectors

HISTORIE_PAGE_SIZE = 10
KLANTBEELD_REASON = "Klantbeeld geopend in het klantcontactscherm"


def _search_context(request) -> dict:
    zoek = ZoekForm(request.GET or None)
    q = request.GET.get("q", "").strip()
    parsed = selectors.search_text_parse(q)
    partijen = selectors.partij_search_text(q)[: selectors.SEARCH_LIMIT] if parsed else []
    return {"zoek": zoek, "q": q, "parsed": parsed, "partijen": partijen}


@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def klantcontact(request):
    """Search screen; htmx asks for the results partial while the agent types."""
    context = _search_context(request)
    if request.htmx:
        return render(request, "contacts/partials/zoekresultaten.html", context)
    return render(request, "contacts/klantcontact.html", {**context, **_open_contacten(request)})


@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def klantbeeld(request, uuid):
    partij = get_object_or_404(selectors.partij_list(), uuid=uuid)
    return _contact_screen(request, partij)


@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def anoniem(request):
    return _contact_screen(request, None)


def _place_errors(exc: ValidationError, form: KlantcontactForm, vragen: list[VraagForm]) -> None:
    """Put the service's 'vragen.<n>.<field>' errors on the right form field."""
    for key, errors in exc.message_dict.items():
        parts = key.split(".")
        if parts[0] == "vragen" and len(parts) > 2:
            vraag_form = vragen[int(parts[1])]
            name = ".".join(parts[2:])
            field = VraagForm.SERVICE_FIELDS.get(name, name)
            for error in errors:
                vraag_form.add_error(field if field in vraag_form.fields else None, error)
        else:
            for error in errors:
                form.add_error(key if key in form.fields else None, error)


def _concept(request, partij):
    """The open contact named in ?concept=, when it is this agent's and this partij's."""
    try:
        formulier_id = uuid_module.UUID(request.GET.get("concept", ""))
    except ValueError:
        return None
    concept = selectors.klantcontact_concept_get(user=request.user, uuid=formulier_id)
    if concept is None or concept.partij_id != (partij.pk if partij else None):
        return None
    return concept


def _open_contacten(request, form=None) -> dict:
    """The switcher between the agent's open contacts."""
    huidig = str(form["formulier_id"].value() or "") if form is not None else ""
    concepten = list(selectors.klantcontact_concept_list(user=request.user))
    return {
        "open_contacten": concepten,
        "huidig_contact": huidig,
        # This contact has nothing kept yet: shown, but not a link.
        "huidig_nieuw": bool(huidig) and all(str(c.uuid) != huidig for c in concepten),
    }


def _concept_actie(request, partij, actie: str):
    """Open contacts: `concept` is the autosave (204), `parkeren` keeps the contact open
    and goes to the search for the next one (works without JavaScript), `annuleren`
    closes it without saving."""
    try:
        formulier_id = uuid_module.UUID(request.POST.get("formulier_id", ""))
    except ValueError:
        return HttpResponse(_("Onbekend contactformulier."), status=400)
    if actie == "annuleren":
        services.klantcontact_concept_delete(user=request.user, uuid=formulier_id)
        messages.success(request, _("Het contact is gesloten zonder op te slaan."))
        return redirect("contacts:klantcontact")
    try:
        services.klantcontact_concept_save(
            user=request.user, uuid=formulier_id, partij=partij, gegevens=dict(request.POST.lists())
        )
    except ValidationError as exc:
        raise PermissionDenied from exc
    if actie == "parkeren":
        messages.success(request, _("Het contact staat open; u vindt het onder Open contacten."))
        return redirect("contacts:klantcontact")
    return HttpResponse(status=204)


def _contact_screen(request, partij):
    if request.method == "POST":
        if not request.user.has_perm("contacts.add_klantcontact"):
            raise PermissionDenied
        actie = request.POST.get("actie", "")
        if actie in ("concept", "parkeren", "annuleren"):
            return _concept_actie(request, partij, actie)
        form = KlantcontactForm(request.POST)
        vragen = VraagFormSet(request.POST, prefix="vragen")
        if form.is_valid() and vragen.is_valid():
            # A question added but left untouched is not a question.
            used = [f for i, f in enumerate(vragen) if i == 0 or f.has_changed()]
            try:
                services.klantcontact_register(
                    medewerker=getattr(request.user, "medewerker", None),
                    partij=partij,
                    kanaal=form.cleaned_data["kanaal"],
                    vragen=[vraag_form.vraag_data() for vraag_form in used],
                    uuid=form.cleaned_data["formulier_id"],
                )
            except ValidationError as exc:
                _place_errors(exc, form, used)
            else:
                messages.success(request, _("Het contact is geregistreerd."))
                if partij is None:
                    return redirect("contacts:klantcontact")
                return redirect("contacts:klantbeeld", uuid=partij.uuid)
    elif concept := _concept(request, partij):
        form, vragen = concept_forms(gegevens=concept.gegevens, formulier_id=concept.uuid)
    else:
        form = KlantcontactForm(initial={"formulier_id": uuid_module.uuid4()})
        telefoon = ""
        if partij is not None:
            telefoon = next(
                (
                    d.adres
                    for d in partij.digitale_adressen.all()
                    if d.soort == DigitaalAdres.Soort.TELEFOON
                ),
                "",
            )
        vragen = VraagFormSet(prefix="vragen", initial=[{"cv_terugbelnummer": telefoon}])

    context = {
        **_search_context(request),
        "partij": partij,
        "form": form,
        "vragen": vragen,
        "has_errors": request.method == "POST",
        **_open_contacten(request, form),
    }
    if partij is not None:
        services.partij_view_record(
            user=request.user, partij=partij, reason=KLANTBEELD_REASON, request=request
        )
        historie = Paginator(selectors.klantcontact_list(partij=partij), HISTORIE_PAGE_SIZE)
        context.update(
            {
                "adres_zichtbaar": not partij.indicatie_geheimhouding
                or selectors.can_see_secret_address(request.user),
                "historie": historie.get_page(request.GET.get("pagina")),
                "contactverzoeken": selectors.contactverzoek_open_list(partij=partij),
                "zaken": zaken_selectors.zaken_for_partij(partij=partij, user=request.user),
                "historie_url": reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}),
            }
        )
        if request.htmx and request.htmx.target == "historie":
            return render(request, "contacts/partials/historie.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "contacts/klantbeeld.html", context, status=status)


REGISTER_PURPOSE = "Klantcontact: klant nog niet bekend in KCC"


@require_POST
@login_required
@permission_required("contacts.add_partij", raise_exception=True)
def register_opvragen(request):
    """Look the typed BSN or KvK number up in the base register and record the partij."""
    q = request.POST.get("q", "")
    parsed = selectors.search_text_parse(q)
    if parsed is None or parsed.soort not in ("bsn", "kvk"):
        messages.error(request, _("Vul een BSN of KvK-nummer in om op te vragen."))
        return redirect(reverse("contacts:klantcontact") + "?" + urlencode({"q": q}))
    try:
        partij = services.partij_import_from_register(
            user=request.user,
            purpose=REGISTER_PURPOSE,
            bsn=parsed.criteria.get("bsn", ""),
            kvk_nummer=parsed.criteria.get("kvk", ""),
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(reverse("contacts:klantcontact") + "?" + urlencode({"q": q}))
    messages.success(request, _("De klant is opgevraagd en vastgelegd."))
    return redirect("contacts:klantbeeld", uuid=partij.uuid)


@login_required
@permission_required("contacts.view_contactverzoek", raise_exception=True)
def contactverzoeken(request):
    """Open contactverzoeken for my afdeling, team and me, nearest deadline first."""
    medewerker = getattr(request.user, "medewerker", None)
    verzoeken = selectors.contactverzoek_werkvoorraad(medewerker=medewerker)
    return render(
        request,
        "contacts/contactverzoeken.html",
        {"contactverzoeken": verzoeken, "medewerker": medewerker},
    )


@require_POST
@login_required
@permission_required("contacts.change_contactverzoek", raise_exception=True)
def contactverzoek_actie(request, uuid, actie: str):
    contactverzoek = get_object_or_404(Contactverzoek, uuid=uuid)
    try:
        if actie == "oppakken":
            services.contactverzoek_claim(
                contactverzoek=contactverzoek, medewerker=request.user.medewerker
            )
            messages.success(request, _("U heeft het contactverzoek opgepakt."))
        else:
            services.contactverzoek_complete(
                contactverzoek=contactverzoek,
                medewerker=request.user.medewerker,
                toelichting=request.POST.get("toelichting", ""),
            )
            messages.success(request, _("Het contactverzoek is afgehandeld."))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return redirect("contacts:contactverzoeken")


# --- Drill-down lists of the dashboard ----------------------------------------

OVERZICHT_PAGE_SIZE = 50


def _ja_nee(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


def _overzicht(request, template: str, queryset, form, object_type: str, **context):
    page = Paginator(queryset, OVERZICHT_PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type=object_type,
        description=f"Overzicht vanuit het dashboard ({request.GET.urlencode()})",
        request=request,
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "querystring": params.urlencode(),
            "dashboard_querystring": form.querystring() if form.is_bound else "",
            **context,
        },
    )


@login_required
@permission_required("contacts.view_klantcontact", raise_exception=True)
def klantcontact_overzicht(request):
    """The klantcontacten behind a dashboard number: same period and filters."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "contacts/klantcontact_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    afhandeling = request.GET.get("afhandeling", "")
    contacten = (
        selectors.klantcontact_kpi_list(
            periode=periode,
            filters=form.kpi_filters(),
            afhandeling=afhandeling if afhandeling in Afhandeling.values else "",
            herhaald=_ja_nee(request.GET.get("herhaald", "")),
            digitaal=_ja_nee(request.GET.get("digitaal", "")),
            onderwerp=request.GET.get("onderwerp", "")[:200],
        )
        .select_related("medewerker__user")
        .order_by("-plaatsgevonden_op", "-pk")
    )
    return _overzicht(
        request,
        "contacts/klantcontact_overzicht.html",
        contacten,
        form,
        "klantcontact",
        periode=periode,
        afhandeling=dict(Afhandeling.choices).get(afhandeling, ""),
    )


@login_required
@permission_required("contacts.view_contactverzoek", raise_exception=True)
def contactverzoek_overzicht(request):
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "contacts/contactverzoek_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    soort = request.GET.get("soort", "")
    verzoeken = (
        selectors.contactverzoek_kpi_list(periode=periode, filters=form.kpi_filters(), soort=soort)
        .select_related("afdeling", "medewerker__user")
        .order_by("deadline", "pk")
    )
    return _overzicht(
        request,
        "contacts/contactverzoek_overzicht.html",
        verzoeken,
        form,
        "contactverzoek",
        periode=periode,
        soort=soort,
    )


@login_required
@permission_required("contacts.view_klantcontact", raise_exception=True)
def tevredenheid_overzicht(request):
    """The survey answers behind a dashboard number: same period and filters."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "contacts/tevredenheid_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    score = request.GET.get("score", "")
    metingen = (
        selectors.tevredenheid_kpi_list(
            periode=periode,
            filters=form.kpi_filters(),
            score=int(score) if score in {"1", "2", "3", "4", "5"} else None,
            beantwoord=_ja_nee(request.GET.get("beantwoord", "")),
        )
        .select_related("klantcontact__medewerker__user", "partij")
        .order_by("-klantcontact__plaatsgevonden_op", "-pk")
    )
    return _overzicht(
        request,
        "contacts/tevredenheid_overzicht.html",
        metingen,
        form,
        "tevredenheidsmeting",
        periode=periode,
        score=score,
    )


def tevredenheid(request, token):
    """Public (no login): the customer answers the one question, once."""
    meting = selectors.tevredenheidsmeting_by_token(token=token)
    if meting is None:
        raise Http404
    context = {"meting": meting, "kanaal": Kanaal(meting.klantcontact.kanaal).label}
    if meting.beantwoord_op is not None:
        status = 409 if request.method == "POST" else 200
        return render(request, "contacts/tevredenheid_bedankt.html", context, status=status)
    form = TevredenheidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tevredenheidsmeting_answer(
                token=token,
                score=form.cleaned_data["score"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except services.AlBeantwoord:
            return render(request, "contacts/tevredenheid_bedankt.html", context, status=409)
        except Tevredenheidsmeting.DoesNotExist as missing:
            raise Http404 from missing
        return redirect("tevredenheid", token=token)
    status = 400 if request.method == "POST" else 200
    return render(request, "contacts/tevredenheid.html", {**context, "form": form}, status=status)
