"""The measured hot paths, each beside its target from the issues.

A scenario prepares its inputs in the benchmark database (through Django) and
returns a function that gives the i-th HTTP request. Every feature adds its
hot path here.
"""

import dataclasses
import json
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from kcc.benchmark.load import Request


@dataclass(frozen=True)
class Context:
    """How the harness signs in: an API token and a browser session of the same agent."""

    token: str
    session_cookie: str = ""

    def page(self, path: str, *, params: dict | None = None, htmx: bool = False) -> Request:
        """A GET as the agent's browser does it; `htmx` asks for the partial."""
        headers = {"Cookie": self.session_cookie, "Accept": "text/html"}
        if htmx:
            headers["HX-Request"] = "true"
        if params:
            path = f"{path}?{urlencode(params)}"
        return Request("GET", path, headers=headers)

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
    # In-process work without HTTP (a Celery task's service): prepare returns a
    # function that does the i-th run itself; timed by load.run_inline.
    inline: bool = False
    # A scenario that is no request/response loop measures itself:
    # measure(context, host=…, port=…, stream_port=…) gives the result dict.
    measure: Callable[..., dict] | None = None

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


# Inputs are sampled from the generated city with a fixed seed: the same run, every time.
_SAMPLE = 400


def _rng() -> random.Random:
    return random.Random(10)  # noqa: S311 - repeatable sampling, not secrets


