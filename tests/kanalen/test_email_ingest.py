"""The intake service: de-duplication, threading, limits, quarantine, deadline, reference."""

import re
from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest

from kanalen.email.parser import LOOP_HEADER
from kanalen.models import InkomendeEmail
from kanalen.services import email_antwoord_deadline, inkomende_email_ingest
from tests.kanalen.conftest import make_mail

API = InkomendeEmail.Bron.API
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ingest(message: EmailMessage | bytes):
    raw = message if isinstance(message, bytes) else message.as_bytes()
    return inkomende_email_ingest(raw=raw, bron=API)


@pytest.mark.django_db
def test_an_ordinary_mail_is_stored_new_with_sender_reference_and_deadline():
    item, created = ingest(make_mail(headers={"Cc": "Piet <piet@example.nl>"}))

    assert created
    assert item.status == InkomendeEmail.Status.NIEUW
    assert item.afzender_email == "jan.devries@example.nl"
    assert item.afzender_naam == "Jan de Vries"
    assert item.aan == ["info@gemeente-voorbeeld.example"]
    assert item.cc == ["piet@example.nl"]
    assert item.onderwerp == "Vraag over mijn paspoort"
    assert item.tekst == "Goedemiddag, wanneer kan ik mijn paspoort ophalen?"
    assert item.datum is not None
    assert re.fullmatch(r"KCC-\d{4}-\d{6}", item.referentie)
    assert item.deadline == email_antwoord_deadline(item.ontvangen_op)


@pytest.mark.django_db
def test_references_are_unique_and_increasing():
    first, _ = ingest(make_mail())
    second, _ = ingest(make_mail())

    assert first.referentie != second.referentie
    assert int(second.referentie[-6:]) > int(first.referentie[-6:])


@pytest.mark.django_db
def test_the_same_message_id_twice_is_stored_once():
    message = make_mail(message_id="<uniek-123@example.nl>")

    first, created_first = ingest(message)
    again, created_again = ingest(message)

    assert created_first and not created_again
    assert again.pk == first.pk
    assert InkomendeEmail.objects.filter(message_id="uniek-123@example.nl").count() == 1


@pytest.mark.django_db
def test_mails_without_message_id_are_not_merged():
    message = make_mail()
    del message["Message-ID"]

    ingest(message)
    ingest(message)

    assert InkomendeEmail.objects.filter(message_id="").count() == 2


@pytest.mark.django_db
def test_a_reply_is_threaded_by_in_reply_to():
    original, _ = ingest(make_mail(message_id="<vraag-1@example.nl>"))
    reply, _ = ingest(
        make_mail(
            subject="Re: Vraag over mijn paspoort",
            headers={"In-Reply-To": "<vraag-1@example.nl>"},
        )
    )

    assert reply.origineel == original
    assert reply.in_reply_to == "vraag-1@example.nl"


@pytest.mark.django_db
def test_a_reply_to_a_reply_joins_the_first_mail_of_the_thread_by_references():
    original, _ = ingest(make_mail(message_id="<vraag-2@example.nl>"))
    ingest(
        make_mail(
            message_id="<vervolg-2@example.nl>", headers={"In-Reply-To": "<vraag-2@example.nl>"}
        )
    )
    third, _ = ingest(
        make_mail(headers={"References": "<onbekend@elders.example> <vervolg-2@example.nl>"})
    )

    assert third.origineel == original


@pytest.mark.django_db
def test_a_reply_is_threaded_by_the_reference_tag_in_the_subject():
    original, _ = ingest(make_mail())
    reply, _ = ingest(make_mail(subject=f"RE: Uw vraag [{original.referentie}]"))

    assert reply.origineel == original


@pytest.mark.django_db
def test_an_unknown_reference_tag_starts_a_new_thread():
    reply, _ = ingest(make_mail(subject="Re: [KCC-1999-999999] oud"))

    assert reply.origineel is None


