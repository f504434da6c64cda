"""Queries a request repeats are prepared on the connection (KCC_DB_PREPARE_THRESHOLD),
so Postgres parses and plans them once per connection, not once per request."""

import pytest
from django.conf import settings
from django.db import connection

from kcc.models import Afdeling
from tests.factories import AfdelingFactory


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_a_query_run_again_is_prepared_with_its_parameters_bound_by_postgres():
    assert settings.KCC_DB_PREPARE_THRESHOLD == 2
    afdeling = AfdelingFactory()

    for _ in range(settings.KCC_DB_PREPARE_THRESHOLD + 1):
        assert Afdeling.objects.get(code=afdeling.code) == afdeling

    prepared = [s for s in _prepared_statements() if '"kcc_afdeling"."code" = $1' in s]
    assert len(prepared) == 1


@pytest.mark.django_db
def test_a_query_run_once_is_not_prepared():
    afdeling = AfdelingFactory()

    Afdeling.objects.filter(code=afdeling.code, naam=afdeling.naam).exists()

    assert not [s for s in _prepared_statements() if '"kcc_afdeling"."naam" = $' in s]
