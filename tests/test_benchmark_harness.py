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
