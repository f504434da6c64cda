"""Schemathesis against the committed OpenAPI schema: every operation, through WSGI,
as a user with every role, on the demo data. No 5xx, every response as documented
(status code, content type, headers, body schema), and authentication enforced.

Not checked: whether a schema-valid request is accepted (positive_data_acceptance):
a uuid that must name an existing object, or "product or zaaktype" rules, cannot be
said in OpenAPI and rightly give a 400 with a message per field. Nor whether an empty
query parameter is refused (negative_data_rejection): as in DRF and django-filter,
`?limit=` means "not given".

Bounded: a few generated cases per operation, a fixed seed (reproducible runs)."""

import re
from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks
from werkzeug.test import Client

from kcc import roles
from tests.factories import MedewerkerFactory

BASE_DIR = Path(__file__).resolve().parent.parent
MAX_EXAMPLES = 6

schema = schemathesis.openapi.from_path(BASE_DIR / "docs" / "openapi.yaml")
schema.app = WSGIHandler()
schema.config.seed = 20261127
schema.config.phases.update(phases=["examples", "fuzzing"])
# The raw e-mail body is bytes, like any binary body.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo municipality, loaded once for the module and rolled back after it."""
    # As Django's test client does: a finished request must not close the connection
    # that holds the test transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo_data", verbosity=0)
        medewerker = MedewerkerFactory(
            user__roles=roles.ALL_ROLES, user__is_staff=True, user__is_superuser=True
        )
        token = Token.objects.create(user=medewerker.user)
        yield {"Authorization": f"Token {token.key}"}
        transaction.set_rollback(True)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def existing_uuids(demo_data, db):
    """Per collection, the uuid of an object the demo data holds (so that detail and
    action operations reach real objects, not only 404s)."""
    found = {}

    def uuid_for(collection: str) -> str | None:
        if collection not in found:
            response = Client(schema.app).get(collection, headers=demo_data)
            results = response.json.get("results", []) if response.status_code == 200 else []
            found[collection] = results[0]["uuid"] if results else None
        return found[collection]

    return uuid_for


NOT_CHECKED = [checks.positive_data_acceptance, checks.negative_data_rejection]
DETAIL = re.compile(r"^(?P<collection>.+)/\{uuid\}")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_operation(case, demo_data, existing_uuids):
    match = DETAIL.match(case.path)
    if match and case.path_parameters:
        uuid = existing_uuids(match["collection"])
        if uuid:
            case.path_parameters["uuid"] = uuid
    case.call_and_validate(headers=demo_data, excluded_checks=NOT_CHECKED)
