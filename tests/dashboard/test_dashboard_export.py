"""CSV and XLSX exports hold the dashboard's tables with the same filters."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contacts.models import Afhandeling, Kanaal
from kcc import roles
from tests.contacts.factories import KlantcontactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, make_medewerker):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    return client


@pytest.fixture
def contacten():
    now = timezone.now()
    # Telefoon: 3 contacts, 2 answered directly -> 66.7%. Chat: 1, transferred.
    KlantcontactFactory(plaatsgevonden_op=now, afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    KlantcontactFactory(plaatsgevonden_op=now, afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    KlantcontactFactory(plaatsgevonden_op=now, afhandeling=Afhandeling.TERUGBELVERZOEK)
    KlantcontactFactory(
        plaatsgevonden_op=now, kanaal=Kanaal.CHAT, afhandeling=Afhandeling.DOORVERBONDEN
    )


def test_xlsx_has_a_sheet_per_table_with_numbers(manager_client, contacten):
    response = manager_client.get(
        reverse("dashboard-export", args=["xlsx"]), {"periode": "vandaag"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Klantcontacten per kanaal" in workbook.sheetnames
    rows = list(workbook["Klantcontacten per kanaal"].values)
    assert rows[0] == ("Kanaal", "Contacten", "Direct beantwoord (%)", "In één keer opgelost (%)")
    assert ("Telefoon", 3, 66.7, 66.7) in rows
    assert ("Chat", 1, 0.0, 0.0) in rows
    kerncijfers = {row[0]: row[1] for row in workbook["Klantcontacten"].values}
    assert kerncijfers["Klantcontacten"] == 4
    assert kerncijfers["Doorverbonden"] == 25.0


def test_csv_follows_the_kanaal_filter(manager_client, contacten):
    response = manager_client.get(
        reverse("dashboard-export", args=["csv"]), {"periode": "vandaag", "kanaal": "chat"}
    )

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    start = rows.index(["Klantcontacten – Klantcontacten per kanaal"])
    assert rows[start + 1][:2] == ["Kanaal", "Contacten"]
    assert rows[start + 2][:2] == ["Chat", "1"]
    assert rows[start + 3] == []  # only the filtered kanaal


def test_unknown_format_is_404(manager_client):
    assert manager_client.get(reverse("dashboard-export", args=["pdf"])).status_code == 404
