import datetime

import pytest

from kcc import calendar
from kcc.benchmark import generate
from kcc.models import SluitingsDag


@pytest.mark.django_db
def test_rows_that_query_the_database_while_being_made_are_all_copied(monkeypatch):
    """The metro run hung for good when the business calendar refreshed its closing
    days (a query) in the middle of an open COPY on the same connection."""
    monkeypatch.setattr(generate, "COPY_BATCH_ROWS", 3)
    start = datetime.date(2031, 1, 6)

    def rows():
        for offset in range(7):
            day = start + datetime.timedelta(days=offset)
            calendar.clear_cache()
            werkdag = calendar.is_werkdag(day)  # queries the closing days
            yield (day, f"benchmarkdag {offset} {'werkdag' if werkdag else 'weekend'}")

    written = generate.copy_rows("kcc_sluitingsdag", ["datum", "omschrijving"], rows())

    assert written == 7
    stored = SluitingsDag.objects.filter(datum__gte=start).order_by("datum")
    assert [dag.omschrijving for dag in stored][-2:] == [
        "benchmarkdag 5 weekend",
        "benchmarkdag 6 weekend",
    ]
    assert stored.count() == 7
