from pathlib import Path

from django.core.management.base import BaseCommand

from kcc import backup


class Command(BaseCommand):
    help = (
        "Zet een back-up (manage.py backup) terug in een nieuwe, lege database en "
        "de geüploade bestanden in MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("map", type=Path)
        parser.add_argument("--database", required=True, help="Naam van de nieuwe database.")
        parser.add_argument(
            "--bestaande-database",
            action="store_true",
            help="De database bestaat al (leeg); niet aanmaken.",
        )

    def handle(self, *args, **options):
        backup.restore(
            options["map"], database=options["database"], create=not options["bestaande_database"]
        )
        self.stdout.write(f"Teruggezet in database {options['database']}")
