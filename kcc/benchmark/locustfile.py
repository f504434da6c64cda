"""The load test's simulated staff: a working day's mix of KCC agents, backoffice
medewerkers and teamleiders, each with a signed-in browser session of its own.

Run by `make loadtest` (kcc/benchmark/loadtest.py), which generates the accounts
and the plan (search terms, uuids) in the benchmark database and points
KCC_LOADTEST_PLAN at it. This file does not touch Django: it only speaks HTTP,
like the browsers it stands for.

The mix, and why:

* Who. A municipal KCC has roughly two agents per backoffice medewerker that
  works the werkvoorraad in the screens (most backoffice work happens in
  vakapplicaties), and one teamleider per ~15 agents. Weights 14 : 5 : 1 give
  200 users = 140 agents, 50 backoffice, 10 teamleiders.
* The agent's call (one task = one contact, as in the real work): search the
  customer (1-2 searches: the first attempt often needs a better term), open the
  klantbeeld (90 %; the rest is an anonymous question), look something up in the
  kennisbank in 60 % of the contacts (the 39 % answered directly and most transfers
  start with a lookup) and open the product page in half of those, then register
  the contact through the screen's form. Kanaal follows Arnhem's yearly volumes
  (phone 200,000, counter 189,000, letters 27,000, e-mail 5,500, plus some web
  forms and chat); afhandeling the Antwoord© measurement (39 % answered directly,
  48 % transferred, 7 % callback or appointment, the rest other outcomes); every
  third contact has a second question.
* Backoffice: open the werkvoorraad (sometimes filtered on overdue or this week),
  open a zaak from it and read it; about one zaak every half minute.
* Teamleider: the dashboard (today) every one to two minutes, now and then the
  month as the htmx partial.
* Think times are compressed: a real phone call takes about 4-5 minutes, here a
  whole call takes about half a minute (steps 2-6 s apart), so 140 agents load the
  server like a peak hour of a much larger KCC. The numbers are a stress test of
  the interactive paths, not a model of the exact call rate.

Static files are not fetched: a working browser has them cached.

Logging in: each simulated user logs in once through the real login form with an
account of its own. django-axes counts failed logins per username + IP address
(AXES_LOCKOUT_PARAMETERS), so 200 successful logins from 127.0.0.1 lock nobody out.
"""

import itertools
import json
import os
import random
import uuid
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["KCC_LOADTEST_PLAN"]).read_text())
# One account per simulated user (cycled only if the plan has too few).
ACCOUNTS = {role: itertools.cycle(names) for role, names in PLAN["accounts"].items()}

KANALEN = [("telefoon", 200), ("balie", 189), ("post", 27), ("e-mail", 5.5),
           ("webformulier", 10), ("chat", 5)]  # fmt: skip
AFHANDELINGEN = [("direct_beantwoord", 39), ("doorverbonden", 48), ("terugbelverzoek", 5),
                 ("afspraak_gemaakt", 2), ("aanvraag_ingenomen", 3),
                 ("doorverwezen_extern", 2), ("niet_opgelost", 1)]  # fmt: skip
VRAGEN = [
    ("Hoe lang duurt de aanvraag?", "Ongeveer een week."),
    ("Wat moet ik meenemen?", "Uw oude document en een pasfoto."),
    ("Wat kost het?", "Zie de tarieven op de productpagina."),
    ("Kan ik een afspraak maken?", "Ja, via de website of telefonisch."),
]


def _weighted(choices: list[tuple[str, float]]) -> str:
    values, weights = zip(*choices, strict=True)
    return random.choices(values, weights)[0]  # noqa: S311 - load mix, not secrets


# KCC_LOADTEST_THINK scales every think time: the wiring test runs at 0.05.
THINK = float(os.environ.get("KCC_LOADTEST_THINK", "1"))


def _between(low: float, high: float):
    return between(low * THINK, high * THINK)


def _think(low: float, high: float) -> None:
    # gevent's sleep: the other simulated users go on meanwhile.
    gevent.sleep(random.uniform(low, high) * THINK)  # noqa: S311


# The harness's measurement: KCC_LOADTEST_WARMUP seconds of ramp-up (all the logins
# at the start of a shift) are kept apart, then counting starts afresh; at the end
# both, and any exception of this file, go to KCC_LOADTEST_RESULT as JSON.
WARMUP = float(os.environ.get("KCC_LOADTEST_WARMUP", "0"))
RESULT: dict = {"warmup": None}


def _row(entry) -> dict:
    def ms(fraction: float) -> float | None:
        return entry.get_response_time_percentile(fraction) if entry.num_requests else None

    return {
        "name": f"{entry.method or ''} {entry.name}".strip(),
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "p50_ms": ms(0.50),
        "p95_ms": ms(0.95),
        "p99_ms": ms(0.99),
        "rps": round(entry.total_rps, 2),
    }


def _summary(stats) -> dict:
    # After the warm-up's reset an endpoint not asked for again stays, at zero: left out.
    entries = sorted(
        (entry for entry in stats.entries.values() if entry.num_requests),
        key=lambda entry: (entry.name, entry.method),
    )
    return {
        "endpoints": [_row(entry) for entry in entries],
        "total": {**_row(stats.total), "name": "totaal"},
        "failure_samples": [
            f"{error.occurrences}× {error.method} {error.name}: {error.error}"
            for error in list(stats.errors.values())[:10]
        ],
    }


