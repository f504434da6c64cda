"""The dashboard screen and its exports; both read the same filter form."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from kcc import authz
from kcc.dashboard import export
from kcc.dashboard.sections import dashboard_sections
from kcc.kpi import KpiFilterForm


@authz.required(authz.VIEW, "rapportage")
def dashboard(request):
    form = KpiFilterForm(request.GET)
    context = {"form": form, "sections": [], "querystring": ""}
    if form.is_valid():
        context.update(
            sections=dashboard_sections(form),
            periode=form.kpi_periode(),
            querystring=form.querystring(),
        )
    if request.htmx:
        return render(request, "kcc/dashboard/partials/resultaten.html", context)
    return render(request, "kcc/dashboard/dashboard.html", context)


@authz.required(authz.VIEW, "rapportage")
def dashboard_export(request, formaat: str):
    if formaat not in ("csv", "xlsx"):
        raise Http404
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    periode = form.kpi_periode()
    sections = dashboard_sections(form)
    filename = f"kcc-dashboard-{periode.van:%Y%m%d}-{periode.tot:%Y%m%d}.{formaat}"
    if formaat == "csv":
        body, content_type = export.to_csv(sections, periode=periode), "text/csv; charset=utf-8"
    else:
        body, content_type = export.to_xlsx(sections, periode=periode), export.XLSX_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
