"""The dashboard screen, its exports and the monthly reports; all read the same figures."""

import datetime

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts.models import Kanaal
from kcc import authz
from kcc import selectors as kcc_selectors
from kcc.dashboard import export, forecast, selectors, services
from kcc.dashboard.drilldown import drilldown_record, drilldown_render
from kcc.dashboard.sections import dashboard_sections
from kcc.kpi import KpiFilterForm
from kcc.models import Rapport, SlaSoort


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
    if formaat not in export.FORMATEN:
        raise Http404
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    return export.export_response(form, formaat)


def _recent_months(today: datetime.date, count: int = 13) -> list[datetime.date]:
    months, first = [], today.replace(day=1)
    for _month in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return months


@authz.required(authz.VIEW, "rapportage")
def rapporten(request):
    """The kept MARAPs; a POST asks for one month's report (made by Celery)."""
    maanden = _recent_months(timezone.localdate())
    fout = ""
    if request.method == "POST":
        try:
            maand = datetime.date.fromisoformat(request.POST.get("maand", ""))
        except ValueError:
            maand = None
        if maand in maanden:
            services.rapport_request(maand=maand, user=request.user)
            return redirect("dashboard-rapporten")
        fout = _("Kies een maand uit de lijst.")
    lijst = list(selectors.rapport_list()[:50])
    context = {
        "rapporten": lijst,
        "bezig": any(r.status in (Rapport.Status.WACHTRIJ, Rapport.Status.BEZIG) for r in lijst),
        "maanden": maanden,
        "fout": fout,
        "Status": Rapport.Status,
    }
    if request.htmx:
        return render(request, "kcc/dashboard/partials/rapporten_lijst.html", context)
    return render(request, "kcc/dashboard/rapporten.html", context, status=400 if fout else 200)


@authz.required(authz.VIEW, "rapportage")
def rapport_download(request, uuid):
    try:
        rapport = selectors.rapport_detail(uuid=uuid)
    except Rapport.DoesNotExist as missing:
        raise Http404 from missing
    if rapport.status != Rapport.Status.KLAAR:
        raise Http404
    return FileResponse(
        rapport.bestand.open("rb"),
        as_attachment=True,
        filename=f"marap-{rapport.periode_van:%Y-%m}.pdf",
        content_type="application/pdf",
    )


PROGNOSE_KANALEN = [(k, label) for k, label in Kanaal.choices]


@authz.required(authz.VIEW, "rapportage")
def prognose(request):
    """Expected volume for the next four weeks and, for phone and chat, the staffing."""
    kanaal = request.GET.get("kanaal") or Kanaal.TELEFOON
    if kanaal not in Kanaal.values:
        kanaal = Kanaal.TELEFOON
    today = timezone.localdate()
    verwachting = forecast.channel_forecast(kanaal=kanaal, today=today)
    grafiek = {
        "type": "line",
        "labels": [formats.date_format(dag, "D j M") for dag in verwachting.dagen],
        "datasets": [{"label": _("Verwacht aantal contacten"), "data": verwachting.verwacht}],
    }
    context = {
        "kanaal": kanaal,
        "kanaal_label": Kanaal(kanaal).label,
        "kanalen": PROGNOSE_KANALEN,
        "verwachting": verwachting,
        "rijen": list(zip(verwachting.dagen, verwachting.verwacht, strict=True)),
        "totaal": round(sum(verwachting.verwacht)),
        "grafiek": grafiek,
        "bezetting": forecast.staffing(forecast=verwachting, today=today),
    }
    return render(request, "kcc/dashboard/prognose.html", context)


@authz.required(authz.VIEW, "rapportage")
def sla_overzicht(request):
    """The thresholds crossed behind an SLA number: same period, kanaal and afdeling."""
    form = KpiFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "kcc/dashboard/sla_overzicht.html", {"form": form}, status=400)
    periode, filters = form.kpi_periode(), form.kpi_filters()
    soort = request.GET.get("soort", "")
    gebeurtenissen = kcc_selectors.sla_gebeurtenis_list(
        van=periode.start,
        tot=periode.eind,
        soort=soort if soort in SlaSoort.values else None,
        afdeling=filters.afdeling,
        kanaal=filters.kanaal,
    )
    return drilldown_render(
        request,
        "kcc/dashboard/sla_overzicht.html",
        gebeurtenissen,
        form,
        record=drilldown_record(request, "sla_gebeurtenis"),
        periode=periode,
        soort=SlaSoort(soort).label if soort in SlaSoort.values else "",
    )
