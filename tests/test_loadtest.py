"""The load test's wiring: locust runs the staff mix against the live server, every
endpoint of the mix answers without failures and the report table is written."""

import socket
import uuid
from urllib.parse import urlsplit

import factory
import pytest

from kcc import roles
from kcc.benchmark import loadtest
from tests.catalogus.factories import ProductFactory
from tests.contacts.factories import AdresFactory, BsnFactory, PersoonFactory, TelefoonFactory
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype


def test_duration_is_read_as_locust_reads_it():
    assert [loadtest._seconds(d) for d in ("5m", "90s", "1h2m3s", "45")] == [300, 90, 3723, 45]
    with pytest.raises(ValueError, match="duur"):
        loadtest._seconds("vijf minuten")


@pytest.fixture
def city(transactional_db):
    """A few of everything the mix asks for, committed for the live server."""
    roles.sync_role_groups()
    AfdelingFactory(code="kcc", naam="KCC")
    burgerzaken = AfdelingFactory(code="burgerzaken", naam="Burgerzaken")
    for _ in range(5):
        partij = PersoonFactory()
        BsnFactory(partij=partij)
        AdresFactory(partij=partij)
        TelefoonFactory(partij=partij)
    ProductFactory.create_batch(3, naam=factory.Iterator(["Paspoort", "Rijbewijs", "Afval"]))
    zaaktype = make_zaaktype(afdeling=burgerzaken)
    for _ in range(3):
        make_zaak(zaaktype=zaaktype)


@pytest.mark.loadtest
def test_locust_mix_runs_against_the_live_server_without_failures(city, live_server, tmp_path):
    plan = loadtest.plan_build(users=20)
    assert len(plan["accounts"]["agent"]) == 20
    # Accounts are made once: a second run reuses them.
    assert loadtest.plan_build(users=20)["accounts"] == plan["accounts"]

    address = urlsplit(live_server.url)
    result = loadtest.run_locust(
        host=address.hostname,
        port=address.port,
        plan=plan,
        users=20,
        spawn_rate=20,
        duration="8s",
        warmup=4,
        workdir=tmp_path,
        think=0.05,
    )

    # The logins fall in the warm-up, counted apart; the work after it.
    assert "POST /inloggen/" in {row["name"] for row in result["opstart"]["endpoints"]}
    assert result["opstart"]["total"]["failures"] == 0, result["opstart"]["failure_samples"]
    assert all(row["requests"] for row in result["endpoints"])
    # A teamleider opens the dashboard once a minute (think time scaled down here):
    # on a slow machine its one visit may fall in the warm-up, so count both parts.
    names = {row["name"] for part in (result, result["opstart"]) for row in part["endpoints"]}
    assert any(name.startswith("GET /dashboard/") for name in names)
    assert {
        "GET /klantcontact/?q= (partij zoeken, htmx)",
        "GET /klantcontact/partij/<uuid>/ (klantbeeld)",
        "POST /klantcontact/partij/<uuid>/ (contact registreren)",
        "GET /kennisbank/?q= (kennisbank zoeken, htmx)",
        "GET /zaken/ (werkvoorraad)",
        "GET /zaken/<uuid>/ (zaak)",
    } <= names
    assert result["total"]["failures"] == 0, result["failure_samples"]
    assert result["total"]["requests"] == sum(row["requests"] for row in result["endpoints"])

    section = loadtest.report_section(
        {
            **result,
            "scale": "tiny",
            "date": "2026-11-27T08:00:00+00:00",
            "commit": "abc1234",
            "machine": "test",
            "users": 20,
            "duration": "8s",
            "spawn_rate": 20,
            "gunicorn": "gunicorn (4 workers, gthread × 8 threads)",
        }
    )
    assert "## Load test, schaal `tiny`" in section
    assert "| POST /klantcontact/partij/<uuid>/ (contact registreren) | " in section
    assert "| totaal | " in section
    assert "Opstart (de eerste 4 s" in section


def test_an_exception_in_the_locustfile_fails_the_harness(tmp_path):
    """Requests that fail are results; a locustfile that breaks is not."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    plan = {
        "password": "x",
        "accounts": {role: ["iemand"] for role in loadtest.AFDELINGEN},
        "partij_zoeken": ["/klantcontact/?q=1"],
        "kennisbank_zoeken": ["/kennisbank/?q=paspoort"],
        "partijen": [str(uuid.uuid4())],
        "producten": [str(uuid.uuid4())],
        "zaken": [],  # the backoffice users' random.choice breaks on it
        "afdelingen": ["kcc"],
    }
    with pytest.raises(RuntimeError, match="locustfile faalde"):
        loadtest.run_locust(
            host="127.0.0.1",
            port=closed_port,
            plan=plan,
            users=20,
            spawn_rate=20,
            duration="3s",
            workdir=tmp_path,
            think=0.05,
        )