@pytest.mark.django_db
def test_an_oversized_attachment_is_dropped_with_a_note_and_the_mail_kept(settings):
    settings.KCC_EMAIL_MAX_ATTACHMENT_BYTES = 1000
    message = make_mail()
    message.add_attachment(
        b"%PDF-1.4\n" + b"x" * 5000, maintype="application", subtype="pdf", filename="groot.pdf"
    )
    message.add_attachment(
        b"%PDF-1.4\nklein", maintype="application", subtype="pdf", filename="klein.pdf"
    )

    item, _ = ingest(message)

    assert item.status == InkomendeEmail.Status.NIEUW
    assert [b.bestandsnaam for b in item.bijlagen.all()] == ["klein.pdf"]
    assert "Bijlage 'groot.pdf'" in item.verwerkingsnotities
    assert "weggelaten" in item.verwerkingsnotities
    with item.raw.open("rb") as raw:
        assert b"groot.pdf" in raw.read()


@pytest.mark.django_db
def test_an_executable_attachment_is_dropped_whatever_its_name(settings):
    message = make_mail()
    executable = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
    message.add_attachment(
        executable, maintype="application", subtype="pdf", filename="factuur.pdf"
    )

    item, _ = ingest(message)

    assert not item.bijlagen.exists()
    assert "application/x-msdownload" in item.verwerkingsnotities


@pytest.mark.django_db
def test_an_oversized_message_is_kept_whole_in_quarantine(settings):
    settings.KCC_EMAIL_MAX_MESSAGE_BYTES = 2000
    message = make_mail(body="tekst " * 1000)

    item, _ = ingest(message)

    assert item.status == InkomendeEmail.Status.QUARANTAINE
    assert "groter dan" in item.quarantaine_reden
    assert item.onderwerp == "Vraag over mijn paspoort"  # the headers are read
    assert item.raw_grootte == len(message.as_bytes())


@pytest.mark.django_db
def test_our_own_loop_header_means_quarantine():
    item, _ = ingest(make_mail(headers={LOOP_HEADER: "info@gemeente-voorbeeld.example"}))

    assert item.status == InkomendeEmail.Status.QUARANTAINE
    assert "Mail-lus" in item.quarantaine_reden


@pytest.mark.django_db
def test_too_many_received_headers_mean_a_loop(settings):
    settings.KCC_EMAIL_MAX_RECEIVED_HEADERS = 5
    message = make_mail()
    for hop in range(6):
        message["Received"] = f"from relay{hop}.example by relay{hop + 1}.example"

    item, _ = ingest(message)

    assert item.status == InkomendeEmail.Status.QUARANTAINE
    assert "6 keer doorgestuurd" in item.quarantaine_reden


@pytest.mark.django_db
def test_attachment_names_are_sanitised():
    message = make_mail()
    message.add_attachment(
        b"hallo", maintype="text", subtype="plain", filename="../../etc/pass wd<>.txt"
    )
    message.add_attachment(
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, maintype="image", subtype="png", filename=""
    )

    item, _ = ingest(message)

    names = [b.bestandsnaam for b in item.bijlagen.all()]
    assert names == ["pass_wd.txt", "bijlage-2.png"]
    for bijlage in item.bijlagen.all():
        assert ".." not in bijlage.bestand.name


@pytest.mark.django_db
def test_a_message_with_no_text_part_is_kept_with_a_note():
    message = EmailMessage()
    message["From"] = "a@example.nl"
    message["Subject"] = "Alleen een bijlage"
    message.set_content(
        b"%PDF-1.4\n",
        maintype="application",
        subtype="pdf",
        disposition="attachment",
        filename="scan.pdf",
    )

    item, _ = ingest(message)

    assert item.status == InkomendeEmail.Status.NIEUW
    assert item.tekst == ""
    assert item.bijlagen.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        ("2026-11-23 09:00", "2026-11-25"),  # Monday -> Wednesday
        ("2026-11-26 16:00", "2026-11-30"),  # Thursday -> Monday
        ("2026-11-27 23:30", "2026-12-01"),  # Friday late -> Tuesday
        ("2026-11-28 10:00", "2026-12-01"),  # Saturday -> Tuesday
        ("2026-12-23 10:00", "2026-12-28"),  # Wednesday -> Thu 24, then past Christmas
    ],
)
def test_the_answer_deadline_is_two_working_days(received, deadline, db):
    moment = datetime.fromisoformat(received).replace(tzinfo=AMSTERDAM)

    assert email_antwoord_deadline(moment).isoformat() == deadline
