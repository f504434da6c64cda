"""What the schemathesis run (tests/test_api_fuzz.py) found, pinned as plain tests."""

import pytest

from kcc import roles
from tests.catalogus.factories import ProductFactory
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_dashboard_periode_is_a_400_not_a_500(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.TEAMLEIDER).user)
    response = api_client.get("/api/v1/rapportages/dashboard", {"periode": "gisteren?"})
    assert response.status_code == 400
    assert "periode" in response.json()


def test_dashboard_page_with_an_unknown_periode_shows_the_form_error(client, make_medewerker):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    response = client.get("/dashboard/", {"periode": "gisteren?"})
    assert response.status_code == 200


def test_a_medewerker_without_team_has_team_null_in_the_schema(agent_api):
    MedewerkerFactory(team=None)
    response = agent_api.get("/api/v1/medewerkers")
    assert response.status_code == 200
    assert None in [m["team"] for m in response.json()["results"]]


def test_a_product_without_upl_has_upl_uri_null(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.REDACTEUR).user)
    product = ProductFactory(upl_uri="")
    response = api_client.get(f"/api/v1/producten/{product.uuid}")
    assert response.json()["upl_uri"] is None


def test_an_unknown_api_address_is_a_json_404(agent_api):
    response = agent_api.get("/api/v1/telefonie/gesprekken/niet.een-uuid")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_an_unknown_page_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
