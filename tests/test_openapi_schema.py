from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent
COMMITTED = BASE_DIR / "docs" / "openapi.yaml"


@pytest.mark.django_db
def test_committed_openapi_schema_is_up_to_date(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert COMMITTED.read_text() == generated.read_text(), (
        "docs/openapi.yaml is verouderd: draai `make schema` en commit het resultaat."
    )


@pytest.mark.django_db
def test_schema_and_docs_are_served(client, agent):
    client.force_login(agent.user)
    assert client.get("/api/v1/schema/").status_code == 200
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
