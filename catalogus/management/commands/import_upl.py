from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalogus import services


class Command(BaseCommand):
    help = (
        "Importeert de gemeentelijke producten uit de Uniforme Productnamenlijst (UPL) "
        "als conceptproducten, en de SDG-informatiegebieden. Veilig om te herhalen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=services.UPL_FILE)
        parser.add_argument("--sdg", type=Path, default=services.SDG_FILE)
        parser.add_argument("--upl-sdg", type=Path, default=services.UPL_SDG_FILE)

    def handle(self, *args, file: Path, sdg: Path, upl_sdg: Path, **options):
        for path in (file, sdg, upl_sdg):
            if not path.exists():
                raise CommandError(f"Bestand niet gevonden: {path}")
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity > 1 or (verbosity == 1 and (done % 100 == 0 or done == total)):
                self.stdout.write(f"  {done}/{total} producten verwerkt")

        try:
            report = services.upl_import(
                path=file, sdg_path=sdg, upl_sdg_path=upl_sdg, progress=progress
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line, reason in report.rejected:
            self.stderr.write(f"  regel {line} afgekeurd: {reason}")
        self.stdout.write(self.style.SUCCESS(f"UPL-import: {report.summary()}."))
