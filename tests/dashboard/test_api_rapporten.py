"""/api/v1/rapportages/rapporten: list the MARAPs, ask for one, fetch its PDF."""

import datetime

import pytest
from django.utils import timezone

from kcc import roles
from kcc.dashboard import services
from kcc.models import Rapport

pytestmark = pytest.mark.django_db

URL = "/api/v1/rapportages/rapporten"


@pytest.fixture
def manager_api(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    return api_client


def test_asking_for_a_month_queues_its_report(manager_api):
    response = manager_api.post(URL, {"maand": "2026-10-15"}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["periode_van"] == "2026-10-01" and body["periode_tot"] == "2026-10-31"
    assert body["status"] == "wachtrij" and body["pdf"] is None
    assert manager_api.get(URL).json()["results"][0]["uuid"] == body["uuid"]


def test_a_future_month_or_no_date_is_a_400_per_field(manager_api):
    volgend_jaar = timezone.localdate() + datetime.timedelta(days=400)
    response = manager_api.post(URL, {"maand": volgend_jaar.isoformat()}, format="json")
    assert response.status_code == 400
    assert response.json()["maand"] == ["Een rapportage kan alleen over het verleden gaan."]
    assert manager_api.post(URL, {}, format="json").status_code == 400
    assert not Rapport.objects.exists()


def test_the_pdf_is_there_when_the_report_is_ready(manager_api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rapport = Rapport.objects.create(
        periode_van=datetime.date(2026, 10, 1), periode_tot=datetime.date(2026, 10, 31)
    )
    assert manager_api.get(f"{URL}/{rapport.uuid}/pdf").status_code == 404

    services.rapport_generate(rapport_id=rapport.pk)

    detail = manager_api.get(f"{URL}/{rapport.uuid}").json()
    assert detail["status"] == "klaar" and detail["pdf"].endswith(f"/{rapport.uuid}/pdf")
    pdf = manager_api.get(f"{URL}/{rapport.uuid}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_an_agent_may_not_use_the_reports(agent_api):
    assert agent_api.get(URL).status_code == 403
    assert agent_api.post(URL, {"maand": "2026-10-01"}, format="json").status_code == 403
