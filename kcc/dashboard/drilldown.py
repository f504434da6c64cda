"""The list behind a dashboard number: one page of it, with the dashboard's filters."""

from django.core.paginator import Paginator
from django.shortcuts import render

from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

PAGE_SIZE = 50


def drilldown_render(request, template: str, queryset, form, object_type: str, **context):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))
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