def _end_warmup(environment) -> None:
    RESULT["warmup"] = _summary(environment.stats)
    environment.stats.reset_all()


@events.test_start.add_listener
def _on_test_start(environment, **kwargs) -> None:
    if WARMUP > 0:
        gevent.spawn_later(WARMUP, _end_warmup, environment)


@events.quitting.add_listener
def _on_quitting(environment, **kwargs) -> None:
    exceptions = environment.runner.exceptions.values() if environment.runner else []
    RESULT.update(
        measured=_summary(environment.stats),
        exceptions=[f"{e['count']}× {e['msg']}" for e in exceptions],
    )
    Path(os.environ["KCC_LOADTEST_RESULT"]).write_text(json.dumps(RESULT))


class _Staff(HttpUser):
    abstract = True
    role = ""

    def on_start(self) -> None:
        username = next(ACCOUNTS[self.role])
        self.client.get("/inloggen/", name="/inloggen/")
        with self.client.post(
            "/inloggen/",
            data={
                "username": username,
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            allow_redirects=False,
            name="/inloggen/",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"inloggen als {username} mislukt ({response.status_code})")

    def page(self, path: str, name: str, *, params: dict | None = None, htmx: bool = False):
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.get(path, params=params, headers=headers, name=name)


class Klantcontactmedewerker(_Staff):
    weight = 14
    role = "agent"
    wait_time = _between(2, 6)

    @task
    def contact(self) -> None:
        for _ in range(random.choice([1, 1, 2])):  # noqa: S311
            self.page(
                random.choice(PLAN["partij_zoeken"]),  # noqa: S311
                "/klantcontact/?q= (partij zoeken, htmx)",
                htmx=True,
            )
            _think(1, 3)
        partij = random.choice(PLAN["partijen"]) if random.random() < 0.9 else None  # noqa: S311
        screen = f"/klantcontact/partij/{partij}/" if partij else "/klantcontact/anoniem/"
        screen_name = "/klantcontact/partij/<uuid>/" if partij else "/klantcontact/anoniem/"
        self.page(screen, f"{screen_name} (klantbeeld)" if partij else screen_name)
        _think(2, 6)
        if random.random() < 0.6:  # noqa: S311
            self.page(
                random.choice(PLAN["kennisbank_zoeken"]),  # noqa: S311
                "/kennisbank/?q= (kennisbank zoeken, htmx)",
                htmx=True,
            )
            _think(2, 5)
            if random.random() < 0.5:  # noqa: S311
                product = random.choice(PLAN["producten"])  # noqa: S311
                self.page(f"/kennisbank/producten/{product}/", "/kennisbank/producten/<uuid>/")
                _think(3, 8)
        self._register(screen, screen_name)

    def _register(self, screen: str, screen_name: str) -> None:
        vragen = 2 if random.random() < 1 / 3 else 1  # noqa: S311
        data = {
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            "kanaal": _weighted(KANALEN),
            "formulier_id": str(uuid.uuid4()),
            "vragen-TOTAL_FORMS": str(vragen),
            "vragen-INITIAL_FORMS": "0",
            "vragen-MIN_NUM_FORMS": "1",
            "vragen-MAX_NUM_FORMS": "20",
        }
        for index in range(vragen):
            vraag, antwoord = random.choice(VRAGEN)  # noqa: S311
            afhandeling = _weighted(AFHANDELINGEN)
            prefix = f"vragen-{index}-"
            data.update(
                {
                    f"{prefix}product": random.choice(PLAN["producten"]),  # noqa: S311
                    f"{prefix}vraag": vraag,
                    f"{prefix}antwoord": antwoord,
                    f"{prefix}afhandeling": afhandeling,
                }
            )
            if afhandeling == "terugbelverzoek":
                data.update(
                    {
                        f"{prefix}cv_afdeling": random.choice(PLAN["afdelingen"]),  # noqa: S311
                        f"{prefix}cv_gevraagde_handeling": "Klant terugbellen",
                        f"{prefix}cv_terugbelnummer": "06 12345678",
                    }
                )
        # The screen answers a registered contact with a redirect; 200 is the form
        # again with errors, which counts as a failure.
        with self.client.post(
            screen,
            data=data,
            allow_redirects=False,
            name=f"{screen_name} (contact registreren)",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"contact niet geregistreerd ({response.status_code})")


class Backoffice(_Staff):
    weight = 5
    role = "backoffice"
    wait_time = _between(10, 30)

    @task
    def zaak(self) -> None:
        filter_ = random.choice(["", "", "", "te_laat", "deze_week"])  # noqa: S311
        self.page(
            "/zaken/",
            "/zaken/ (werkvoorraad)",
            params={"filter": filter_} if filter_ else None,
        )
        _think(3, 8)
        zaak = random.choice(PLAN["zaken"])  # noqa: S311
        self.page(f"/zaken/{zaak}/", "/zaken/<uuid>/ (zaak)")


class Teamleider(_Staff):
    weight = 1
    role = "teamleider"
    wait_time = _between(60, 120)

    @task(4)
    def dashboard(self) -> None:
        self.page("/dashboard/", "/dashboard/")

    @task(1)
    def dashboard_maand(self) -> None:
        self.page(
            "/dashboard/",
            "/dashboard/?periode=maand (htmx)",
            params={"periode": "maand"},
            htmx=True,
        )
