"""The local mail server of the embedded default: SMTP on 127.0.0.1:1025.

Everything it receives lands in a Maildir that /dev/mail/ shows.
Usage: ``python -m kcc.devmail``.
"""

import mailbox
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")


class MaildirHandler:
    def __init__(self, path) -> None:
        self.mailbox = mailbox.Maildir(path, create=True)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        message = mailbox.MaildirMessage(envelope.original_content or envelope.content)
        with self.lock:
            self.mailbox.add(message)
        return "250 OK"


def main() -> int:
    import django

    django.setup()
    from django.conf import settings

    controller = Controller(
        MaildirHandler(settings.KCC_DEV_MAILBOX),
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
