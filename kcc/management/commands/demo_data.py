"""Demo data for "Gemeente Voorbeeld"; safe to run again (idempotent)."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from catalogus.demo import demo_catalogus_load
from contacts import demo as contacts_demo
from contacts import selectors as contacts_selectors
from kanalen import demo as kanalen_demo
from kanalen import demo_balie, demo_chat, demo_post
from kcc import roles, sla
from kcc.models import (
    Afdeling,
    Bericht,
    Eenheid,
    Medewerker,
    Servicenorm,
    SlaSweepStand,
    SluitingsDag,
    Team,
)
from kcc.services import medewerker_create, sla_sweep
from zaken import demo as zaken_demo

DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts only, never in production data

AFDELINGEN = [
    ("kcc", "KCC", ["Telefonie (TIP)", "Balie", "Digitale kanalen"]),
    ("burgerzaken", "Burgerzaken", ["Reisdocumenten en rijbewijzen", "Burgerlijke stand"]),
    ("vergunningen", "Vergunningen", ["Omgevingsvergunningen", "APV en evenementen"]),
    ("belastingen", "Belastingen", ["Heffingen", "WOZ"]),
    ("sociaal-domein", "Sociaal Domein (Wmo)", ["Wmo", "Jeugd", "Werk en inkomen"]),
    ("openbare-ruimte", "Openbare Ruimte", ["Meldingen", "Beheer"]),
]

ACCOUNTS = [
    # username, first, last, afdeling, team, roles, is_staff, skills
    (
        "agent",
        "Anna",
        "de Vries",
        "kcc",
        "Telefonie (TIP)",
        [roles.KLANTCONTACTMEDEWERKER],
        False,
        ["burgerzaken", "belastingen"],
    ),
    (
        "backoffice",
        "Bram",
        "Jansen",
        "burgerzaken",
        "Reisdocumenten en rijbewijzen",
        [roles.BACKOFFICE],
        False,
        [],
    ),
    (
        "vergunningen",
        "Vera",
        "Mulder",
        "vergunningen",
        "APV en evenementen",
        [roles.BACKOFFICE],
        False,
        [],
    ),
    (
        "openbareruimte",
        "Otto",
        "de Boer",
        "openbare-ruimte",
        "Beheer",
        [roles.BACKOFFICE],
        False,
        [],
    ),
    ("manager", "Mirjam", "Bakker", "kcc", None, [roles.TEAMLEIDER], False, []),
    ("redacteur", "Ruben", "Visser", "kcc", "Digitale kanalen", [roles.REDACTEUR], True, []),
    ("beheerder", "Bea", "Smit", "kcc", None, [roles.BEHEERDER], True, []),
    ("postkamer", "Pieter", "Post", "kcc", None, [roles.POSTKAMER], False, []),
]


# The kwaliteitshandvest: what the municipality promises per kanaal.
SERVICENORMEN = [
    (Servicenorm.Kanaal.EMAIL, 2, Eenheid.WERKDAGEN, "E-mail beantwoord binnen 2 werkdagen"),
    (Servicenorm.Kanaal.CONTACTVERZOEK, 1, Eenheid.WERKDAGEN, "Teruggebeld binnen 1 werkdag"),
    (
        Servicenorm.Kanaal.WEBFORMULIER,
        2,
        Eenheid.WERKDAGEN,
        "Webformulier beantwoord binnen 2 werkdagen",
    ),
    (Servicenorm.Kanaal.POST, 5, Eenheid.WERKDAGEN, "Brief beantwoord binnen 5 werkdagen"),
]

SLUITINGSDAGEN = [
    (date(2026, 5, 15), "Dag na Hemelvaart"),
    (date(2026, 12, 24), "Kerstavond"),
    (date(2027, 5, 7), "Dag na Hemelvaart"),
]

# Berichten as the outbox keeps them: one sent, one parked with the server's reason.
DEMO_BERICHTEN = [
    (
        "demo:bericht:1",
        "p.de.boer@example.nl",
        "Uw aanvraag voor een paspoort is ontvangen",
        Bericht.Status.VERSTUURD,
        "",
    ),
    (
        "demo:bericht:2",
        "fam.jansen@onbekend.example",
        "Uw melding over een kapotte lantaarnpaal is afgehandeld",
        Bericht.Status.MISLUKT,
        "Ontvanger geweigerd: 550 5.1.1 Mailbox bestaat niet",
    ),
]


def _demo_parked_sms() -> None:
    """A status SMS that could not go, on the first demo partij's klantbeeld."""
    partij = contacts_selectors.partij_list().order_by("pk").first()
    if partij is None:
        return
    Bericht.objects.get_or_create(
        dedupe_key="demo:bericht:3",
        defaults={
            "kanaal": Bericht.Kanaal.SMS,
            "ontvanger": "06-1234",
            "inhoud": "Gemeente Voorbeeld: uw aanvraag is in behandeling genomen.",
            "status": Bericht.Status.MISLUKT,
            "laatste_fout": "Geen geldig mobiel nummer voor sms: 06-1234",
            "partij_uuid": partij.uuid,
            "aanleiding": "demodata",
        },
    )


