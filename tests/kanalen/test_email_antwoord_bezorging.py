"""The acknowledgement and the answer through the real outbox: a Celery worker
process delivering over SMTP to the dev mail server; the customer's reply threads."""

from email import message_from_bytes, policy

import pytest

from kanalen import services
from kanalen.models import InkomendeEmail
from kcc.models import Bericht
from tests.kanalen.conftest import make_mail
from tests.kanalen.test_email_ingest import ingest
from tests.test_outbox_delivery import wait_for

pytestmark = pytest.mark.worker


def delivered(server, subject_start: str):
    for message in server.messages():
        parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
        if str(parsed["Subject"]).startswith(subject_start):
            return parsed
    return None


def reply_to(message, *, body: str, headers: bool = True) -> bytes:
    """What the customer's mail client sends back."""
    reply = make_mail(subject=f"Re: {message['Subject']}", body=body, to=str(message["Reply-To"]))
    if headers:
        reply["In-Reply-To"] = message["Message-ID"]
        reply["References"] = f"{message['References']} {message['Message-ID']}"
    return reply.as_bytes()


def test_acknowledgement_and_answer_arrive_threaded_and_the_reply_comes_back(
    start_celery_worker, dev_mail_server, agent
):
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    item, _ = ingest(make_mail(message_id="<paspoort-1@example.nl>"))

    ack = wait_for(lambda: delivered(dev_mail_server, "Ontvangstbevestiging"), "bevestiging")
    assert ack["To"] == "jan.devries@example.nl"
    assert f"[{item.referentie}]" in ack["Subject"]
    assert ack["In-Reply-To"] == "<paspoort-1@example.nl>"
    assert ack["X-KCC-Loop"] == "info@gemeente-voorbeeld.example"
    assert ack["Auto-Submitted"] == "auto-replied"
    assert services.datum_nl(item.deadline) in ack.get_content()

    services.inkomende_email_answer(
        email=item, medewerker=agent, tekst="Uw paspoort ligt dinsdag klaar."
    )
    answer = wait_for(lambda: delivered(dev_mail_server, "Re:"), "antwoord")
    assert answer["Subject"] == f"Re: Vraag over mijn paspoort [{item.referentie}]"
    assert answer["In-Reply-To"] == "<paspoort-1@example.nl>"
    assert "<paspoort-1@example.nl>" in answer["References"]
    assert answer["Reply-To"] == "info@gemeente-voorbeeld.example"
    body = answer.get_content()
    assert body.startswith("Uw paspoort ligt dinsdag klaar.")
    assert "> Goedemiddag, wanneer kan ik mijn paspoort ophalen?" in body

    # The customer answers from their mail client: it threads onto the item.
    reply, _ = ingest(reply_to(answer, body="Dank u, ik kom dinsdag."))
    assert reply.origineel == item
    # A client that drops the headers: the reference tag in the subject still threads it.
    bare, _ = ingest(reply_to(answer, body="Nog een vraag.", headers=False))
    assert bare.origineel == item
    assert Bericht.objects.filter(aanleiding__startswith="Ontvangstbevestiging").count() == 1


def test_our_own_mail_coming_back_is_a_loop_not_a_new_item(start_celery_worker, dev_mail_server):
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    ingest(make_mail())
    ack = wait_for(lambda: delivered(dev_mail_server, "Ontvangstbevestiging"), "bevestiging")

    bounced_back, _ = ingest(ack.as_bytes())

    assert bounced_back.status == InkomendeEmail.Status.QUARANTAINE
    assert "Mail-lus" in bounced_back.quarantaine_reden
    assert Bericht.objects.count() == 1
