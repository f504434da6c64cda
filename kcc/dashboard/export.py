"""CSV and XLSX of every dashboard table; the tiles of a section form its first table."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kcc.dashboard.sections import Cel, Sectie, Tabel, dashboard_sections
from kcc.kpi import KpiFilterForm, Periode

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = ("csv", "xlsx")


def export_tables(sections: list[Sectie]) -> list[tuple[Sectie, Tabel]]:
    tables = []
    for section in sections:
        if section.tegels:
            tables.append(
                (
                    section,
                    Tabel(
                        f"{section.key}_kerncijfers",
                        _("Kerncijfers"),
                        [_("Cijfer"), _("Waarde"), _("Eenheid")],
                        [
                            [Cel(str(tegel.label)), Cel(tegel.waarde), Cel(str(tegel.eenheid))]
                            for tegel in section.tegels
                        ],
                    ),
                )
            )
        tables.extend((section, table) for table in section.tabellen)
    return tables


def _values(row: list[Cel]) -> list:
    # Labels may be lazy translations; numbers stay numbers.
    return [cel.waarde if cel.is_number or cel.waarde is None else str(cel.waarde) for cel in row]


def to_csv(sections: list[Sectie], *, periode: Periode) -> str:
    """One file, one block per table: a title line, the header, the rows, a blank line.
    Comma-separated with a dot as decimal sign (RFC 4180); the BOM lets Excel read UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Periode"), periode.van.isoformat(), periode.tot.isoformat()])
    writer.writerow([])
    for section, table in export_tables(sections):
        writer.writerow([f"{section.titel} – {table.titel}"])
        writer.writerow(table.kolommen)
        writer.writerows(_values(row) for row in table.rijen)
        writer.writerow([])
    return out.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    base = re.sub(r"[\[\]:*?/\\]", "", text)[:28]
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base} {n}", n + 1
    used.add(title.lower())
    return title


def to_xlsx(sections: list[Sectie], *, periode: Periode) -> bytes:
    """A sheet per table; numbers stay numbers."""
    workbook = Workbook()
    overzicht = workbook.active
    overzicht.title = _("Overzicht")
    overzicht.append([_("KCC-dashboard")])
    overzicht.append([_("Van"), periode.van])
    overzicht.append([_("Tot en met"), periode.tot])
    overzicht["A1"].font = Font(bold=True)
    used = {overzicht.title.lower()}
    for section, table in export_tables(sections):
        title = table.titel if table.titel != _("Kerncijfers") else section.titel
        sheet = workbook.create_sheet(_sheet_title(title, used))
        sheet.append(table.kolommen)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rijen:
            sheet.append(_values(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(form: KpiFilterForm, formaat: str) -> HttpResponse:
    """The dashboard of a valid filter form as a CSV or XLSX download (screen and API)."""
    periode = form.kpi_periode()
    sections = dashboard_sections(form)
    filename = f"kcc-dashboard-{periode.van:%Y%m%d}-{periode.tot:%Y%m%d}.{formaat}"
    if formaat == "csv":
        body, content_type = to_csv(sections, periode=periode), "text/csv; charset=utf-8"
    else:
        body, content_type = to_xlsx(sections, periode=periode), XLSX_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
