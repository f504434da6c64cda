"""Ways in: `manage.py ingest_email`, the API endpoint and the dev mail server."""

import io
import os
import smtplib
import subprocess
import sys

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from kanalen.models import InkomendeEmail
from tests.conftest import BASE_DIR
from tests.factories import UserFactory
from tests.kanalen.conftest import corpus_bytes, make_mail

URL = "/api/v1/email/inkomend"


# --- manage.py ingest_email ------------------------------------------------------


@pytest.mark.django_db
def test_ingest_email_reads_stdin_and_prints_the_reference(monkeypatch):
    raw = make_mail(message_id="<stdin-1@example.nl>").as_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()

    call_command("ingest_email", stdout=out)

    item = InkomendeEmail.objects.get(message_id="stdin-1@example.nl")
    assert item.bron == InkomendeEmail.Bron.COMMANDO
    assert out.getvalue().strip() == f"{item.referentie} nieuw"


@pytest.mark.django_db
def test_ingest_email_exits_normally_for_quarantined_mail(tmp_path):
    path = tmp_path / "kapot.eml"
    path.write_bytes(corpus_bytes("enmime__mail_erroneous.eml"))
    out = io.StringIO()

    call_command("ingest_email", str(path), stdout=out)  # raises SystemExit/CommandError otherwise

    item = InkomendeEmail.objects.get()
    assert item.status == InkomendeEmail.Status.QUARANTAINE
    assert out.getvalue().strip() == f"{item.referentie} quarantaine"


@pytest.mark.django_db
def test_ingest_email_says_when_a_mail_was_already_received(tmp_path):
    path = tmp_path / "mail.eml"
    path.write_bytes(make_mail(message_id="<twee-keer@example.nl>").as_bytes())
    call_command("ingest_email", str(path), stdout=io.StringIO())
    out = io.StringIO()

    call_command("ingest_email", str(path), stdout=out)

    assert out.getvalue().strip().endswith("(al ontvangen)")
    assert InkomendeEmail.objects.count() == 1


# --- API -------------------------------------------------------------------------


@pytest.fixture
def gateway_api(api_client, db):
    """The mail gateway: a technical account with only the delivery permission."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_inkomendeemail"))
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


def post_mail(client, raw: bytes, **headers):
    return client.generic("POST", URL, raw, content_type="message/rfc822", **headers)


def test_posting_raw_mime_creates_an_item(gateway_api):
    response = post_mail(gateway_api, make_mail(message_id="<api-1@example.nl>").as_bytes())

    assert response.status_code == 201, response.content
    item = InkomendeEmail.objects.get(message_id="api-1@example.nl")
    assert response.json() == {
        "uuid": str(item.uuid),
        "referentie": item.referentie,
        "status": "nieuw",
        "quarantaine_reden": "",
    }
    assert item.bron == InkomendeEmail.Bron.API


def test_posting_the_same_mail_again_answers_200_with_the_same_item(gateway_api):
    raw = make_mail(message_id="<api-2@example.nl>").as_bytes()
    first = post_mail(gateway_api, raw)

    again = post_mail(gateway_api, raw)

    assert again.status_code == 200
    assert again.json()["uuid"] == first.json()["uuid"]


def test_an_unreadable_mail_is_accepted_into_quarantine(gateway_api):
    response = post_mail(gateway_api, corpus_bytes("enmime__mail_erroneous.eml"))

    assert response.status_code == 201
    assert response.json()["status"] == "quarantaine"
    assert response.json()["quarantaine_reden"]


def test_a_mail_bigger_than_djangos_form_limit_is_accepted(gateway_api, settings):
    message = make_mail()
    message.add_attachment(
        b"%PDF-1.4\n" + b"0" * 3_000_000, maintype="application", subtype="pdf", filename="scan.pdf"
    )

    response = post_mail(gateway_api, message.as_bytes())

    assert response.status_code == 201
    assert InkomendeEmail.objects.get().bijlagen.get().grootte == 3_000_009


def test_an_empty_body_is_a_400_with_a_message(gateway_api):
    response = post_mail(gateway_api, b"  \r\n")

    assert response.status_code == 400
    assert response.json()["bericht"]
    assert not InkomendeEmail.objects.exists()


def test_the_wrong_content_type_is_refused(gateway_api):
    response = gateway_api.post(URL, {"bericht": "hallo"}, format="json")

    assert response.status_code == 415


def test_anonymous_delivery_is_refused(api_client, db):
    response = post_mail(api_client, make_mail().as_bytes())

    assert response.status_code == 401


def test_a_medewerker_without_the_permission_is_refused(agent_api):
    response = post_mail(agent_api, make_mail().as_bytes())

    assert response.status_code == 403
    assert not InkomendeEmail.objects.exists()


def test_an_idempotency_key_replays_the_first_answer(gateway_api):
    raw = make_mail().as_bytes()
    first = post_mail(gateway_api, raw, HTTP_IDEMPOTENCY_KEY="lever-1")

    again = post_mail(gateway_api, raw, HTTP_IDEMPOTENCY_KEY="lever-1")

    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()


# --- IMAP schedule -----------------------------------------------------------------


def test_polling_is_scheduled_only_when_an_imap_host_is_set():
    script = "from django.conf import settings; print(sorted(settings.CELERY_BEAT_SCHEDULE))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kcc.settings"}

    def schedule(**extra) -> str:
        command = [sys.executable, "-c", f"import django; django.setup(); {script}"]
        return subprocess.run(
            command, cwd=BASE_DIR, env={**env, **extra}, capture_output=True, text=True, check=True
        ).stdout

    assert "kanalen-poll-imap" not in schedule(KCC_IMAP_HOST="")
    assert "kanalen-poll-imap" in schedule(KCC_IMAP_HOST="imap.example.nl")


# --- the dev mail server -----------------------------------------------------------


def test_mail_to_the_municipal_address_lands_in_the_intake(dev_mail_server_on_test_db, settings):
    message = make_mail(message_id="<smtp-1@example.nl>", to=settings.KCC_INBOUND_EMAIL)
    with smtplib.SMTP("127.0.0.1", dev_mail_server_on_test_db, timeout=10) as smtp:
        smtp.send_message(message)
        smtp.send_message(make_mail(message_id="<smtp-2@example.nl>", to="iemand@example.nl"))

    item = InkomendeEmail.objects.get(message_id="smtp-1@example.nl")
    assert item.bron == InkomendeEmail.Bron.DEVMAIL
    assert item.status == InkomendeEmail.Status.NIEUW
    with item.raw.open("rb") as raw:
        assert b"Vraag over mijn paspoort" in raw.read()
    assert not InkomendeEmail.objects.filter(message_id="smtp-2@example.nl").exists()
