from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser


class RawMimeParser(BaseParser):
    """The request body is one raw RFC 822 message, passed on as bytes."""

    media_type = "message/rfc822"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        # Read from the stream (not request.body) so that Django's 2.5 MB form
        # limit does not apply; our own limit does.
        limit = settings.KCC_EMAIL_MAX_MESSAGE_BYTES
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise ParseError(f"Het bericht is groter dan {limit // 1_048_576} MB.")
        return data
