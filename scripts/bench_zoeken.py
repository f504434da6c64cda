"""In-process timing of the two search partials on a generated benchmark city.

    KCC_DATABASE_NAME=kcc_bench_city .venv/bin/python scripts/bench_zoeken.py [--requests 300]

Takes the requests of the harness scenarios "partij zoeken" and "kennisbank zoeken"
(`kcc/benchmark/scenarios.py`), sends them through Django's test client as the agent
(no HTTP, no gunicorn queue) and prints p50/p95 server time and queries per request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kcc.benchmark.scenarios import SCENARIOS, Context  # noqa: E402


def measure(name: str, requests: int, client: Client) -> None:
    scenario = next(s for s in SCENARIOS if s.name == name)
    make_request = scenario.prepare(Context(token=""))
    for i in range(20):  # warm-up: imports, template loading, connection
        client.get(make_request(i).path, headers={"HX-Request": "true"})
    timings, queries = [], []
    for i in range(requests):
        path = make_request(i).path
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, headers={"HX-Request": "true"})
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries.append(len(captured.captured_queries))
    timings.sort()
    p95 = timings[round(len(timings) * 0.95) - 1]
    print(
        f"{name:18} n={requests} p50 {statistics.median(timings):6.1f} ms  "
        f"p95 {p95:6.1f} ms  queries/verzoek {min(queries)}–{max(queries)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    client = Client()
    client.force_login(get_user_model().objects.get(username="agent"))
    for name in ("partij zoeken", "kennisbank zoeken"):
        if args.only in name:
            measure(name, args.requests, client)


if __name__ == "__main__":
    main()
