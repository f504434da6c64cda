import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 20
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail("De ontwikkelmailserver startte niet")
        time.sleep(0.1)


@pytest.fixture
def dev_mail_server(tmp_path):
    port = free_port()
    mailbox_dir = tmp_path / "mail"
    server = subprocess.Popen(
        [sys.executable, "-m", "kcc.devmail"],
        cwd=BASE_DIR,
        env={**os.environ, "EMAIL_PORT": str(port), "KCC_DEV_MAILBOX": str(mailbox_dir)},
    )
    wait_for_port(server, port)
    yield port, mailbox_dir
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.django_db
def test_mail_sent_over_smtp_shows_in_the_dev_mailbox(client, dev_mail_server, beheerder):
    port, mailbox_dir = dev_mail_server
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_PORT=port,
        KCC_DEV_MAILBOX=mailbox_dir,
    ):
        mail.send_mail(
            "Uw aanvraag is ontvangen",
            "Wij nemen binnen 2 werkdagen contact op.",
            "noreply@gemeente-voorbeeld.example",
            ["j.jansen@example.nl"],
        )
        client.force_login(beheerder.user)
        listing = client.get("/dev/mail/").content.decode()
        assert "Uw aanvraag is ontvangen" in listing
        assert "j.jansen@example.nl" in listing


@pytest.mark.django_db
def test_dev_mailbox_is_for_staff_only(client, agent):
    client.force_login(agent.user)
    assert client.get("/dev/mail/").status_code == 302
