"""`e-mail ingest`: the corpus of odd real-world mail, posted again and again as raw
MIME to the ingest endpoint (POST /api/v1/email/inkomend, as a mail gateway does).

Each post carries a fresh Message-ID, so every one is a new mail that goes the
whole way (parsing, sanitising, matching the sender, threading, storing the
files, the acknowledgement in the outbox) instead of the short cut for a known
Message-ID.
"""

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from kcc.benchmark.load import Request

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "kanalen" / "mime-corpus"
GATEWAY_USERNAME = "bench-mailgateway"
PATH = "/api/v1/email/inkomend"
# A Message-ID header with its folded continuation lines, at the start of a header line.
_MESSAGE_ID = re.compile(rb"^message-id:[^\n]*\n(?:[ \t][^\n]*\n)*", re.IGNORECASE | re.MULTILINE)


def with_fresh_message_id(raw: bytes, message_id: str) -> bytes:
    """The mail with its own Message-ID headers replaced by `message_id`; the body untouched."""
    ends = [(raw.find(sep), len(sep) // 2) for sep in (b"\n\n", b"\r\n\r\n")]
    found = [(at + half) for at, half in ends if at != -1]
    # The header block ends with the first blank line; it keeps its last line break.
    split = min(found) if found else len(raw)
    head, body = raw[:split], raw[split:]
    newline = b"\r\n" if b"\r\n" in head[:200] else b"\n"
    head = _MESSAGE_ID.sub(b"", head)
    return b"Message-ID: <" + message_id.encode() + b">" + newline + head + body


def corpus() -> list[bytes]:
    return [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]


def _gateway_token() -> str:
    """The mail gateway's account: only the right to deliver mail."""
    user, _ = get_user_model().objects.get_or_create(username=GATEWAY_USERNAME)
    user.user_permissions.add(
        Permission.objects.get(codename="add_inkomendeemail", content_type__app_label="kanalen")
    )
    return Token.objects.get_or_create(user=user)[0].key


def ingest(context) -> Callable[[int], Request]:
    mails = corpus()
    assert mails, f"geen berichten in {CORPUS}"
    token = _gateway_token()

    def request(i: int) -> Request:
        # Warm-up and measurement ask for the same indexes: each post gets its own id.
        raw = with_fresh_message_id(mails[i % len(mails)], f"bench-{uuid.uuid4().hex}@bench.test")
        return Request(
            "POST",
            PATH,
            body=raw,
            headers={"Authorization": f"Token {token}", "Content-Type": "message/rfc822"},
            expect=(201,),
        )

    return request
