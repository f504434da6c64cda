from django.core.management.base import BaseCommand

from kcc.benchmark.generate import generate_city
from kcc.benchmark.scales import SCALES


class Command(BaseCommand):
    help = "Vult de database met een gegenereerde stad voor de benchmarks (COPY, snel)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale: str, seed: int, **options):
        generate_city(scale=SCALES[scale], seed=seed, report=self.stdout.write)
