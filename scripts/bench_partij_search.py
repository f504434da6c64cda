"""Measure partij search and klantbeeld on generated partijen (dev database, not in tests).

    .venv/bin/python scripts/bench_partij_search.py --partijen 50000

Generates partijen (valid BSNs from 900,000,000 on, so they never clash with
demo data), times each search path through Django's test client as the demo
agent, prints p50/p95 and removes what it generated (unless --keep).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from contacts.identifiers import bsn_from_number  # noqa: E402
from contacts.models import Adres, DigitaalAdres, Partij, PartijIdentificator  # noqa: E402
from kcc.models import Medewerker  # noqa: E402

BASE = 90_000_000
ACHTERNAMEN = [
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "van Dijk", "Koster", "Verhoeven", "Prins", "Postma", "Kaya", "Yilmaz", "El Amrani",
]  # fmt: skip


def generate(count: int, rnd: random.Random) -> None:
    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            partijen = Partij.objects.bulk_create(
                Partij(
                    soort="persoon",
                    voornaam="Bench",
                    achternaam=f"{rnd.choice(ACHTERNAMEN)}{rnd.randint(0, 999)}",
                    geboortedatum=f"{rnd.randint(1930, 2006)}-{rnd.randint(1, 12):02d}-"
                    f"{rnd.randint(1, 28):02d}",
                )
                for _ in range(start, min(start + batch, count))
            )
            PartijIdentificator.objects.bulk_create(
                PartijIdentificator(
                    partij=p, soort="bsn", waarde=bsn_from_number(BASE + (start + i) * 3)
                )
                for i, p in enumerate(partijen)
            )
            Adres.objects.bulk_create(
                Adres(
                    partij=p,
                    postcode=f"{9000 + (start + i) // 400 % 999} {'ABCDEFGH'[i % 8]}X",
                    huisnummer=(start + i) % 400 + 1,
                )
                for i, p in enumerate(partijen)
            )
            DigitaalAdres.objects.bulk_create(
                DigitaalAdres(partij=p, soort="telefoon", adres=f"+3169{start + i:07d}")
                for i, p in enumerate(partijen)
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def remove() -> None:
    ids = Partij.objects.filter(voornaam="Bench", identificatoren__waarde__startswith="9")
    Partij.objects.filter(pk__in=ids.values("pk")).delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--partijen", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rnd = random.Random(7)  # noqa: S311 - repeatable generated data
    started = time.perf_counter()
    generate(args.partijen, rnd)
    print(f"{args.partijen} partijen gemaakt in {time.perf_counter() - started:.1f} s")

    client = Client()
    client.force_login(Medewerker.objects.get(user__username="agent").user)
    some = list(Partij.objects.filter(voornaam="Bench").order_by("?")[: args.runs])
    queries = {
        "bsn": lambda p: p.identificatoren.all()[0].waarde,
        "postcode+nr": lambda p: f"{p.adressen.all()[0].postcode} {p.adressen.all()[0].huisnummer}",
        "telefoon": lambda p: "0" + p.digitale_adressen.all()[0].adres[3:],
        "naam+datum": lambda p: f"{p.achternaam[:5]} {p.geboortedatum:%d-%m-%Y}",
        "naam (prefix)": lambda p: p.achternaam[:4],
    }
    try:
        for name, make in queries.items():
            timings = []
            for partij in some:
                q = make(partij)
                t0 = time.perf_counter()
                response = client.get("/klantcontact/", {"q": q}, headers={"HX-Request": "true"})
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"zoeken {name:14} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms")
        timings = []
        for partij in some[:50]:
            t0 = time.perf_counter()
            client.get(f"/klantcontact/partij/{partij.uuid}/")
            timings.append((time.perf_counter() - t0) * 1000)
        print(f"klantbeeld (pagina)   p50 {statistics.median(timings):6.1f} ms")
    finally:
        if not args.keep:
            remove()


if __name__ == "__main__":
    main()
