"""SMS: numbers checked, the HTTP gateway against a real local HTTP server, the
partij's preferred kanaal, and what happens to an invalid number."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from contacts.models import DigitaalAdres, Kanaal
from kcc import outbox, sms
from kcc.models import Bericht
from kcc.services import bericht_queue
from tests.contacts.factories import PersoonFactory
from tests.zaken.factories import EmailFactory, make_zaak

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("06-12345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("020-1234567", None),  # a landline cannot receive an SMS
        ("06-1234", None),
        ("geen nummer", None),
    ],
)
def test_mobile_numbers_are_checked_and_written_as_e164(number, expected):
    assert sms.mobile_number(number) == expected


class Gateway(BaseHTTPRequestHandler):
    """A provider: answers with the status code the test sets, records what came in."""

    def do_POST(self):  # noqa: N802 - http.server hook name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append((self.headers["Authorization"], body))
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(b'{"id": "1"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.received, server.status = [], 202
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.KCC_SMS_BACKEND = "http"
    settings.KCC_SMS_URL = f"http://127.0.0.1:{server.server_port}/berichten"
    settings.KCC_SMS_API_KEY = "sleutel"
    settings.KCC_SMS_SENDER = "Gemeente"
    yield server
    server.shutdown()
    server.server_close()


def queue_sms() -> Bericht:
    return bericht_queue(
        kanaal=Bericht.Kanaal.SMS, ontvanger="06-12345678", inhoud="Uw pas ligt klaar."
    )


def test_an_sms_goes_to_the_http_provider_with_the_key(gateway):
    bericht = queue_sms()
    assert bericht.ontvanger == "+31612345678"
    outbox.bericht_deliver(bericht_id=bericht.pk)

    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.VERSTUURD
    assert gateway.received == [
        (
            "Bearer sleutel",
            {
                "to": "+31612345678",
                "from": "Gemeente",
                "body": "Uw pas ligt klaar.",
                "reference": str(bericht.uuid),
            },
        )
    ]


def test_a_refusing_provider_parks_the_sms_and_a_failing_one_retries(settings, gateway):
    settings.KCC_OUTBOX_MAX_ATTEMPTS = 1
    gateway.status = 503
    bericht = queue_sms()
    outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.TE_VERSTUREN
    assert "503" in bericht.laatste_fout

    gateway.status = 422
    outbox.bericht_deliver(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.MISLUKT
    assert "422" in bericht.laatste_fout


def test_the_file_backend_writes_each_sms(settings, tmp_path):
    settings.KCC_SMS_BACKEND = "file"
    settings.KCC_SMS_FILE = tmp_path / "sms.jsonl"
    bericht = queue_sms()
    outbox.bericht_deliver(bericht_id=bericht.pk)
    assert sms.FileGateway(settings.KCC_SMS_FILE).sent() == [
        {"to": "+31612345678", "body": "Uw pas ligt klaar.", "reference": str(bericht.uuid)}
    ]


def initiator(*, telefoon: str, email: bool):
    partij = PersoonFactory(voorkeurskanaal=Kanaal.TELEFOON)
    DigitaalAdres.objects.create(partij=partij, soort=DigitaalAdres.Soort.TELEFOON, adres=telefoon)
    if email:
        EmailFactory(partij=partij)
    return partij


def status_bericht(zaak) -> Bericht:
    return Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding__startswith="Status")


def test_a_partij_preferring_the_phone_gets_status_news_by_sms():
    zaak = make_zaak(initiator=initiator(telefoon="06-12345678", email=True))
    bericht = status_bericht(zaak)
    assert (bericht.kanaal, bericht.ontvanger) == (Bericht.Kanaal.SMS, "+31612345678")
    assert zaak.identificatie in bericht.inhoud


def test_an_invalid_number_falls_back_to_e_mail():
    zaak = make_zaak(initiator=initiator(telefoon="020-1234567", email=True))
    bericht = status_bericht(zaak)
    assert bericht.kanaal == Bericht.Kanaal.EMAIL
    assert "geen geldig mobiel nummer" in bericht.aanleiding


def test_an_invalid_number_without_e_mail_is_parked_with_the_reason_and_the_zaak_stands():
    zaak = make_zaak(initiator=initiator(telefoon="06-1234", email=False))
    assert zaak.status is not None
    bericht = status_bericht(zaak)
    assert (bericht.kanaal, bericht.status) == (Bericht.Kanaal.SMS, Bericht.Status.MISLUKT)
    assert bericht.laatste_fout == "Geen geldig mobiel nummer voor sms: 06-1234"
