"""The agent's klantcontact screen and the contactverzoeken work list."""

import uuid as uuid_module
from urllib.parse import urlencode

from django.contrib import messages
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
    vraag_template,
)
from contacts.models import (
    Afhandeling,
    Contactverzoek,
    DigitaalAdres,
    Kanaal,
    Partij,
    Tevredenheidsmeting,
)
from kanalen.afspraken import selectors as afspraken_selectors
from kcc import authz
from kcc import selectors as kcc_selectors
from kcc.dashboard.drilldown import drilldown_record, drilldown_render
from kcc.kpi import KpiFilterForm
from zaken import selectors as zaken_selectors

HISTORIE_PAGE_SIZE = 10
CONTACTVERZOEKEN_PAGE_SIZE = 25
KLANTBEELD_REASON = "Klantbeeld geopend in het klantcontactscherm"
SEARCH_REASON = "Zoekresultaat in het klantcontactscherm"


def _search_context(request) -> dict:
    zoek = ZoekForm(request.GET or None)
    q = request.GET.get("q", "").strip()
    parsed = selectors.search_text_parse(q)
    partijen = selectors.partij_search_results(parsed) if parsed else []
    services.partijen_view_record(
        user=request.user, partijen=partijen, reason=SEARCH_REASON, request=request
    )
    return {"zoek": zoek, "q": q, "parsed": parsed, "partijen": partijen}


@authz.required(authz.BROWSE, "partij")
def klantcontact(request):
    """Search screen; htmx asks for the results partial while the agent types."""
    context = _search_context(request)
    if request.htmx:
        return render(request, "contacts/partials/zoekresultaten.html", context)
    return render(request, "contacts/klantcontact.html", {**context, **_open_contacten(request)})


@authz.required(authz.VIEW, "partij")
def klantbeeld(request, uuid):
    try:
        partij = selectors.partij_klantbeeld(uuid=uuid)
    except Partij.DoesNotExist as exc:
        raise Http404 from exc
    if request.method == "GET" and request.htmx and request.htmx.target in _KLANTBEELD_PARTIALS:
        return _klantbeeld_partial(request, partij)
    return _contact_screen(request, partij)


@authz.required(authz.ADD, "klantcontact")
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
        authz.require(request.user, authz.ADD, "klantcontact")
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

    kan_zoeken = authz.can(request.user, authz.BROWSE, "partij")
    context = {
        **(_search_context(request) if kan_zoeken else {}),
        "kan_zoeken": kan_zoeken,
        "partij": partij,
        "form": form,
        "vragen": vragen,
        "vraag_template": vraag_template(),
        "has_errors": request.method == "POST",
        "kan_registreren": authz.can(request.user, authz.ADD, "klantcontact"),
        **_open_contacten(request, form),
    }
    if partij is not None:
        services.partij_view_record(
            user=request.user, partij=partij, reason=KLANTBEELD_REASON, request=request
        )
        context.update(
            {
                "adres_zichtbaar": not partij.indicatie_geheimhouding
                or authz.can(request.user, authz.VIEW_SECRET_ADDRESS, partij),
                **_historie(request, partij),
                **_zaken(request, partij),
                "contactverzoeken": authz.scope(
                    request.user, authz.VIEW, selectors.contactverzoek_open_list(partij=partij)
                ),
                "afspraken": afspraken_selectors.afspraken_van_partij(partij=partij),
                "niet_bezorgd": kcc_selectors.partij_parked_berichten(partij_uuid=partij.uuid),
            }
        )
    status = 400 if request.method == "POST" else 200
    return render(request, "contacts/klantbeeld.html", context, status=status)


def _historie(request, partij) -> dict:
    """The page of the contact history asked for (?pagina=), paged in SQL."""
    historie = Paginator(
        selectors.KlantcontactHistorie(partij=partij, user=request.user), HISTORIE_PAGE_SIZE
    )
    return {
        "historie": historie.get_page(request.GET.get("pagina")),
        "historie_url": reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}),
    }


def _zaken(request, partij) -> dict:
    """The running zaken; the closed ones only when asked for (?zaken=afgesloten)."""
    afgesloten = None
    if request.GET.get("zaken") == "afgesloten":
        afgesloten = zaken_selectors.zaken_for_partij(
            partij=partij, user=request.user, afgesloten=True
        )
    return {
        "zaken": zaken_selectors.zaken_for_partij(partij=partij, user=request.user),
        "zaken_afgesloten": afgesloten,
        "klantbeeld_url": reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}),
    }


# The parts of the klantbeeld that htmx swaps (by the target's id), and what they need.
_KLANTBEELD_PARTIALS = {
    "historie": ("contacts/partials/historie.html", _historie),
    "zaken-afgesloten": ("contacts/partials/zaken_afgesloten.html", _zaken),
}


def _klantbeeld_partial(request, partij):
    """A swapped part of the klantbeeld: only what it shows is read (and logged)."""
    template, context = _KLANTBEELD_PARTIALS[request.htmx.target]
    services.partij_view_record(
        user=request.user, partij=partij, reason=KLANTBEELD_REASON, request=request
    )
    return render(request, template, context(request, partij))


REGISTER_PURPOSE = "Klantcontact: klant nog niet bekend in KCC"


