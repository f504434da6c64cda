"""The list behind a dashboard number: one page of it, with the dashboard's filters,
and a line in the processing log for what was shown."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.shortcuts import render

from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

PAGE_SIZE = 50


def drilldown_record(request, object_type: str) -> Callable[[list, str], None]:
    """One log line for the page (lists without personal data per row)."""

    def record(rows: list, description: str) -> None:
        audit_log_record(
            user=request.user,
            action=AuditLogEntry.Actie.VIEW,
            object_type=object_type,
            description=description,
            request=request,
        )

    return record


def drilldown_render(
    request, template: str, queryset, form, *, record: Callable[[list, str], None], **context
):
    """`record(rows, description)` logs the rows of the page shown (one line each where
    they hold personal data)."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("pagina"))
    record(page.object_list, f"Overzicht vanuit het dashboard ({request.GET.urlencode()})")
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
