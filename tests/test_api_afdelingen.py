import uuid

import pytest

from kcc.models import Afdeling
from tests.factories import AfdelingFactory


@pytest.mark.django_db
def test_afdelingen_list_is_paginated_as_the_contract_says(agent_api):
    AfdelingFactory.create_batch(30)
    body = agent_api.get("/api/v1/afdelingen").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == Afdeling.objects.count()
    assert len(body["results"]) == 25
    assert body["next"].endswith("page=2")
    assert uuid.UUID(body["results"][0]["uuid"])


@pytest.mark.django_db
def test_an_agent_may_not_create_afdelingen(agent_api):
    response = agent_api.post("/api/v1/afdelingen", {"naam": "Nieuw", "code": "nieuw"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_beheerder_creates_an_afdeling_under_a_parent(api_client, beheerder):
    api_client.force_authenticate(beheerder.user)
    parent = AfdelingFactory(naam="Publiekszaken", code="publiekszaken")
    response = api_client.post(
        "/api/v1/afdelingen", {"naam": "Burgerzaken", "code": "bz", "parent": str(parent.uuid)}
    )
    assert response.status_code == 201, response.json()
    assert Afdeling.objects.get(code="bz").parent == parent


@pytest.mark.django_db
def test_bad_input_gets_a_message_per_field_and_stores_nothing(api_client, beheerder):
    api_client.force_authenticate(beheerder.user)
    before = Afdeling.objects.count()
    response = api_client.post(
        "/api/v1/afdelingen", {"naam": "", "code": "met spaties", "parent": str(uuid.uuid4())}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"naam", "code", "parent"}
    assert Afdeling.objects.count() == before


@pytest.mark.django_db
def test_medewerkers_show_their_roles_and_filter_by_afdeling(agent_api, agent, beheerder):
    body = agent_api.get("/api/v1/medewerkers", {"afdeling": str(agent.afdeling.uuid)}).json()
    assert [m["gebruikersnaam"] for m in body["results"]] == [agent.user.username]
    assert body["results"][0]["rollen"] == ["Klantcontactmedewerker"]
