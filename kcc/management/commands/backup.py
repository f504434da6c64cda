from pathlib import Path

from django.core.management.base import BaseCommand

from kcc import backup


class Command(BaseCommand):
    help = "Back-up van de database (pg_dump -Fc) en de geüploade bestanden naar een map."

    def add_arguments(self, parser):
        parser.add_argument("map", type=Path)

    def handle(self, *args, **options):
        target = backup.backup(options["map"])
        self.stdout.write(f"Back-up geschreven naar {target}")
