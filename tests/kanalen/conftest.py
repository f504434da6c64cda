from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "mime-corpus"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Raw mails and attachments of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def corpus_bytes(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def make_mail(
    *,
    subject: str = "Vraag over mijn paspoort",
    body: str = "Goedemiddag, wanneer kan ik mijn paspoort ophalen?",
    sender: str = "Jan de Vries <jan.devries@example.nl>",
    to: str = "info@gemeente-voorbeeld.example",
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id or make_msgid(domain="example.nl")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message
