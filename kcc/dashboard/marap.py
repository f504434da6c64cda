"""The monthly management report (MARAP) as an A4 PDF: the dashboard of one month.

Cover, a summary of every key figure, one page per dashboard section (tiles,
tables, charts drawn as SVG on the server) and one page per channel. The numbers
come from the same section providers as the screen and the exports, so the PDF
always agrees with the dashboard for the same period.
"""

import datetime

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from contacts.models import Kanaal
from kcc.dashboard.charts import svg_chart
from kcc.dashboard.sections import DashboardContext, Sectie, contacts_section, dashboard_sections
from kcc.kpi import KpiFilterForm, periode_for


def month_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    maand = periode_for("maand", today=day)
    return maand.van, maand.tot


def previous_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return month_of(today.replace(day=1) - datetime.timedelta(days=1))


def _form(van: datetime.date, tot: datetime.date, **filters) -> KpiFilterForm:
    form = KpiFilterForm(
        {"periode": "aangepast", "van": van.isoformat(), "tot": tot.isoformat(), **filters}
    )
    if not form.is_valid():
        raise ValueError(form.errors.as_text())
    return form


def _with_charts(section: Sectie) -> dict:
    return {
        "sectie": section,
        "tabellen": [
            {"tabel": tabel, "svg": svg_chart(tabel.grafiek, title=str(tabel.titel))}
            if tabel.grafiek
            else {"tabel": tabel, "svg": ""}
            for tabel in section.tabellen
        ],
    }


def marap_context(*, van: datetime.date, tot: datetime.date) -> dict:
    form = _form(van, tot)
    sections = dashboard_sections(form)
    kanalen = []
    for kanaal, label in Kanaal.choices:
        kanaal_form = _form(van, tot, kanaal=kanaal)
        context = DashboardContext(
            kanaal_form.kpi_periode(), kanaal_form.kpi_filters(), kanaal_form
        )
        kanalen.append({"label": label, "sectie": contacts_section(context)})
    return {
        "organisatie": settings.KCC_ORGANISATION_NAME,
        "van": van,
        "tot": tot,
        "gemaakt_op": timezone.localtime(),
        "secties": [_with_charts(section) for section in sections],
        "kanalen": kanalen,
    }


def marap_pdf(*, van: datetime.date, tot: datetime.date) -> bytes:
    from weasyprint import HTML  # heavy import (pango): only where a PDF is made

    logo = finders.find(settings.KCC_LOGO)
    with translation.override("nl"):
        html = render_to_string(
            "kcc/dashboard/marap.html",
            {**marap_context(van=van, tot=tot), "logo_url": f"file://{logo}" if logo else ""},
        )
    return HTML(string=html).write_pdf()
