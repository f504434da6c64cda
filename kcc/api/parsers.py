"""JSON that the database can store: text with lone UTF-16 surrogates is refused here
with a 400, instead of failing deep in a write (PostgreSQL stores only valid UTF-8)."""

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class Utf8JSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            raise ParseError("De aanvraag bevat tekens die geen geldige tekst zijn.") from error
        return data