def _partij_search(context: Context) -> Callable[[int], Request]:
    """The agent's search box (htmx partial): BSN, postcode + huisnummer, phone,
    surname + birth date, in the mix a KCC sees (BSN and address most)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.1)")
        cursor.execute(
            "SELECT i.waarde, a.postcode, a.huisnummer, p.achternaam, p.geboortedatum, d.adres "
            "FROM contacts_partij p "
            "JOIN contacts_partijidentificator i ON i.partij_id = p.id AND i.soort = 'bsn' "
            "JOIN contacts_adres a ON a.partij_id = p.id "
            "LEFT JOIN contacts_digitaaladres d ON d.partij_id = p.id AND d.soort = 'telefoon' "
            "ORDER BY random() LIMIT %s",
            [_SAMPLE * 4],
        )
        rows = cursor.fetchall()
    rng = _rng()
    queries = []
    for bsn, postcode, huisnummer, achternaam, geboren, telefoon in rows:
        kind = rng.choice(["bsn", "bsn", "adres", "adres", "telefoon", "naam"])
        if kind == "telefoon" and telefoon:
            queries.append("0" + telefoon[3:])  # as the agent types it: 06…
        elif kind == "adres":
            queries.append(f"{postcode.replace(' ', '')} {huisnummer}")
        elif kind == "naam":
            queries.append(f"{achternaam} {geboren:%d-%m-%Y}")
        else:
            queries.append(bsn)
    assert queries, "geen partijen in de benchmarkdatabase"
    return lambda i: context.page(
        "/klantcontact/", params={"q": queries[i % len(queries)]}, htmx=True
    )


def _klantbeeld(context: Context) -> Callable[[int], Request]:
    """The klantbeeld page of the heavy customer (2,000 contacts), first history page."""
    from contacts.benchmark import HEAVY_CUSTOMER_UUID

    return lambda i: context.page(f"/klantcontact/partij/{HEAVY_CUSTOMER_UUID}/")


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    position = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:position] + word[position + 1 :]  # a letter dropped
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


def _knowledge_search(context: Context) -> Callable[[int], Request]:
    """1-3 word questions from the product names and everyday words, a third with a typo."""
    from catalogus.models import Product

    rng = _rng()
    names = list(Product.objects.values_list("naam", flat=True))
    citizen_words = ["trouwen", "verhuizen", "paspoort", "parkeren", "afval", "grofvuil",
                     "id-kaart", "rijbewijs", "uitkering", "kapvergunning", "bijstand"]  # fmt: skip
    queries = []
    for _ in range(_SAMPLE):
        words = [w for w in rng.choice(names).lower().split() if len(w) > 2]
        if rng.random() < 0.3 or not words:
            words = [rng.choice(citizen_words)]
        words = words[: rng.randint(1, 3)]
        if rng.random() < 0.33:
            index = rng.randrange(len(words))
            words[index] = _typo(rng, words[index])
        queries.append(" ".join(words))
    return lambda i: context.page(
        "/kennisbank/", params={"q": queries[i % len(queries)]}, htmx=True
    )


def _contact_registration(context: Context) -> Callable[[int], Request]:
    """POST /api/v1/klantcontacten: a phone contact of a known customer, 1-2 vragen,
    every tenth with a contactverzoek; each with its own Idempotency-Key."""
    from django.db import connection

    from catalogus.models import Product

    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2)")
        cursor.execute("SELECT uuid FROM contacts_partij ORDER BY random() LIMIT %s", [_SAMPLE])
        partijen = [str(row[0]) for row in cursor.fetchall()]
    producten = [
        str(u)
        for u in Product.objects.filter(publicatiestatus="gepubliceerd").values_list(
            "uuid", flat=True
        )[:_SAMPLE]
    ]
    from kcc.models import Afdeling

    afdeling = str(Afdeling.objects.get(code="burgerzaken").uuid)
    rng = _rng()

    def request(i: int) -> Request:
        vragen = [
            {
                "product": rng.choice(producten),
                "vraag": "Hoe lang duurt de aanvraag?",
                "antwoord": "Ongeveer een week.",
                "afhandeling": "direct_beantwoord",
            }
            for _ in range(1 if i % 3 else 2)
        ]
        if i % 10 == 0:
            vragen[0]["afhandeling"] = "terugbelverzoek"
            vragen[0]["contactverzoek"] = {
                "gevraagde_handeling": "Klant terugbellen over de aanvraag",
                "terugbelnummer": "06 12345678",
                "afdeling": afdeling,
            }
        req = context.api(
            "/api/v1/klantcontacten",
            method="POST",
            data={"partij": partijen[i % len(partijen)], "kanaal": "telefoon", "vragen": vragen},
            expect=(201,),
        )
        # Warm-up and measurement ask for the same indexes: each call gets its own key.
        req.headers["Idempotency-Key"] = f"bench-{uuid.uuid4().hex}"
        return req

    return request


def _dashboard_maand(context: Context) -> Callable[[int], Request]:
    """The whole month, alternately unfiltered and per kanaal (the manager's clicks),
    with the roll-ups as Celery beat keeps them (every 5 minutes)."""
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from contacts.tasks import bijwerken_dagtellingen

    bijwerken_dagtellingen()

    manager = get_user_model().objects.get(username="manager")
    context = dataclasses.replace(context, token=Token.objects.get_or_create(user=manager)[0].key)
    kanalen = ["", "telefoon", "balie", "e-mail", "post", "webformulier", "chat"]

    def request(i: int) -> Request:
        kanaal = kanalen[i % len(kanalen)]
        suffix = f"&kanaal={kanaal}" if kanaal else ""
        return context.api(f"/api/v1/rapportages/dashboard?periode=maand{suffix}")

    return request


def _server_time(prepare: Callable[[Context], Callable[[int], Request]]):
    """The same requests sent through Django in this process (the whole middleware
    stack, the same session or token), one after the other: the server time of one
    user's request, without HTTP and without other clients sharing the two cores."""

    def prepare_in_process(context: Context) -> Callable[[int], None]:
        from django.test import Client

        client = Client(SERVER_NAME="localhost")
        make_request = prepare(context)

        def send(i: int) -> None:
            request = make_request(i)
            response = client.generic(
                request.method, request.path, request.body or b"", headers=request.headers
            )
            if response.status_code not in request.expect:
                raise RuntimeError(f"{response.status_code} {request.method} {request.path}")

        return send

    return prepare_in_process


_SERVER_TIME = (
    "; servertijd van één gebruiker: in dit proces door de hele Django-stapel, zonder HTTP "
    "en zonder andere clients"
)

SCENARIOS: list[Scenario] = [
    Scenario(
        name="partij zoeken",
        description="GET /klantcontact/?q=… (htmx-partial): BSN, postcode + huisnummer, "
        "telefoon, achternaam + geboortedatum",
        target="p95 ≤ 20 ms (issue 4)",
        prepare=_partij_search,
        target_p95_ms=20,
        requests=1000,
    ),
    Scenario(
        name="klantbeeld",
        description="GET /klantcontact/partij/<uuid>/: klant met 2.000 contacten, eerste pagina",
        target="p95 ≤ 50 ms (issue 4)",
        prepare=_klantbeeld,
        target_p95_ms=50,
    ),
    Scenario(
        name="kennisbank zoeken",
        description="GET /kennisbank/?q=… (htmx-partial): 1–3 woorden, een derde met tikfout",
        target="p95 ≤ 30 ms (issue 3)",
        prepare=_knowledge_search,
        target_p95_ms=30,
        requests=1000,
    ),
    Scenario(
        name="partij zoeken (servertijd)",
        description="dezelfde zoekopdrachten als 'partij zoeken'" + _SERVER_TIME,
        target="p95 ≤ 20 ms (issue 4)",
        prepare=_server_time(_partij_search),
        target_p95_ms=20,
        requests=300,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="klantbeeld (servertijd)",
        description="dezelfde pagina als 'klantbeeld'" + _SERVER_TIME,
        target="p95 ≤ 50 ms (issue 4)",
        prepare=_server_time(_klantbeeld),
        target_p95_ms=50,
        requests=100,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="kennisbank zoeken (servertijd)",
        description="dezelfde zoekvragen als 'kennisbank zoeken'" + _SERVER_TIME,
        target="p95 ≤ 30 ms servertijd (issue 3)",
        prepare=_server_time(_knowledge_search),
        target_p95_ms=30,
        requests=300,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="contact registreren (API)",
        description="POST /api/v1/klantcontacten: 1–2 vragen, elk tiende met contactverzoek",
        target="≥ 300 per seconde (issue 4)",
        prepare=_contact_registration,
        target_throughput=300,
        requests=3000,
        concurrency=8,
    ),
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
    Scenario(
        name="dashboard (maand, servertijd)",
        description="dezelfde verzoeken als 'dashboard (maand)'" + _SERVER_TIME,
        target="≤ 200 ms servertijd (p95) voor één maand bij 5.000.000 klantcontacten (issue 9)",
        prepare=_server_time(_dashboard_maand),
        target_p95_ms=200,
        requests=70,
        concurrency=1,
        inline=True,
    ),
]


def _zaken(name: str) -> Callable[[Context], Callable[[int], Request]]:
    """A scenario of zaken/benchmark.py, imported when Django is ready."""

    def prepare(context: Context) -> Callable[[int], Request]:
        from zaken import benchmark

        return getattr(benchmark, name)(context)

    return prepare


SCENARIOS += [
    Scenario(
        name="werkvoorraad eerste pagina (API)",
        description="GET /api/v1/zaken?afdeling=…: open zaken van Burgerzaken, "
        "eerstvolgende termijn eerst, als backofficemedewerker",
        target="p95 ≤ 50 ms bij 1.000.000 zaken (issue 5)",
        prepare=_zaken("werkvoorraad_first_page"),
        target_p95_ms=50,
    ),
    Scenario(
        name="werkvoorraad eerste pagina (servertijd)",
        description="dezelfde verzoeken als 'werkvoorraad eerste pagina (API)'" + _SERVER_TIME,
        target="p95 ≤ 50 ms bij 1.000.000 zaken (issue 5)",
        prepare=_server_time(_zaken("werkvoorraad_first_page")),
        target_p95_ms=50,
        requests=300,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="zaak intake (API)",
        description="POST /api/v1/zaken met een eigen Idempotency-Key: zaak, eerste status "
        "en outbox-bericht in één transactie",
        target="≥ 200 per seconde (issue 5)",
        prepare=_zaken("zaak_intake"),
        target_throughput=200,
        requests=1000,
        concurrency=8,
    ),
]


def _sla_sweep(context: Context) -> Callable[[int], None]:
    """The beat task's sweep, once a minute at steady state: each run looks at the next
    minute of simulated time from now, over the generated open zaken and
    contactverzoeken. Events of earlier runs are removed first, so runs compare."""
    import datetime

    from django.utils import timezone

    from kcc.models import SlaGebeurtenis, SlaSweepStand
    from kcc.services import sla_sweep

    SlaGebeurtenis.objects.all().delete()
    start = timezone.now().replace(second=0, microsecond=0)
    SlaSweepStand.objects.update_or_create(pk=1, defaults={"tot": start})

    def run(i: int) -> None:
        sla_sweep(now=start + datetime.timedelta(minutes=i + 1))

    return run


def _marap(context: Context) -> Callable[[int], None]:
    """The monthly report of last month as the Celery task makes it: every figure,
    the charts and the PDF."""
    from django.utils import timezone

    from kcc.dashboard.marap import marap_pdf, previous_month

    van, tot = previous_month(timezone.localdate())

    def run(i: int) -> None:
        marap_pdf(van=van, tot=tot)

    return run


def _chat_latency(context: Context, *, host: str, port: int, stream_port: int) -> dict:
    import os

    from kanalen.chat import benchmark

    return benchmark.measure(
        host=host,
        port=port,
        stream_port=stream_port,
        token=context.token,
        chats=int(os.environ.get("KCC_BENCH_CHATS", "200")),
    )


SCENARIOS += [
    Scenario(
        name="sla sweep",
        description="kcc.services.sla_sweep per gesimuleerde minuut (de beat-taak): "
        "drempels van open zaken, contactverzoeken en e-mails, gebeurtenissen en meldingen",
        target="≤ 2 s per run bij 1.000.000 open zaken en 100.000 open contactverzoeken (issue 6)",
        prepare=_sla_sweep,
        target_p95_ms=2000,
        requests=240,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="marap pdf",
        description="kcc.dashboard.marap.marap_pdf voor de vorige maand (de Celery-taak): "
        "alle kerncijfers, een pagina per kanaal, grafieken als SVG, WeasyPrint",
        target="≤ 10 s per rapport (issue 9)",
        prepare=_marap,
        target_p95_ms=10_000,
        requests=3,
        concurrency=1,
        inline=True,
    ),
    Scenario(
        name="chat latency",
        description="antwoord van de medewerker (POST /api/v1/chats/<uuid>/berichten, "
        "gunicorn) tot het op de event-stream van de klant staat (uvicorn), hoogstens 20 per "
        "seconde (één client) verdeeld over KCC_BENCH_CHATS (200) gelijktijdig open chats",
        target="p95 ≤ 300 ms bij 200 gelijktijdige chats (issue 7)",
        prepare=lambda context: None,
        target_p95_ms=300,
        measure=_chat_latency,
    ),
]


def _email_ingest(context: Context) -> Callable[[int], Request]:
    from kanalen.email import benchmark

    return benchmark.ingest(context)


SCENARIOS.append(
    Scenario(
        name="e-mail ingest",
        description="POST /api/v1/email/inkomend (ruwe MIME, als de mailgateway): het corpus van "
        "vreemde echte e-mails (tests/kanalen/mime-corpus) steeds opnieuw, elk met een nieuwe "
        "Message-ID: ontleden, opschonen, partij zoeken, bewaren, ontvangstbevestiging",
        target="≥ 50 berichten per seconde (issue 7)",
        prepare=_email_ingest,
        target_throughput=50,
        requests=618,  # the corpus six times over
        concurrency=4,
    )
)
