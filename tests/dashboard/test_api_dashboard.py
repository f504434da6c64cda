"""GET /api/v1/rapportages/dashboard: the dashboard's KPIs as JSON."""

import pytest
from django.utils import timezone

from contacts.models import Afhandeling
from kcc import roles
from tests.contacts.factories import KlantcontactFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/rapportages/dashboard"


def test_manager_gets_the_kpis(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    KlantcontactFactory(plaatsgevonden_op=timezone.now(), afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    KlantcontactFactory(plaatsgevonden_op=timezone.now(), afhandeling=Afhandeling.DOORVERBONDEN)

    response = api_client.get(URL, {"periode": "vandaag"})

    assert response.status_code == 200
    body = response.json()
    today = timezone.localdate().isoformat()
    assert body["periode"] == {"van": today, "tot": today}
    secties = {s["key"]: s for s in body["secties"]}
    assert set(secties) >= {"klantcontacten", "contactverzoeken", "emails", "berichten"}
    tegels = {t["key"]: t["waarde"] for t in secties["klantcontacten"]["tegels"]}
    assert tegels["contacten"] == 2
    assert tegels["fcr"] == 50.0
    assert tegels["doorverbonden"] == 50.0
    tabel = next(
        t for t in secties["klantcontacten"]["tabellen"] if t["key"] == "contacten_per_kanaal"
    )
    assert tabel["rijen"][0] == ["Telefoon", 2, 50.0, 50.0]


def test_agent_is_forbidden(agent_api):
    assert agent_api.get(URL).status_code == 403


def test_invalid_filter_is_400_per_field(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    response = api_client.get(URL, {"periode": "aangepast", "kanaal": "fax"})
    assert response.status_code == 400
    body = response.json()
    assert "van" in str(body) and "kanaal" in str(body)
