"""Checking and normalising what identifies a partij: BSN, KvK, postcode, phone, e-mail.

Raises django's ValidationError with a Dutch message, so forms and the API show
it as a field error.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from stdnum import exceptions as stdnum_exceptions
from stdnum.nl import bsn as stdnum_bsn

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
_PHONE_NOISE = re.compile(r"[\s\-().]")


def normalise_bsn(value: str) -> str:
    """A valid BSN (9 digits passing the 11-check); also used for the RSIN, which shares it."""
    try:
        return stdnum_bsn.validate(value)
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            "Dit is geen geldig nummer: 9 cijfers die aan de elfproef voldoen."
        ) from exc


def normalise_kvk_nummer(value: str) -> str:
    value = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"[0-9]{8}", value):
        raise ValidationError("Een KvK-nummer bestaat uit 8 cijfers.")
    return value


def normalise_vestigingsnummer(value: str) -> str:
    value = re.sub(r"\s", "", value or "")
    if not re.fullmatch(r"[0-9]{12}", value):
        raise ValidationError("Een vestigingsnummer bestaat uit 12 cijfers.")
    return value


def normalise_postcode(value: str) -> str:
    """'1234ab' → '1234 AB'."""
    match = _POSTCODE.match((value or "").strip())
    if not match:
        raise ValidationError("Een postcode bestaat uit 4 cijfers en 2 letters, zoals 1234 AB.")
    return f"{match.group(1)} {match.group(2).upper()}"


def normalise_phone(value: str) -> str:
    """A phone number in E.164: '06-12345678' → '+31612345678'."""
    digits = _PHONE_NOISE.sub("", value or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    if digits.startswith("+31"):
        # Dutch numbers have 9 digits after the country code (no trunk zero).
        valid = re.fullmatch(r"\+31[1-9][0-9]{8}", digits)
    else:
        valid = re.fullmatch(r"\+[1-9][0-9]{7,14}", digits)
    if not valid:
        raise ValidationError("Dit is geen geldig telefoonnummer, zoals 06 12345678.")
    return digits


def normalise_email(value: str) -> str:
    value = (value or "").strip().lower()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValidationError("Dit is geen geldig e-mailadres.") from exc
    return value


def bsn_from_number(number: int) -> str:
    """A valid BSN made from a sequence number (demo data and tests).

    The first eight digits come from the number; the ninth is chosen so that the
    11-check passes. Numbers whose check digit would be 10 move on to the next.
    """
    while True:
        base = f"{number % 10**8:08d}"
        total = sum(int(d) * w for d, w in zip(base, range(9, 1, -1), strict=True))
        check = total % 11
        if check != 10 and base != "00000000":
            candidate = base + str(check)
            if stdnum_bsn.is_valid(candidate):
                return candidate
        number += 1
