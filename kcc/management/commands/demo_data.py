"""Demo data for "Gemeente Voorbeeld"; safe to run again (idempotent)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from contacts import demo as contacts_demo
from kcc import roles
from kcc.models import Afdeling, Medewerker, Team
from kcc.services import medewerker_create

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
    ("manager", "Mirjam", "Bakker", "kcc", None, [roles.TEAMLEIDER], False, []),
    ("redacteur", "Ruben", "Visser", "kcc", "Digitale kanalen", [roles.REDACTEUR], True, []),
    ("beheerder", "Bea", "Smit", "kcc", None, [roles.BEHEERDER], True, []),
]


class Command(BaseCommand):
    help = "Laadt de demodata van Gemeente Voorbeeld (afdelingen en demo-accounts)."

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
        partijen = contacts_demo.load()
        self.stdout.write(
            f"Demodata: {partijen} nieuwe partijen (klanten) met contacthistorie.\n"
            f"Demodata: {Afdeling.objects.count()} afdelingen, {Medewerker.objects.count()} "
            f"medewerkers ({created} nieuw)."
        )
