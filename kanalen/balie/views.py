"""Counter queue screens: kiosk and display (public), the desk and the floor (staff)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kanalen.afspraken import services as afspraken_services
from kanalen.afspraken.forms import CheckInForm
from kanalen.balie import selectors, services
from kanalen.balie.forms import AfrondenForm, BalieKiesForm, DoorzettenForm
from kanalen.models import Balie, BalieLocatie, Productgroep, Ticket
from kcc import authz


def _locatie(slug: str) -> BalieLocatie:
    return get_object_or_404(BalieLocatie, slug=slug)


def _errors(request, exc: ValidationError) -> None:
    for error in exc.messages:
        messages.error(request, error)


# --- Public: kiosk and display ------------------------------------------------


def kiosk(request, locatie):
    locatie = _locatie(locatie)
    fout = ""
    if request.method == "POST":
        groep = Productgroep.objects.filter(
            locatie=locatie, uuid=request.POST.get("productgroep")
        ).first()
        if groep is None:
            fout = _("Kies een onderwerp.")
        else:
            try:
                ticket = services.ticket_create(productgroep=groep)
            except ValidationError as exc:
                fout = " ".join(exc.messages)
            else:
                return redirect("balie:kiosk-ticket", locatie=locatie.slug, uuid=ticket.uuid)
    opens, closes = selectors.locatie_openingstijden(locatie)
    return render(
        request,
        "kanalen/balie/kiosk.html",
        {
            "locatie": locatie,
            "open": selectors.locatie_is_open(locatie),
            "opent_om": opens,
            "sluit_om": closes,
            "productgroepen": selectors.productgroep_list(locatie=locatie),
            "fout": fout,
        },
        status=400 if fout else 200,
    )


def kiosk_afspraak(request, locatie):
    """Check in for an appointment with the code from the confirmation."""
    locatie = _locatie(locatie)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = afspraken_services.afspraak_check_in(
                locatie=locatie, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error("code", error)
        else:
            return redirect("balie:kiosk-ticket", locatie=locatie.slug, uuid=ticket.uuid)
    return render(
        request,
        "kanalen/balie/kiosk_afspraak.html",
        {"locatie": locatie, "form": form},
        status=400 if form.errors else 200,
    )


def kiosk_ticket(request, locatie, uuid):
    ticket = get_object_or_404(
        Ticket.objects.select_related("locatie", "productgroep"), locatie__slug=locatie, uuid=uuid
    )
    voor_u = Ticket.objects.filter(
        productgroep=ticket.productgroep,
        datum=ticket.datum,
        status=Ticket.Status.WACHTEND,
        aangemaakt_op__lt=ticket.aangemaakt_op,
    ).count()
    return render(request, "kanalen/balie/kiosk_ticket.html", {"ticket": ticket, "voor_u": voor_u})


def scherm(request, locatie):
    """The TV: htmx asks for the list every second."""
    locatie = _locatie(locatie)
    context = {"locatie": locatie, "tickets": selectors.ticket_opgeroepen_list(locatie=locatie)}
    if request.htmx:
        return render(request, "kanalen/balie/partials/scherm_lijst.html", context)
    return render(request, "kanalen/balie/scherm.html", context)


# --- Staff: the desk ------------------------------------------------------------


def _medewerker(request):
    medewerker = getattr(request.user, "medewerker", None)
    if medewerker is None:
        raise PermissionDenied
    return medewerker


@authz.required(authz.CHANGE, "ticket")
def agent(request):
    medewerker = _medewerker(request)
    balies = Balie.objects.select_related("locatie", "medewerker__user")
    if request.method == "POST":
        form = BalieKiesForm(request.POST, balies=balies)
        if form.is_valid():
            try:
                services.balie_take(medewerker=medewerker, balie=form.cleaned_data["balie"])
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(
                    request, _("U zit aan balie %s.") % form.cleaned_data["balie"].nummer
                )
            return redirect("balie:agent")
    balie = balies.filter(medewerker=medewerker).first()
    context = {"medewerker": medewerker, "balie": balie}
    if balie is None:
        context["kies_form"] = BalieKiesForm(balies=balies)
    else:
        ticket = selectors.ticket_actief_for(medewerker=medewerker)
        context.update(
            {
                "ticket": ticket,
                "stand": selectors.wachtrij_stand(locatie=balie.locatie),
                "afronden_form": AfrondenForm(prefix="afronden"),
                "doorzetten_form": _doorzetten_form(balie, None),
            }
        )
    if request.htmx and request.htmx.target == "balie-stand":
        return render(request, "kanalen/balie/partials/stand.html", context)
    return render(request, "kanalen/balie/agent.html", context)


def _doorzetten_form(balie, data):
    return DoorzettenForm(
        data,
        prefix="doorzetten",
        balies=selectors.balie_list(locatie=balie.locatie).exclude(pk=balie.pk),
        productgroepen=selectors.productgroep_list(locatie=balie.locatie),
    )


@require_POST
@authz.required(authz.CHANGE, "ticket")
def verlaten(request):
    services.balie_leave(medewerker=_medewerker(request))
    return redirect("balie:agent")


@require_POST
@authz.required(authz.CHANGE, "ticket")
def volgende(request):
    try:
        ticket = services.ticket_call_next(medewerker=_medewerker(request))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if ticket is None:
            messages.info(request, _("Er wacht niemand voor uw productgroepen."))
        else:
            messages.success(request, _("Ticket %s is opgeroepen.") % ticket.nummer)
    return redirect("balie:agent")


@require_POST
@authz.required(authz.CHANGE, "ticket")
def ticket_actie(request, uuid, actie: str):
    medewerker = _medewerker(request)
    ticket = get_object_or_404(Ticket, uuid=uuid)
    try:
        if actie == "opnieuw":
            ticket = services.ticket_recall(ticket=ticket, medewerker=medewerker)
            messages.success(request, _("Ticket %s is opnieuw opgeroepen.") % ticket.nummer)
        elif actie == "start":
            services.ticket_start(ticket=ticket, medewerker=medewerker)
        elif actie == "no-show":
            ticket = services.ticket_no_show(ticket=ticket, medewerker=medewerker)
            messages.success(request, _("Ticket %s is niet verschenen.") % ticket.nummer)
        elif actie == "doorzetten":
            return _doorzetten(request, ticket, medewerker)
        elif actie == "afronden":
            return _afronden(request, ticket, medewerker)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("balie:agent")


def _doorzetten(request, ticket, medewerker):
    balie = ticket.balie
    form = _doorzetten_form(balie, request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies waarheen u de klant doorzet."))
        return redirect("balie:agent")
    soort, doel = form.cleaned_data["naar"].split(":", 1)
    if soort == "balie":
        naar = {"balie": get_object_or_404(Balie, uuid=doel)}
    else:
        naar = {"productgroep": get_object_or_404(Productgroep, uuid=doel)}
    ticket = services.ticket_transfer(ticket=ticket, medewerker=medewerker, **naar)
    messages.success(request, _("Ticket %s is doorgezet.") % ticket.nummer)
    return redirect("balie:agent")


def _afronden(request, ticket, medewerker):
    form = AfrondenForm(request.POST, prefix="afronden")
    if form.is_valid():
        try:
            ticket = services.ticket_complete(
                ticket=ticket,
                medewerker=medewerker,
                vraag=form.cleaned_data["vraag"],
                antwoord=form.cleaned_data["antwoord"],
                afhandeling=form.cleaned_data["afhandeling"],
                partij=form.cleaned_data["klant"],
            )
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("balie:agent")
        else:
            messages.success(
                request,
                _("Ticket %s is afgerond en als klantcontact geregistreerd.") % ticket.nummer,
            )
            if ticket.partij is not None:
                return redirect("contacts:klantbeeld", uuid=ticket.partij.uuid)
            return redirect("balie:agent")
    balie = ticket.balie
    context = {
        "medewerker": medewerker,
        "balie": balie,
        "ticket": Ticket.objects.select_related("productgroep").get(pk=ticket.pk),
        "stand": selectors.wachtrij_stand(locatie=balie.locatie),
        "afronden_form": form,
        "doorzetten_form": _doorzetten_form(balie, None),
    }
    return render(request, "kanalen/balie/agent.html", context, status=400)


# --- Teamleider: the floor ------------------------------------------------------


@authz.required(authz.VIEW, "rapportage")
def vloer(request, locatie):
    locatie = _locatie(locatie)
    context = {
        "locatie": locatie,
        "open": selectors.locatie_is_open(locatie),
        "stand": selectors.wachtrij_stand(locatie=locatie),
        "bezetting": selectors.balie_bezetting(locatie=locatie),
        "vandaag": selectors.afgehandeld_vandaag(locatie=locatie),
    }
    if request.htmx:
        return render(request, "kanalen/balie/partials/vloer_inhoud.html", context)
    return render(request, "kanalen/balie/vloer.html", context)
