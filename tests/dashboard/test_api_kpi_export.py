"""GET /api/v1/rapportages/kpi and /api/v1/rapportages/export: the key figures as JSON,
the tables as CSV or XLSX; bad input a 400 with a message per field."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from contacts.models import Afhandeling, Kanaal
from kcc import roles
from tests.contacts.factories import KlantcontactFactory

pytestmark = pytest.mark.django_db

KPI = "/api/v1/rapportages/kpi"
EXPORT = "/api/v1/rapportages/export"


@pytest.fixture
def manager_api(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    return api_client


@pytest.fixture
def contacten():
    now = timezone.now()
    KlantcontactFactory(plaatsgevonden_op=now, afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    KlantcontactFactory(plaatsgevonden_op=now, afhandeling=Afhandeling.DOORVERBONDEN)
    KlantcontactFactory(
        plaatsgevonden_op=now, kanaal=Kanaal.EMAIL, afhandeling=Afhandeling.DIRECT_BEANTWOORD
    )


def test_kpi_set_by_section_and_name(manager_api, contacten):
    response = manager_api.get(KPI, {"periode": "vandaag"})

    assert response.status_code == 200
    body = response.json()
    today = timezone.localdate().isoformat()
    assert body["periode"] == {"van": today, "tot": today}
    assert body["kpi"]["klantcontacten"]["contacten"] == 3
    assert body["kpi"]["klantcontacten"]["doorverbonden"] == 33.3
    assert set(body["kpi"]) >= {"klantcontacten", "contactverzoeken", "zaken", "sla"}


def test_kpi_follows_the_filters(manager_api, contacten):
    body = manager_api.get(KPI, {"periode": "vandaag", "kanaal": Kanaal.EMAIL}).json()
    assert body["kpi"]["klantcontacten"]["contacten"] == 1
    assert body["kpi"]["klantcontacten"]["fcr"] == 100.0


def test_export_csv_holds_the_tables(manager_api, contacten):
    response = manager_api.get(EXPORT, {"formaat": "csv", "periode": "vandaag"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows.index(
        ["Kanaal", "Contacten", "Direct beantwoord (%)", "In één keer opgelost (%)"]
    )
    assert rows[header + 1] == ["Telefoon", "2", "50.0", "50.0"]


def test_export_xlsx_has_numbers(manager_api, contacten):
    response = manager_api.get(EXPORT, {"formaat": "xlsx", "periode": "vandaag"})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Klantcontacten per kanaal"]
    assert [c.value for c in sheet[2]] == ["Telefoon", 2, 50.0, 50.0]


@pytest.mark.parametrize(
    ("url", "params", "velden"),
    [
        (KPI, {"periode": "gisteren"}, {"periode"}),
        (KPI, {"periode": "aangepast"}, {"van", "tot"}),
        (KPI, {"periode": "aangepast", "van": "2026-11-10", "tot": "2026-11-01"}, {"tot"}),
        (KPI, {"van": "2026-02-30", "periode": "aangepast", "tot": "2026-11-30"}, {"van"}),
        (KPI, {"kanaal": "fax", "afdeling": "bestaat-niet"}, {"kanaal", "afdeling"}),
        (KPI, {"product": "geen-uuid", "medewerker": "geen-uuid"}, {"product", "medewerker"}),
        (EXPORT, {"formaat": "pdf"}, {"formaat"}),
        (EXPORT, {}, {"formaat"}),
        (EXPORT, {"formaat": "csv", "kanaal": "fax"}, {"kanaal"}),
        (EXPORT, {"formaat": "doc", "periode": "aangepast"}, {"formaat", "van", "tot"}),
    ],
)
def test_bad_input_is_400_per_field(manager_api, url, params, velden):
    response = manager_api.get(url, params)

    assert response.status_code == 400
    body = response.json()
    assert set(body) == velden
    assert all(isinstance(body[veld], list) and body[veld][0] for veld in velden)


@pytest.mark.parametrize("url", [KPI, f"{EXPORT}?formaat=csv"])
def test_agent_is_forbidden(agent_api, url):
    assert agent_api.get(url).status_code == 403
