"""`make loadtest`: a bounded headless locust run of a working day's staff mix against
gunicorn on loopback → requests, failures and p50/p95/p99 per endpoint.

Usage: python -m kcc.benchmark.loadtest [--scale small|city|metro] [--users 200]
       [--duration 5m] [--spawn-rate N]

The generated city of `make bench` (same database, same gunicorn settings) gets
one login account per simulated user and role; the mix itself is in
kcc/benchmark/locustfile.py. Results: docs/loadtest-<scale>.json and the
"Load test" section of docs/benchmarks.md. Slow numbers are results, not errors:
the command fails only when the harness itself does.
"""

import argparse
import datetime
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PASSWORD = "loadtest"  # noqa: S105 - accounts of the generated benchmark city only
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Simulated role (the locustfile's) → afdeling code of its accounts.
AFDELINGEN = {"agent": "kcc", "backoffice": "burgerzaken", "teamleider": "kcc"}


def accounts_ensure(*, users: int) -> dict[str, list[str]]:
    """`users` login accounts per simulated role (enough for any mix), made once.

    The password is hashed once and shared: hashing 600 passwords one by one would
    take minutes, and these accounts exist only in the benchmark database.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from kcc import roles
    from kcc.models import Afdeling
    from kcc.services import medewerker_create

    groups = {
        "agent": roles.KLANTCONTACTMEDEWERKER,
        "backoffice": roles.BACKOFFICE,
        "teamleider": roles.TEAMLEIDER,
    }
    User = get_user_model()
    accounts = {
        role: [f"loadtest-{role}-{n:03d}" for n in range(1, users + 1)] for role in AFDELINGEN
    }
    with transaction.atomic():
        existing = set(
            User.objects.filter(username__startswith="loadtest-").values_list("username", flat=True)
        )
        for role, afdeling_code in AFDELINGEN.items():
            afdeling = Afdeling.objects.get(code=afdeling_code)
            for username in accounts[role]:
                if username not in existing:
                    medewerker_create(
                        username=username,
                        password=None,
                        first_name="Load",
                        last_name=username.removeprefix("loadtest-"),
                        afdeling=afdeling,
                        roles=[groups[role]],
                    )
        User.objects.filter(username__startswith="loadtest-").update(
            password=make_password(PASSWORD)
        )
    return accounts


def plan_build(*, users: int) -> dict:
    """What the simulated users ask for, sampled from the generated city: the same
    search terms as the bench scenarios, customers, products and open zaken of the
    backoffice accounts' afdeling."""
    from catalogus.selectors import product_public_list
    from contacts.selectors import partij_list
    from kcc.benchmark.scenarios import _SAMPLE, Context, _knowledge_search, _partij_search
    from kcc.models import Afdeling
    from zaken.selectors import zaak_list

    context = Context(token="")
    partij_search, knowledge_search = _partij_search(context), _knowledge_search(context)

    def uuids(queryset) -> list[str]:
        return [str(u) for u in queryset.order_by("?").values_list("uuid", flat=True)[:_SAMPLE]]

    plan = {
        "password": PASSWORD,
        "accounts": accounts_ensure(users=users),
        "partij_zoeken": [partij_search(i).path for i in range(_SAMPLE)],
        "kennisbank_zoeken": [knowledge_search(i).path for i in range(_SAMPLE)],
        "partijen": uuids(partij_list()),
        "producten": uuids(product_public_list()),
        "zaken": uuids(
            zaak_list().filter(
                behandelende_afdeling__code=AFDELINGEN["backoffice"], einddatum__isnull=True
            )
        ),
        "afdelingen": list(Afdeling.objects.filter(actief=True).values_list("code", flat=True)),
    }
    missing = [key for key, value in plan.items() if not value]
    if missing:
        raise RuntimeError(f"geen {', '.join(missing)} in de gegenereerde stad")
    return plan


def _seconds(duration: str) -> int:
    """locust's --run-time notation (1h30m, 5m, 20s, 90) in seconds."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", duration.strip())
    if not parts or not any(parts.groups()):
        raise ValueError(f"duur niet begrepen: {duration!r}")
    hours, minutes, seconds = (int(part or 0) for part in parts.groups())
    return hours * 3600 + minutes * 60 + seconds


def run_locust(
    *,
    host: str,
    port: int,
    plan: dict,
    users: int,
    duration: str,
    spawn_rate: float,
    workdir: Path,
    warmup: float = 0,
    think: float = 1.0,
) -> dict:
    """Run the locustfile headless for `warmup` seconds plus `duration`; per-endpoint
    results of the `duration` part, and of the warm-up apart (as "opstart").

    Raises when locust or the locustfile fails (not when requests fail: those are
    results).
    """
    assert host in LOOPBACK, "load tests stay on loopback"
    plan_path = workdir / "loadtest-plan.json"
    plan_path.write_text(json.dumps(plan))
    result_path = workdir / "loadtest-result.json"
    result_path.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        f"http://{host}:{port}",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{math.ceil(warmup) + _seconds(duration)}s",
        "--only-summary",
        "--loglevel",
        "WARNING",
        # Failed requests are results, reported per endpoint; only a broken run fails.
        "--exit-code-on-error",
        "0",
    ]
    env = {
        **os.environ,
        "KCC_LOADTEST_PLAN": str(plan_path),
        "KCC_LOADTEST_RESULT": str(result_path),
        "KCC_LOADTEST_WARMUP": str(math.ceil(warmup)),
        "KCC_LOADTEST_THINK": str(think),
    }
    subprocess.run(command, env=env, check=True, timeout=warmup + _seconds(duration) + 120)
    if not result_path.exists():
        raise RuntimeError(f"locust schreef geen resultaat in {result_path}")
    result = json.loads(result_path.read_text())
    # An exception in the locustfile is a broken harness, not a slow server.
    if result["exceptions"]:
        raise RuntimeError(f"de locustfile faalde: {'; '.join(result['exceptions'])}")
    return {**result["measured"], "warmup_seconds": math.ceil(warmup), "opstart": result["warmup"]}


def _table(part: dict) -> str:
    rows = "\n".join(
        f"| {r['name']} | {r['requests']} | {r['failures']} | {r['p50_ms']} | {r['p95_ms']} "
        f"| {r['p99_ms']} | {r['rps']} |"
        for r in [*part["endpoints"], part["total"]]
    )
    failures = "".join(f"- {sample}\n" for sample in part["failure_samples"])
    return (
        "| endpoint | verzoeken | fouten | p50 ms | p95 ms | p99 ms | per s |\n"
        "|---|---|---|---|---|---|---|\n"
        f"{rows}\n" + (f"\nFouten (voorbeelden):\n\n{failures}" if failures else "")
    )


def report_section(data: dict) -> str:
    """The markdown section of one load test run (docs/benchmarks.md)."""
    section = (
        f"## Load test, schaal `{data['scale']}`\n\n"
        f"Datum {data['date']}, commit `{data['commit']}`, machine: {data['machine']}.\n"
        f"{data['users']} gesimuleerde medewerkers (klantcontact, backoffice, teamleider; "
        f"zie `kcc/benchmark/locustfile.py`), {data['spawn_rate']} per seconde erbij, tegen "
        f"{data['gunicorn']} op loopback. Gemeten: {data['duration']} "
        f"na {data['warmup_seconds']} s opstart. Percentielen zoals locust ze meet (afgerond "
        "in emmers).\n\n" + _table(data)
    )
    if data.get("opstart"):
        section += (
            f"\nOpstart (de eerste {data['warmup_seconds']} s: iedereen logt in, niet in de "
            "tabel hierboven):\n\n" + _table(data["opstart"])
        )
    return section


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scale", default=os.environ.get("SCALE", "small"), choices=["small", "city", "metro"]
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument(
        "--duration", default="5m", help="gemeten duur na de opstart, bijv. 5m of 90s"
    )
    parser.add_argument(
        "--warmup",
        type=float,
        help="seconden opstart die apart geteld worden (standaard: tot iedereen er is, plus 30 s)",
    )
    parser.add_argument(
        "--spawn-rate",
        type=float,
        help="gebruikers per seconde erbij (standaard: allemaal binnen 30 s, als bij de "
        "start van een dienst)",
    )
    args = parser.parse_args()
    _seconds(args.duration)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")

    from kcc.benchmark.__main__ import (
        BASE_DIR,
        _commit,
        _machine,
        gunicorn_description,
        gunicorn_server,
        prepare_city,
        save,
    )

    spawn_rate = args.spawn_rate or max(1.0, math.ceil(args.users / 30))
    warmup = args.warmup if args.warmup is not None else math.ceil(args.users / spawn_rate) + 30
    env, _ = prepare_city(args.scale)
    plan = plan_build(users=args.users)
    workdir = BASE_DIR / ".kcc" / "loadtest"
    workdir.mkdir(parents=True, exist_ok=True)
    with gunicorn_server(env) as port:
        result = run_locust(
            host="127.0.0.1",
            port=port,
            plan=plan,
            users=args.users,
            duration=args.duration,
            spawn_rate=spawn_rate,
            workdir=workdir,
            warmup=warmup,
        )
    data = {
        "scale": args.scale,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": _machine(),
        "users": args.users,
        "duration": args.duration,
        "spawn_rate": spawn_rate,
        "gunicorn": gunicorn_description(),
        **result,
    }
    for row in [*data["endpoints"], data["total"]]:
        print(
            f"{row['name']}: {row['requests']} verzoeken, {row['failures']} fouten, "
            f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms"
        )
    save(f"loadtest-{args.scale}", data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
