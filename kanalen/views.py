"""Screens of the channel intake."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kanalen import selectors
from kcc.kpi import KpiFilterForm
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

PAGE_SIZE = 50


@login_required
@permission_required("kanalen.view_inkomendeemail", raise_exception=True)
def email_overzicht(request):
    """The e-mails behind a dashboard number (received in the period, open, overdue)."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "kanalen/email_overzicht.html", {"form": form}, status=400)
    periode = form.kpi_periode()
    soort = request.GET.get("soort", "")
    emails = selectors.email_kpi_list(periode=periode, soort=soort).order_by("deadline", "pk")
    page = Paginator(emails, PAGE_SIZE).get_page(request.GET.get("pagina"))
    audit_log_record(
        user=request.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="inkomende_email",
        description=f"Overzicht vanuit het dashboard ({request.GET.urlencode()})",
        request=request,
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "kanalen/email_overzicht.html",
        {
            "form": form,
            "page": page,
            "periode": periode,
            "soort": soort,
            "querystring": params.urlencode(),
            "dashboard_querystring": form.querystring(),
        },
    )
