"""Appointment screens: booking and managing by the customer (public, no login),
booking and the day's planning by staff."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contacts.selectors import partij_email, partij_list
from kanalen.afspraken import selectors, services
from kanalen.afspraken.forms import ContactgegevensForm
from kanalen.models import Afspraak, BalieLocatie


def _by_uuid(queryset, value):
    try:
        return queryset.filter(uuid=value).first() if value else None
    except ValidationError:  # not a uuid
        return None


def _datum(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _begin(value: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _place(exc: ValidationError, form) -> None:
    """Service errors on the form: contact fields on their field, the rest on top."""
    for key, errors in (exc.message_dict if hasattr(exc, "error_dict") else {}).items():
        for error in errors:
            form.add_error(key if key in form.fields else None, error)
    if not hasattr(exc, "error_dict"):
        for error in exc.messages:
            form.add_error(None, error)


def _steps(data, *, product=None, locatie=None) -> dict:
    """The choices so far (product → location → day → time) from the query or form."""
    producten = selectors.afspraak_producten()
    product = product or _by_uuid(producten, data.get("product"))
    context = {"producten": producten, "product": product}
    if product is None:
        return context
    locaties = selectors.aanbod_locaties(product=product)
    if locatie is None:
        locatie = _by_uuid(locaties, data.get("locatie"))
        if locatie is None and len(locaties) == 1:
            locatie = locaties[0]
    context.update({"locaties": locaties, "locatie": locatie})
    if locatie is None:
        return context
    van, tot = selectors.boekbare_periode()
    dagen = selectors.vrije_dagen(product=product, locatie=locatie, van=van, tot=tot)
    datum = _datum(data.get("datum"))
    context.update(
        {
            "dagen": dagen,
            "datum": datum if datum in dagen else None,
            "tijden": dagen.get(datum, []),
            "gekozen_begin": data.get("begin", ""),
        }
    )
    return context


def _book(request, context, form, **extra) -> Afspraak | None:
    """Book from the posted steps and contact form; None with the errors on the form."""
    begin = _begin(request.POST.get("begin"))
    if context.get("locatie") is None or begin is None:
        form.add_error(None, _("Kies een product, locatie, dag en tijdstip."))
        return None
    if not form.is_valid():
        return None
    try:
        return services.afspraak_book(
            product=context["product"],
            locatie=context["locatie"],
            begin=begin,
            **extra,
            **form.cleaned_data,
        )
    except ValidationError as exc:
        _place(exc, form)
        return None


def boeken(request):
    """Public: choose product, location, day and time, then leave name and e-mail."""
    data = request.POST if request.method == "POST" else request.GET
    context = _steps(data)
    form = ContactgegevensForm(request.POST or None)
    if request.method == "POST":
        afspraak = _book(request, context, form, geboekt_via=Afspraak.GeboektVia.ONLINE)
        if afspraak is not None:
            return redirect(reverse("afspraken:beheer", args=[afspraak.token]) + "?nieuw=1")
        context = _steps(request.POST)
    context.update({"form": form, "actie_url": reverse("afspraken:boeken")})
    status = 400 if request.method == "POST" else 200
    return render(request, "kanalen/afspraken/boeken.html", context, status=status)


def beheer(request, token):
    """Public, by the unguessable link in the e-mail: see, reschedule or cancel."""
    afspraak = selectors.afspraak_by_token(token=token)
    if afspraak is None:
        raise Http404
    fout = ""
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "annuleren":
                services.afspraak_cancel(afspraak=afspraak)
                messages.success(request, _("Uw afspraak is geannuleerd. U krijgt een e-mail."))
            else:
                begin = _begin(request.POST.get("begin"))
                if begin is None:
                    raise ValidationError(_("Kies een nieuw tijdstip."))
                services.afspraak_reschedule(afspraak=afspraak, begin=begin)
                messages.success(request, _("Uw afspraak is verzet. U krijgt een e-mail."))
        except ValidationError as exc:
            fout = " ".join(exc.messages)
        else:
            return redirect("afspraken:beheer", token=token)
    context = {"afspraak": afspraak, "nieuw": "nieuw" in request.GET, "fout": fout}
    if afspraak.status == Afspraak.Status.GEPLAND and afspraak.begin > timezone.now():
        context.update(_steps(request.GET, product=afspraak.product, locatie=afspraak.locatie))
    return render(request, "kanalen/afspraken/beheer.html", context, status=400 if fout else 200)


# --- Staff ----------------------------------------------------------------------


@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def nieuw(request):
    """An agent books for a customer (from the klantbeeld: name and e-mail filled in)."""
    data = request.POST if request.method == "POST" else request.GET
    partij = _by_uuid(partij_list(), data.get("partij"))
    context = _steps(data)
    initial = {}
    if partij is not None:
        initial = {"naam": str(partij), "email": partij_email(partij)}
    form = ContactgegevensForm(request.POST or None, initial=initial)
    if request.method == "POST":
        afspraak = _book(
            request,
            context,
            form,
            partij=partij,
            geboekt_via=Afspraak.GeboektVia.MEDEWERKER,
            geboekt_door=getattr(request.user, "medewerker", None),
        )
        if afspraak is not None:
            messages.success(
                request,
                _("Afspraak %(code)s is gemaakt; de klant krijgt een bevestiging.")
                % {"code": afspraak.code},
            )
            if partij is not None:
                return redirect("contacts:klantbeeld", uuid=partij.uuid)
            return redirect(
                reverse("afspraken:planning")
                + "?"
                + urlencode(
                    {
                        "locatie": afspraak.locatie.slug,
                        "datum": timezone.localtime(afspraak.begin).date(),
                    }
                )
            )
        context = _steps(request.POST)
    context.update(
        {
            "form": form,
            "partij": partij,
            "actie_url": reverse("afspraken:nieuw"),
            "extra": {"partij": partij.uuid} if partij else {},
        }
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "kanalen/afspraken/nieuw.html", context, status=status)


@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def planning(request):
    """The day of a location: capacity per slot (booked, free, no-show) and the list."""
    locaties = BalieLocatie.objects.all()
    locatie = locaties.filter(slug=request.GET.get("locatie")).first() or locaties.first()
    datum = _datum(request.GET.get("datum")) or timezone.localdate()
    context = {
        "locaties": locaties,
        "locatie": locatie,
        "datum": datum,
        "vorige": datum - datetime.timedelta(days=1),
        "volgende": datum + datetime.timedelta(days=1),
        "nu": timezone.now(),
        "slot_minuten": selectors.SLOT_MINUTES,
    }
    if locatie is not None:
        context.update(selectors.capaciteit_overzicht(locatie=locatie, datum=datum))
    return render(request, "kanalen/afspraken/planning.html", context)


@require_POST
@login_required
@permission_required("kcc.use_klantcontact", raise_exception=True)
def actie(request, uuid, actie: str):
    afspraak = get_object_or_404(Afspraak, uuid=uuid)
    try:
        if actie == "no-show":
            services.afspraak_no_show(afspraak=afspraak)
            messages.success(
                request, _("Afspraak %s is als niet verschenen geregistreerd.") % afspraak.code
            )
        else:
            services.afspraak_cancel(afspraak=afspraak)
            messages.success(request, _("Afspraak %s is geannuleerd.") % afspraak.code)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    return redirect(
        reverse("afspraken:planning")
        + "?"
        + urlencode(
            {
                "locatie": afspraak.locatie.slug,
                "datum": timezone.localtime(afspraak.begin).date(),
            }
        )
    )
