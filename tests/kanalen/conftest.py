import os
import shutil
import sys
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import pytest
from django.core import signing

CORPUS = Path(__file__).resolve().parent / "mime-corpus"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Raw mails and attachments of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def old_token(seconds_ago: float = 60) -> str:
    """A web form's token as if the form was shown `seconds_ago` (past the minimum fill time)."""
    return signing.dumps(time.time() - seconds_ago, salt="kanalen.webformulier")


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


def dovecot_path() -> str | None:
    # Debian puts it in /usr/sbin, which is not on every PATH.
    found = shutil.which("dovecot") or "/usr/sbin/dovecot"
    return found if Path(found).exists() else None


def pytest_collection_modifyitems(config, items):
    """Without dovecot the IMAP tests are skipped loudly; KCC_REQUIRE_IMAP=1 makes that an error."""
    imap_items = [item for item in items if "imap" in item.keywords]
    if not imap_items or dovecot_path():
        return
    message = "GEEN DOVECOT: IMAP-tests overgeslagen. Installeer dovecot-imapd (Debian)."
    if os.environ.get("KCC_REQUIRE_IMAP") == "1":
        raise pytest.UsageError(message + " (KCC_REQUIRE_IMAP=1 eist ze)")
    print(f"\n{'!' * 78}\n{message}\n{'!' * 78}", file=sys.stderr)
    for item in imap_items:
        item.add_marker(pytest.mark.skip(reason=message))
