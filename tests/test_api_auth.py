import pytest


@pytest.mark.django_db
def test_token_for_username_and_password(api_client, agent, password):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": agent.user.username, "password": password}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/afdelingen").status_code == 200


@pytest.mark.django_db
def test_token_with_wrong_password_is_a_400_with_a_message(api_client, agent):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": agent.user.username, "password": "fout"}
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


@pytest.mark.django_db
def test_token_request_without_fields_names_each_field(api_client):
    response = api_client.post("/api/v1/auth/token/", {})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


@pytest.mark.django_db
def test_api_refuses_anonymous_requests(api_client):
    response = api_client.get("/api/v1/afdelingen")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.django_db
def test_session_auth_works_for_the_api(client, agent):
    client.force_login(agent.user)
    assert client.get("/api/v1/medewerkers").status_code == 200
