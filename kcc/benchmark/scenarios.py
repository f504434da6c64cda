"""The measured hot paths, each beside its target from the issues.

A scenario prepares its inputs in the benchmark database (through Django) and
returns a function that gives the i-th HTTP request. Every feature adds its
hot path here.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

from kcc.benchmark.load import Request


@dataclass(frozen=True)
class Context:
    token: str

    def api(self, path: str, *, method: str = "GET", data=None, expect=(200,)) -> Request:
        headers = {"Authorization": f"Token {self.token}", "Accept": "application/json"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        return Request(method, path, body=body, headers=headers, expect=expect)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    target: str
    prepare: Callable[[Context], Callable[[int], Request]]
    target_p95_ms: float | None = None
    target_throughput: float | None = None
    requests: int = 500
    concurrency: int = 4

    def verdict(self, result: dict) -> str:
        if result.get("errors"):
            return "fouten"
        checks = []
        if self.target_p95_ms is not None:
            checks.append(result["p95_ms"] <= self.target_p95_ms)
        if self.target_throughput is not None:
            checks.append(result["throughput_per_s"] >= self.target_throughput)
        if not checks:
            return "—"
        return "gehaald" if all(checks) else "niet gehaald"


def _medewerkers_page(context: Context) -> Callable[[int], Request]:
    from kcc.selectors import medewerker_list

    pages = min(20, max(1, math.ceil(medewerker_list().count() / 25)))
    return lambda i: context.api(f"/api/v1/medewerkers?page={1 + i % pages}")


def _healthz(context: Context) -> Callable[[int], Request]:
    return lambda i: Request("GET", "/healthz")


def _dashboard_maand(context: Context) -> Callable[[int], Request]:
    # The whole month, alternately unfiltered and per kanaal (the manager's clicks).
    kanalen = ["", "telefoon", "balie", "e-mail", "post", "webformulier", "chat"]

    def request(i: int) -> Request:
        kanaal = kanalen[i % len(kanalen)]
        suffix = f"&kanaal={kanaal}" if kanaal else ""
        return context.api(f"/api/v1/rapportages/dashboard?periode=maand{suffix}")

    return request


SCENARIOS: list[Scenario] = [
    Scenario(
        name="medewerkers-lijst (API)",
        description="GET /api/v1/medewerkers, de eerste (hoogstens 20) pagina's van 25",
        target="geen doel; basislijn van de API-laag",
        prepare=_medewerkers_page,
    ),
    Scenario(
        name="healthz",
        description="GET /healthz: het proces leeft",
        target="geen doel; basislijn van de HTTP-stapel zonder database",
        prepare=_healthz,
    ),
    Scenario(
        name="dashboard (maand)",
        description=(
            "GET /api/v1/rapportages/dashboard?periode=maand, afwisselend zonder filter en per "
            "kanaal: dezelfde KPI's als het scherm /dashboard/"
        ),
        target="≤ 200 ms (p95) voor één maand bij 5.000.000 klantcontacten (issue 9)",
        prepare=_dashboard_maand,
        target_p95_ms=200,
        requests=200,
    ),
]
