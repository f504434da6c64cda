from django.core.management.base import BaseCommand

from kcc import sla


class Command(BaseCommand):
    help = (
        "Berekent de termijndrempels (waarschuwing, vandaag, verlopen, ernstig) van alle "
        "open zaken, contactverzoeken en e-mails opnieuw: na het migreren van bestaande "
        "gegevens of na het wijzigen van KCC_SLA_WAARSCHUWING_PERCENTAGE."
    )

    def handle(self, *args, **options):
        counts = sla.recompute_all()
        self.stdout.write(
            ", ".join(f"{object_type}: {count}" for object_type, count in counts.items())
        )
