"""SMS through a gateway: an HTTP provider in production, a file or the console in
development and tests. Numbers are checked and written as E.164 (+31612345678).

KCC_SMS_BACKEND chooses: "http" (KCC_SMS_URL, KCC_SMS_API_KEY, KCC_SMS_SENDER),
"file" (one JSON line per SMS in KCC_SMS_FILE) or "console" (the log).
"""

import json
import logging
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import phonenumbers
import requests
from django.conf import settings

logger = logging.getLogger(__name__)

_MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


class SmsError(Exception):
    """A failed send; permanent when trying again will not help (a refused number)."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


def mobile_number(number: str) -> str | None:
    """The number as E.164 when it can receive an SMS, else None (Dutch numbers may
    be written nationally: 06-12345678)."""
    try:
        parsed = phonenumbers.parse(number, settings.KCC_SMS_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.number_type(parsed) not in _MOBILE:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class ConsoleGateway:
    def send(self, *, to: str, body: str, reference: uuid.UUID) -> None:
        logger.warning("SMS aan %s (%s): %s", to, reference, body)

    def close(self) -> None:
        pass


class FileGateway:
    """Appends each SMS as a JSON line: what /dev and the tests read."""

    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def send(self, *, to: str, body: str, reference: uuid.UUID) -> None:
        line = json.dumps({"to": to, "body": body, "reference": str(reference)})
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as file:
                file.write(line + "\n")

    def sent(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def close(self) -> None:
        pass


class HttpGateway:
    """POSTs {"to", "from", "body", "reference"} as JSON with a bearer key; one
    keep-alive session for a batch. 4xx (but 408/429) is permanent, the rest is not."""

    def __init__(self, *, url: str, api_key: str, sender: str, timeout: float) -> None:
        self.url, self.sender, self.timeout = url, sender, timeout
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {api_key}"

    def send(self, *, to: str, body: str, reference: uuid.UUID) -> None:
        payload = {"to": to, "from": self.sender, "body": body, "reference": str(reference)}
        try:
            response = self.session.post(self.url, json=payload, timeout=self.timeout)
        except requests.RequestException as error:
            raise SmsError(
                f"SMS-dienst onbereikbaar: {type(error).__name__}", permanent=False
            ) from error
        if response.ok:
            return
        status = response.status_code
        raise SmsError(
            f"SMS-dienst weigerde ({status}): {response.text[:200]}",
            permanent=400 <= status < 500 and status not in (408, 429),
        )

    def close(self) -> None:
        self.session.close()


def make_gateway():
    backend = settings.KCC_SMS_BACKEND
    if backend == "http":
        return HttpGateway(
            url=settings.KCC_SMS_URL,
            api_key=settings.KCC_SMS_API_KEY,
            sender=settings.KCC_SMS_SENDER,
            timeout=settings.KCC_SMS_TIMEOUT,
        )
    if backend == "file":
        return FileGateway(settings.KCC_SMS_FILE)
    return ConsoleGateway()


@contextmanager
def gateway():
    instance = make_gateway()
    try:
        yield instance
    finally:
        instance.close()
