"""The local mail server of the embedded default: SMTP on 127.0.0.1:1025.

Everything it receives lands in a Maildir that /dev/mail/ shows; mail for
the municipal address (KCC_INBOUND_EMAIL) also goes into the e-mail intake.
Usage: ``python -m kcc.devmail``.
"""

import logging
import mailbox
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from asgiref.sync import sync_to_async

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")


def _ingest(raw: bytes) -> None:
    from django.db import close_old_connections

    from kanalen.models import InkomendeEmail
    from kanalen.services import inkomende_email_ingest

    close_old_connections()
    item, _ = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.DEVMAIL)
    logger.info("E-mail ingelezen als %s (%s)", item.referentie, item.status)


class MaildirHandler:
    def __init__(self, path, inbound_address: str) -> None:
        self.mailbox = mailbox.Maildir(path, create=True)
        self.lock = threading.Lock()
        self.inbound_address = inbound_address.lower()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        raw = envelope.original_content or envelope.content
        if any(rcpt.lower() == self.inbound_address for rcpt in envelope.rcpt_tos):
            try:
                await sync_to_async(_ingest, thread_sensitive=True)(raw)
            except Exception:  # noqa: BLE001 - the sender retries on a 4xx answer
                logger.exception("E-mail niet ingelezen")
                return "451 Tijdelijk niet in te lezen, probeer later opnieuw"
        with self.lock:
            # The raw bytes as they came: parsing them first would halve the throughput.
            self.mailbox.add(raw)
        return "250 OK"


def main() -> int:
    import django

    django.setup()
    from django.conf import settings

    controller = Controller(
        MaildirHandler(settings.KCC_DEV_MAILBOX, settings.KCC_INBOUND_EMAIL),
        hostname=settings.EMAIL_HOST,
        port=settings.EMAIL_PORT,
    )
    try:
        controller.start()
    except OSError as error:
        print(
            f"Mailserver kan niet starten op {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {error}",
            file=sys.stderr,
        )
        return 1
    print(f"Mailserver luistert op {settings.EMAIL_HOST}:{settings.EMAIL_PORT}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
