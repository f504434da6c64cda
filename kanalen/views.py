"""The agents' e-mail work queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogus.selectors import kennisartikel_list, kennisbank_search
from kanalen import selectors, services
from kanalen.email.parser import html_to_text
from kanalen.forms import AntwoordForm, DoorsturenForm, EmailFilterForm, SluitenForm, ZaakForm
from kanalen.models import EmailBijlage, InkomendeEmail
from kcc import authz
from kcc.dashboard.drilldown import drilldown_render
from kcc.kpi import KpiFilterForm
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

EMAIL_VIEW_REASON = "E-mail geopend in de e-mailwerkvoorraad"


@authz.required(authz.VIEW, "email")
def email_lijst(request):
    """Open items nearest deadline first; htmx swaps the list when the filter changes."""
    filter_form = EmailFilterForm(request.GET or None)
    items = list(selectors.email_queue(status=filter_form.status_value())[:200])
    services.inkomende_emails_view_record(
        user=request.user, emails=items, reason="E-mailwerkvoorraad", request=request
    )
    for item in items:
        item.urgentie = selectors.deadline_urgency(item.deadline)
    context = {"filter_form": filter_form, "items": items}
    if request.htmx:
        return render(request, "kanalen/partials/email_lijst.html", context)
    return render(request, "kanalen/email_lijst.html", context)


def _detail(request, item: InkomendeEmail, forms: dict | None = None, status: int = 200):
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="inkomende-email",
        object_uuid=item.uuid,
        description=f"{item.referentie} {item.afzender_email}",
        partij_uuid=item.partij.uuid if item.partij else None,
        reason=EMAIL_VIEW_REASON,
        request=request,
    )
    medewerker = getattr(request.user, "medewerker", None)
    context = {
        "item": item,
        "thread": selectors.email_thread(item=item),
        "urgentie": selectors.deadline_urgency(item.deadline),
        "is_open": item.status in services.OPEN_STATUSES,
        "door_ander_opgepakt": item.behandelaar_id
        and medewerker is not None
        and item.behandelaar_id != medewerker.pk,
        "antwoord_form": AntwoordForm(),
        "doorsturen_form": DoorsturenForm(),
        "sluiten_form": SluitenForm(),
        "zaak_form": ZaakForm(),
        **(forms or {}),
    }
    return render(request, "kanalen/email_detail.html", context, status=status)


@authz.required(authz.VIEW, "email")
def email_detail(request, uuid):
    try:
        item = selectors.email_detail(uuid=uuid)
    except InkomendeEmail.DoesNotExist:
        raise Http404 from None
    return _detail(request, item)


@require_POST
@authz.required(authz.CHANGE, "email")
def email_actie(request, uuid, actie: str):
    item = get_object_or_404(InkomendeEmail, uuid=uuid)
    medewerker = getattr(request.user, "medewerker", None)
    if medewerker is None:
        raise PermissionDenied  # only a medewerker can claim or answer

    forms_by_action = {
        "beantwoorden": ("antwoord_form", AntwoordForm),
        "doorsturen": ("doorsturen_form", DoorsturenForm),
        "sluiten": ("sluiten_form", SluitenForm),
        "zaak": ("zaak_form", ZaakForm),
    }
    form = None
    if actie in forms_by_action:
        name, form_class = forms_by_action[actie]
        form = form_class(request.POST)
    try:
        if actie == "oppakken":
            services.inkomende_email_claim(email=item, medewerker=medewerker)
            messages.success(request, _("U heeft deze e-mail opgepakt."))
            return redirect("kanalen:email-detail", uuid=item.uuid)
        if actie == "vrijgeven":
            services.inkomende_email_release(email=item, medewerker=medewerker)
            messages.success(request, _("De e-mail staat weer in de werkvoorraad."))
            return redirect("kanalen:email-detail", uuid=item.uuid)
        if form.is_valid():
            if actie == "beantwoorden":
                services.inkomende_email_answer(
                    email=item, medewerker=medewerker, tekst=form.cleaned_data["tekst"]
                )
                messages.success(request, _("Het antwoord wordt verstuurd."))
            elif actie == "doorsturen":
                services.inkomende_email_forward(
                    email=item,
                    medewerker=medewerker,
                    afdeling=form.cleaned_data["afdeling"],
                    toelichting=form.cleaned_data["toelichting"],
                )
                messages.success(request, _("De e-mail is doorgestuurd naar de afdeling."))
            elif actie == "zaak":
                item = services.inkomende_email_to_zaak(
                    email=item,
                    medewerker=medewerker,
                    product=form.cleaned_data["product"],
                    toelichting=form.cleaned_data["toelichting"],
                )
                messages.success(request, item.afhandeling_toelichting)
            else:
                services.inkomende_email_close(
                    email=item, medewerker=medewerker, reden=form.cleaned_data["reden"]
                )
                messages.success(request, _("De e-mail is gesloten."))
            return redirect("kanalen:email-lijst")
    except ValidationError as exc:
        if form is None or not set(exc.message_dict) & set(form.fields):
            # Handled or claimed by a colleague meanwhile: nothing to correct in the form.
            for error in exc.messages:
                messages.error(request, error)
            return redirect("kanalen:email-detail", uuid=item.uuid)
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    item = selectors.email_detail(uuid=item.uuid)
    return _detail(request, item, {name: form, "actief_formulier": actie}, status=400)


@authz.required(authz.VIEW, "email")
def bijlage(request, uuid):
    """Download an attachment; always as a file, never shown inline in our origin."""
    bijlage = get_object_or_404(EmailBijlage.objects.select_related("email__partij"), uuid=uuid)
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="email-bijlage",
        object_uuid=bijlage.uuid,
        description=f"{bijlage.email.referentie} {bijlage.bestandsnaam}",
        partij_uuid=bijlage.email.partij.uuid if bijlage.email.partij_id else None,
        reason=EMAIL_VIEW_REASON,
        request=request,
    )
    return FileResponse(
        bijlage.bestand.open("rb"),
        as_attachment=True,
        filename=bijlage.bestandsnaam,
        content_type=bijlage.content_type or "application/octet-stream",
    )


@login_required
@permission_required("kcc.view_kennisbank", raise_exception=True)
def kennisbank_fragmenten(request):
    """Published articles for the answer form: their text can be inserted."""
    q = request.GET.get("q", "").strip()
    hits = [hit for hit in kennisbank_search(query=q, limit=5) if hit.soort != "product"]
    artikelen = {
        str(a.uuid): a
        for a in kennisartikel_list(gepubliceerd_only=True).filter(uuid__in=[h.uuid for h in hits])
    }
    fragmenten = [
        {
            "titel": artikelen[h.uuid].titel,
            "tekst": "\n\n".join(
                filter(
                    None, [artikelen[h.uuid].samenvatting, html_to_text(artikelen[h.uuid].inhoud)]
                )
            ).strip(),
        }
        for h in hits
        if h.uuid in artikelen
    ]
    return render(
        request, "kanalen/partials/kennisbank_fragmenten.html", {"q": q, "fragmenten": fragmenten}
    )


@authz.required(authz.VIEW, "email")
def email_overzicht(request):
    """The e-mails behind a dashboard number (received in the period, open, overdue)."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "kanalen/email_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    soort = request.GET.get("soort", "")
    emails = selectors.email_kpi_list(periode=periode, soort=soort).order_by("deadline", "pk")

    def record(rows, reason: str) -> None:
        services.inkomende_emails_view_record(
            user=request.user, emails=rows, reason=reason, request=request
        )

    return drilldown_render(
        request,
        "kanalen/email_overzicht.html",
        emails.select_related("partij"),
        form,
        record=record,
        periode=periode,
        soort=soort,
    )
