"""Demo data for "Gemeente Voorbeeld"; safe to run again (idempotent)."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kanalen.email.parser import LOOP_HEADER
from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
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


# Mails to the municipal address: (Message-ID, From, Subject, text, extra headers).
DEMO_EMAILS = [
    (
        "demo-grofvuil@example.nl",
        "Fatima El Amrani <f.elamrani@example.nl>",
        "Vraag over ophalen grofvuil",
        "Goedemorgen,\n\nIk wil een bank en twee matrassen laten ophalen. "
        "Kan dat nog deze maand en wat kost het?\n\nMet vriendelijke groet,\nFatima El Amrani",
        {},
    ),
    (
        "demo-woz@example.com",
        "Peter Bakker <p.bakker@example.com>",
        "Bezwaar WOZ-beschikking 2026",
        "Geachte heer/mevrouw,\n\nHierbij maak ik bezwaar tegen de WOZ-waarde van mijn woning "
        "aan de Kerkstraat 12. Het taxatierapport stuur ik mee.\n\nPeter Bakker",
        {},
    ),
    (
        "demo-grofvuil-reactie@example.nl",
        "Fatima El Amrani <f.elamrani@example.nl>",
        "Re: Vraag over ophalen grofvuil",
        "Aanvulling: het gaat ook om een oude koelkast.",
        {"In-Reply-To": "<demo-grofvuil@example.nl>"},
    ),
    (
        "demo-afwezig@example.org",
        "Jeroen Mulder <j.mulder@example.org>",
        "Automatisch antwoord: Uw melding openbare verlichting",
        "Ik ben tot en met 1 december afwezig en lees mijn e-mail niet.",
        {"Auto-Submitted": "auto-replied"},
    ),
    (
        "demo-bounce@mail.example.net",
        "Mail Delivery System <MAILER-DAEMON@mail.example.net>",
        "Undelivered Mail Returned to Sender",
        "This is the mail system at host mail.example.net. Your message could not be delivered.",
        {"Return-Path": "<>"},
    ),
    (
        "demo-lus@gemeente-voorbeeld.example",
        "Gemeente Voorbeeld <info@gemeente-voorbeeld.example>",
        "Ontvangstbevestiging: Uw vraag",
        "Wij hebben uw vraag ontvangen.",
        {LOOP_HEADER: "info@gemeente-voorbeeld.example"},
    ),
]


def _demo_email(message_id, sender, subject, text, headers) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Gemeente Voorbeeld <info@gemeente-voorbeeld.example>"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = f"<{message_id}>"
    for name, value in headers.items():
        message[name] = value
    message.set_content(text)
    if "WOZ" in subject:
        message.add_attachment(
            b"%PDF-1.4\n% taxatierapport\n",
            maintype="application",
            subtype="pdf",
            filename="taxatierapport Kerkstraat 12.pdf",
        )
    return message.as_bytes()


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
        # Known Message-IDs are recognised, so running this again adds nothing.
        for demo in DEMO_EMAILS:
            inkomende_email_ingest(raw=_demo_email(*demo), bron=InkomendeEmail.Bron.COMMANDO)
        self.stdout.write(
            f"Demodata: {Afdeling.objects.count()} afdelingen, {Medewerker.objects.count()} "
            f"medewerkers ({created} nieuw), {InkomendeEmail.objects.count()} inkomende e-mails."
        )