@require_POST
@authz.required(authz.ADD, "partij")
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
            request=request,
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(reverse("contacts:klantcontact") + "?" + urlencode({"q": q}))
    messages.success(request, _("De klant is opgevraagd en vastgelegd."))
    return redirect("contacts:klantbeeld", uuid=partij.uuid)


@authz.required(authz.VIEW, "contactverzoek")
def contactverzoeken(request):
    """Open contactverzoeken for my afdeling, team and me, nearest deadline first, a page
    at a time (an afdeling of the benchmark metro has 3,069 open); ?q= finds a request
    by the customer's name or the requested action."""
    medewerker = getattr(request.user, "medewerker", None)
    zoek = request.GET.get("q", "").strip()
    page = Paginator(
        selectors.contactverzoek_werkvoorraad(medewerker=medewerker, zoek=zoek),
        CONTACTVERZOEKEN_PAGE_SIZE,
    ).get_page(request.GET.get("pagina"))
    verzoeken = selectors.contactverzoeken_due(
        medewerker=medewerker,
        limit=CONTACTVERZOEKEN_PAGE_SIZE,
        offset=(page.number - 1) * CONTACTVERZOEKEN_PAGE_SIZE,
        zoek=zoek,
    )
    services.contactverzoeken_view_record(
        user=request.user,
        contactverzoeken=verzoeken,
        reason="Werkvoorraad contactverzoeken",
        request=request,
    )
    return render(
        request,
        "contacts/contactverzoeken.html",
        {
            "contactverzoeken": verzoeken,
            "medewerker": medewerker,
            "page": page,
            "q": zoek,
            "querystring": urlencode({"q": zoek}) if zoek else "",
        },
    )


@require_POST
@authz.required(authz.CHANGE, "contactverzoek")
def contactverzoek_actie(request, uuid, actie: str):
    contactverzoek = get_object_or_404(Contactverzoek, uuid=uuid)
    authz.require(request.user, authz.CHANGE, contactverzoek)
    try:
        if actie == "oppakken":
            services.contactverzoek_claim(
                contactverzoek=contactverzoek, medewerker=request.user.medewerker
            )
            messages.success(request, _("U heeft het contactverzoek opgepakt."))
        elif actie == "terug":
            services.contactverzoek_hand_back(
                contactverzoek=contactverzoek,
                medewerker=request.user.medewerker,
                toelichting=request.POST.get("toelichting", ""),
            )
            messages.success(request, _("Het contactverzoek is teruggegeven aan het KCC."))
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
    # Taken on from the werkvoorraad: back to it.
    if request.POST.get("volgende") == "werkvoorraad":
        return redirect("zaken:werkvoorraad")
    return redirect("contacts:contactverzoeken")


# --- Drill-down lists of the dashboard ----------------------------------------


def _ja_nee(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


def _overzicht(request, template: str, queryset, form, record, **context):
    """A drill-down list; `record` logs the rows of the page shown, one line each."""
    return drilldown_render(request, template, queryset, form, record=record, **context)


@authz.required(authz.VIEW, "klantcontact")
def klantcontact_overzicht(request):
    """The klantcontacten behind a dashboard number: same period and filters."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "contacts/klantcontact_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    afhandeling = request.GET.get("afhandeling", "")
    onderwerp = request.GET.get("onderwerp", "")[:200]
    contacten = (
        selectors.klantcontact_kpi_list(
            periode=periode,
            filters=form.kpi_filters(),
            afhandeling=afhandeling if afhandeling in Afhandeling.values else "",
            herhaald=_ja_nee(request.GET.get("herhaald", "")),
            digitaal=_ja_nee(request.GET.get("digitaal", "")),
            onderwerp=onderwerp,
        )
        .select_related("medewerker__user", "partij")
        .order_by("-plaatsgevonden_op", "-pk")
    )
    contacten = authz.scope(request.user, authz.VIEW, contacten)
    return _overzicht(
        request,
        "contacts/klantcontact_overzicht.html",
        contacten,
        form,
        lambda rows, reason: services.klantcontacten_view_record(
            user=request.user, klantcontacten=rows, reason=reason, request=request
        ),
        periode=periode,
        afhandeling=dict(Afhandeling.choices).get(afhandeling, ""),
        vragen_over_onderwerp=selectors.vraag_count_over(contacten=contacten, onderwerp=onderwerp)
        if onderwerp
        else None,
    )


@authz.required(authz.VIEW, "contactverzoek")
def contactverzoek_overzicht(request):
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "contacts/contactverzoek_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    soort = request.GET.get("soort", "")
    verzoeken = (
        selectors.contactverzoek_kpi_list(periode=periode, filters=form.kpi_filters(), soort=soort)
        .select_related("afdeling", "medewerker__user", "klantcontact__partij")
        .order_by("deadline", "pk")
    )
    return _overzicht(
        request,
        "contacts/contactverzoek_overzicht.html",
        verzoeken,
        form,
        lambda rows, reason: services.contactverzoeken_view_record(
            user=request.user, contactverzoeken=rows, reason=reason, request=request
        ),
        periode=periode,
        soort=soort,
    )


@authz.required(authz.VIEW, "rapportage")
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
        drilldown_record(request, "tevredenheidsmeting"),
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
