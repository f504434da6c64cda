import io
import json
from urllib.parse import urlsplit

import pytest

from kcc.benchmark.generate import already_generated, generate_city
from kcc.benchmark.load import Request, run_load
from kcc.benchmark.scales import Scale
from kcc.benchmark.stats import percentile
from kcc.models import Medewerker


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [([1, 2, 3, 4], 0.5, 2), ([1, 2, 3, 4], 0.95, 4), (list(range(1, 101)), 0.99, 99)],
)
def test_percentile_is_nearest_rank(values, fraction, expected):
    assert percentile(values, fraction) == expected


@pytest.mark.django_db
def test_generate_city_writes_once_and_reports_its_counts():
    lines = []
    counts = generate_city(scale=Scale("tiny", 0.005), report=lines.append)
    assert counts["medewerkers"] == 10
    assert Medewerker.objects.filter(user__username__startswith="bench").count() == 10
    assert already_generated()["scale"] == "tiny"
    assert generate_city(scale=Scale("tiny", 0.005), report=lines.append) == counts
    assert Medewerker.objects.filter(user__username__startswith="bench").count() == 10
    assert any("rijen/s" in line for line in lines)


def test_load_runner_counts_answers_and_errors(live_server):
    address = urlsplit(live_server.url)
    result = run_load(
        host=address.hostname,
        port=address.port,
        make_request=lambda i: Request("GET", "/healthz" if i % 2 else "/bestaat-niet"),
        requests=20,
        concurrency=2,
    )
    assert result["requests"] == 10
    assert result["errors"] == 10
    assert result["p50_ms"] > 0


@pytest.mark.django_db
def test_generated_city_is_consistent_and_realistic():
    from django.db import connection
    from stdnum.nl import bsn

    from catalogus.models import Kennisartikel, Product
    from contacts.benchmark import HEAVY_CUSTOMER_CONTACTS, HEAVY_CUSTOMER_UUID
    from contacts.models import Contactverzoek, Klantcontact, Partij, PartijIdentificator, Vraag

    counts = generate_city(scale=Scale("tiny", 0.001), report=lambda line: None)

    assert counts["partijen"] == 500
    assert counts["klantcontacten"] == 5_000 + HEAVY_CUSTOMER_CONTACTS
    assert counts["kennisartikelen"] == 5
    assert Klantcontact.objects.count() >= counts["klantcontacten"]
    bsns = PartijIdentificator.objects.filter(soort="bsn").values_list("waarde", flat=True)
    assert bsns and all(bsn.is_valid(value) for value in bsns)
    assert Partij.objects.filter(soort="organisatie").exists()
    heavy = Partij.objects.get(uuid=HEAVY_CUSTOMER_UUID)
    assert heavy.klantcontacten.count() >= HEAVY_CUSTOMER_CONTACTS
    # Every vraag and contactverzoek belongs to a contact; every callback to a question
    # that asked for one (the contact's outcome is that of its first question).
    assert not Vraag.objects.filter(klantcontact__isnull=True).exists()
    assert not Contactverzoek.objects.exclude(vraag__afhandeling="terugbelverzoek").exists()
    assert Contactverzoek.objects.count() >= counts["contactverzoeken"] > 0
    kanalen = set(Klantcontact.objects.values_list("kanaal", flat=True).distinct())
    assert {"telefoon", "balie", "post", "e-mail", "webformulier", "chat"} <= kanalen
    # The search columns are computed, as a save() would.
    assert not Kennisartikel.objects.filter(zoekvector__isnull=True).exists()
    assert not Product.objects.filter(publicatiestatus="gepubliceerd", zoeknaam="").exists()
    # COPY leaves the (deferred) foreign keys unchecked until commit: check them now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_a_partial_run_replaces_only_its_own_scenarios(tmp_path):
    from kcc.benchmark.__main__ import _scenario_label, merge_partial_run

    earlier = {
        "commit": "aaaaaaa",
        "scenarios": [
            {"name": "partij zoeken", "p95_ms": 30},
            {"name": "klantbeeld", "p95_ms": 90},
        ],
    }
    path = tmp_path / "benchmarks-metro.json"
    path.write_text(json.dumps(earlier))
    partial = {"commit": "bbbbbbb", "scenarios": [{"name": "klantbeeld", "p95_ms": 40}]}

    merged = merge_partial_run(path, partial)

    assert merged["commit"] == "bbbbbbb"
    assert merged["scenarios"] == [
        {"commit": "aaaaaaa", "name": "partij zoeken", "p95_ms": 30},
        {"name": "klantbeeld", "p95_ms": 40},
    ]
    labels = [_scenario_label(result, merged["commit"]) for result in merged["scenarios"]]
    assert labels == ["partij zoeken (`aaaaaaa`)", "klantbeeld"]
    assert merge_partial_run(tmp_path / "missing.json", partial) == partial


def test_server_time_sends_the_scenario_requests_through_django_as_the_agent(agent, settings):
    from kcc.benchmark.__main__ import _session_cookie
    from kcc.benchmark.load import run_inline
    from kcc.benchmark.scenarios import Context, _server_time

    settings.ALLOWED_HOSTS = ["localhost"]
    context = Context(token="", session_cookie=_session_cookie(agent.user))
    as_agent = _server_time(lambda c: lambda i: c.page("/kennisbank/", params={"q": "paspoort"}))
    signed_out = _server_time(lambda c: lambda i: Request("GET", "/kennisbank/?q=paspoort"))

    assert run_inline(as_agent(context), requests=3)["errors"] == 0
    # Without the session the page redirects to the login: not the 200 expected.
    assert run_inline(signed_out(context), requests=2)["errors"] == 2


def test_marap_scenario_renders_last_months_report(db):
    from kcc.benchmark.scenarios import SCENARIOS, Context

    scenario = next(s for s in SCENARIOS if s.name == "marap pdf")
    assert scenario.inline and scenario.target_p95_ms == 10_000
    scenario.prepare(Context(token=""))(0)  # raises when the report cannot be made


@pytest.mark.django_db(transaction=True)
def test_generate_city_command_vacuums_for_index_only_scans(monkeypatch):
    from django.core.management import call_command
    from django.db import connection

    from kcc.benchmark.generate import MARKER_TABLE
    from kcc.benchmark.scales import SCALES

    tables = ("contacts_klantcontact", "contacts_vraag", "zaken_zaak")

    def vacuum_counts() -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT relname, vacuum_count FROM pg_stat_user_tables WHERE relname = ANY(%s)",
                [list(tables)],
            )
            return dict(cursor.fetchall())

    monkeypatch.setitem(SCALES, "tiny", Scale("tiny", 0.001))
    before = vacuum_counts()
    try:
        call_command("generate_city", "--scale", "tiny", stdout=io.StringIO())
        after = vacuum_counts()
    finally:
        # A flush empties Django's tables, not the marker: without it, later tests
        # would find a city already generated.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")  # noqa: S608
    assert all(after[table] > before.get(table, 0) for table in tables), (before, after)
