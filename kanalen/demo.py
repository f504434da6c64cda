"""Demo e-mails to the municipal address, as the intake receives them."""

from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

from kanalen.email.parser import LOOP_HEADER
from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest

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
        "demo-parkeren@example.nl",
        "Jan Jansen <jan.jansen@example.nl>",
        "Parkeervergunning tweede auto",
        "Beste gemeente,\n\nWij krijgen binnenkort een tweede auto. Kan ik daarvoor ook een "
        "bewonersvergunning aanvragen, en hoe lang is de wachttijd?\n\nGroet,\nJan Jansen",
        {},
    ),
    (
        "demo-verlichting@example.org",
        "Jeroen Mulder <j.mulder@example.org>",
        "Lantaarnpaal kapot Dorpsstraat",
        "De lantaarnpaal voor Dorpsstraat 8 brandt al een week niet. Het is 's avonds erg donker "
        "op de stoep.\n\nJeroen Mulder",
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


def load() -> int:
    """Ingest the demo mails; known Message-IDs are recognised, so a rerun adds nothing."""
    for demo in DEMO_EMAILS:
        inkomende_email_ingest(raw=_demo_email(*demo), bron=InkomendeEmail.Bron.COMMANDO)
    return InkomendeEmail.objects.count()
