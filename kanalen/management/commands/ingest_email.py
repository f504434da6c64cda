"""Read one RFC 822 message (a file, or stdin) into the e-mail intake: for MTA pipes."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest

# sendmail's EX_TEMPFAIL: the MTA keeps the mail and tries again later.
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Lees één e-mailbericht (bestand of stdin) in bij de e-mailintake."

    def add_arguments(self, parser):
        parser.add_argument("bestand", nargs="?", help="RFC 822-bestand; zonder: stdin")

    def handle(self, *args, **options):
        if options["bestand"]:
            try:
                raw = Path(options["bestand"]).read_bytes()
            except OSError as error:
                raise CommandError(f"Bestand niet te lezen: {error}") from error
        else:
            raw = sys.stdin.buffer.read()
        try:
            item, created = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.COMMANDO)
        except DatabaseError as error:
            self.stderr.write(f"Database niet bereikbaar, probeer later opnieuw: {error}")
            sys.exit(EX_TEMPFAIL)
        # Exit 0 also for quarantine: the mail is stored, the MTA must not bounce it.
        suffix = "" if created else " (al ontvangen)"
        self.stdout.write(f"{item.referentie} {item.status}{suffix}")