class Command(BaseCommand):
    help = "Laadt de demodata van Gemeente Voorbeeld (afdelingen, demo-accounts, catalogus)."

    @transaction.atomic
    def handle(self, *args, **options):
        roles.sync_role_groups()
        afdelingen = {}
        for code, naam, teams in AFDELINGEN:
            afdeling, _ = Afdeling.objects.get_or_create(code=code, defaults={"naam": naam})
            afdelingen[code] = afdeling
            for team in teams:
                Team.objects.get_or_create(afdeling=afdeling, naam=team)
        User = get_user_model()
        created = 0
        for username, first, last, afdeling, team, account_roles, is_staff, skills in ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            medewerker_create(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@gemeente-voorbeeld.example",
                afdeling=afdelingen[afdeling],
                team=Team.objects.get(afdeling=afdelingen[afdeling], naam=team) if team else None,
                roles=account_roles,
                is_staff=is_staff,
                vaardigheden=skills,
            )
            created += 1
        catalogus = demo_catalogus_load(afdelingen=afdelingen)
        for kanaal, termijn, eenheid, omschrijving in SERVICENORMEN:
            Servicenorm.objects.get_or_create(
                kanaal=kanaal,
                product=None,
                defaults={"termijn": termijn, "eenheid": eenheid, "omschrijving": omschrijving},
            )
        for datum, omschrijving in SLUITINGSDAGEN:
            SluitingsDag.objects.get_or_create(datum=datum, defaults={"omschrijving": omschrijving})
        for key, ontvanger, onderwerp, status, fout in DEMO_BERICHTEN:
            Bericht.objects.get_or_create(
                dedupe_key=key,
                defaults={
                    "kanaal": Bericht.Kanaal.EMAIL,
                    "ontvanger": ontvanger,
                    "onderwerp": onderwerp,
                    "inhoud": f"Beste meneer, mevrouw,\n\n{onderwerp}.\n\nGemeente Voorbeeld",
                    "status": status,
                    "pogingen": 1 if status == Bericht.Status.VERSTUURD else 5,
                    "laatste_fout": fout,
                    "verstuurd_op": timezone.now() if status == Bericht.Status.VERSTUURD else None,
                    "aanleiding": "demodata",
                },
            )
        partijen = contacts_demo.load()
        _demo_parked_sms()
        zaken = zaken_demo.load()
        volume = contacts_demo.load_volume()
        self.stdout.write(
            f"Demodata: {Afdeling.objects.count()} afdelingen, {Medewerker.objects.count()} "
            f"medewerkers ({created} nieuw); catalogus: {catalogus['producten']} producten "
            f"({catalogus['gepubliceerd']} gepubliceerd), {catalogus['zaaktypen']} zaaktypen, "
            f"{catalogus['kennisartikelen']} kennisartikelen; {partijen} nieuwe partijen "
            f"met contacthistorie; {volume} contacten voor het dashboard; {zaken} nieuwe zaken; "
            f"{kanalen_demo.load()} inkomende e-mails."
        )
        self.stdout.write(demo_balie.load())
        self.stdout.write(f"Post: {demo_post.load()} geregistreerde brieven.")
        self.stdout.write(demo_chat.load())
        self.stdout.write(_sla_demo())
        # The planner's statistics still describe the tables before the load: with them a
        # dashboard drill-down was once planned as nested loops over every contact and ran
        # for minutes (seen in a browser test right after this command).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _sla_demo() -> str:
    """The demo's deadlines were set back after intake: store their SLA thresholds anew
    and let the first sweep look back over them, so the meldingen show at once."""
    sla.recompute_all()
    now = timezone.now()
    SlaSweepStand.objects.get_or_create(pk=1, defaults={"tot": now - timedelta(days=60)})
    return f"Termijnbewaking: {sla_sweep(now=now)} gebeurtenissen vastgelegd."
