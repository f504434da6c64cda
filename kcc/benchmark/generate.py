"""Fast generation of a city-sized data set with COPY (not the ORM row by row).

Every app adds its generator to GENERATORS; each takes the scale and a seeded
random generator and returns what it wrote, so runs are repeatable.
"""

import importlib
import itertools
import json
import random
import time
import uuid
from collections.abc import Iterable

from django.db import connection, transaction

from kcc.benchmark.scales import METRO_MEDEWERKERS, Scale

GENERATORS = [
    "kcc.benchmark.generate.generate_organisation",
    "catalogus.benchmark.generate_catalogus",
    "contacts.benchmark.generate_partijen",
    "contacts.benchmark.generate_klantcontacten",
    "contacts.benchmark.generate_dagtellingen",
    "zaken.benchmark.generate_zaken",
]

MARKER_TABLE = "kcc_generated_city"


COPY_BATCH_ROWS = 50_000


def copy_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY rows into a table in batches; returns how many were written.

    Each batch is made before its COPY starts: making a row may query the database
    (the business calendar refreshes its closing days), and a query on the connection
    while a COPY is open waits for the COPY forever.
    """
    written = 0
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(iterator, COPY_BATCH_ROWS)):
            with cursor.cursor.copy(statement) as copy:
                for row in batch:
                    copy.write_row(row)
            written += len(batch)
    return written


def next_ids(table: str, count: int) -> list[int]:
    """Reserve `count` ids from the table's own sequence."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def reserve_ids(table: str, count: int) -> range:
    """Reserve a block of `count` consecutive ids from the table's own sequence.

    Cheaper than `next_ids` for millions of rows: one statement, no list.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(seq, nextval(seq) + %s - 1) FROM pg_get_serial_sequence(%s, 'id') seq",
            [count, table],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


def generate_organisation(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    """The demo afdelingen plus medewerkers spread over them."""
    from django.core.management import call_command

    from kcc.models import Afdeling

    call_command("demo_data", verbosity=0)
    afdeling_ids = list(Afdeling.objects.values_list("pk", flat=True))
    count = scale.count(METRO_MEDEWERKERS)
    user_ids = next_ids("auth_user", count)
    copy_rows(
        "auth_user",
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        (
            (
                user_id,
                "!",
                False,
                f"bench{user_id}",
                "Bench",
                f"Medewerker {user_id}",
                f"bench{user_id}@gemeente-voorbeeld.example",
                False,
                True,
                "2026-01-01T00:00:00Z",
            )
            for user_id in user_ids
        ),
    )
    copy_rows(
        "kcc_medewerker",
        ["uuid", "user_id", "afdeling_id", "functie", "toestelnummer", "vaardigheden"],
        (
            (
                uuid.UUID(int=rng.getrandbits(128), version=4),
                user_id,
                rng.choice(afdeling_ids),
                "Medewerker",
                "",
                [],
            )
            for user_id in user_ids
        ),
    )
    return {"medewerkers": count}


def already_generated() -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(scale text, generated_at timestamptz DEFAULT now(), counts jsonb)"
        )
        cursor.execute(f"SELECT scale, counts FROM {MARKER_TABLE} LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
    # Django's psycopg setup hands jsonb over as text.
    return {"scale": row[0], "counts": json.loads(row[1])} if row else None


def generate_city(*, scale: Scale, seed: int = 2026, report=print) -> dict:
    """Run every generator once; a database holds at most one generated city."""
    existing = already_generated()
    if existing:
        report(f"Al gegenereerd ({existing['scale']}): {existing['counts']}")
        return existing["counts"]
    rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
    counts: dict[str, int] = {}
    started = time.perf_counter()
    with transaction.atomic():
        for dotted in GENERATORS:
            module_name, function_name = dotted.rsplit(".", 1)
            generator = getattr(importlib.import_module(module_name), function_name)
            step_started = time.perf_counter()
            written = generator(scale=scale, rng=rng)
            seconds = time.perf_counter() - step_started
            counts.update(written)
            rate = sum(written.values()) / max(seconds, 1e-6)
            report(f"{function_name}: {written} in {seconds:.1f} s ({rate:,.0f} rijen/s)")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {MARKER_TABLE} (scale, counts) VALUES (%s, %s)",  # noqa: S608
                [scale.name, json.dumps(counts)],
            )
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map the index-only scans (dashboard, werkvoorraad)
        # rely on, as autovacuum does in production; it cannot run inside a
        # transaction (the tests), where ANALYZE alone gives the planner its numbers.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    report(f"Stad '{scale.name}' gegenereerd in {time.perf_counter() - started:.1f} s")
    return counts
