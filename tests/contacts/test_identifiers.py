import pytest
from django.core.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn

from contacts import identifiers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31 (0)20 1234567".replace("(0)", ""), "+31201234567"),
        ("0031612345678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert identifiers.normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["0612", "06-1234567890", "abc", "+31012345678"])
def test_invalid_phone_numbers_get_a_dutch_error(raw):
    with pytest.raises(ValidationError, match="geen geldig telefoonnummer"):
        identifiers.normalise_phone(raw)


def test_postcode_and_email_are_normalised():
    assert identifiers.normalise_postcode("1234ab") == "1234 AB"
    assert identifiers.normalise_postcode(" 1234  Ab ") == "1234 AB"
    assert identifiers.normalise_email(" Jan.Jansen@Example.NL ") == "jan.jansen@example.nl"
    with pytest.raises(ValidationError, match="postcode"):
        identifiers.normalise_postcode("0123 AB")


def test_bsn_needs_the_eleven_check():
    assert identifiers.normalise_bsn("111222333") == "111222333"
    with pytest.raises(ValidationError, match="elfproef"):
        identifiers.normalise_bsn("123456789")


def test_generated_bsns_are_valid_and_distinct():
    bsns = {identifiers.bsn_from_number(10_000_000 + n * 7) for n in range(500)}
    assert len(bsns) == 500
    assert all(stdnum_bsn.is_valid(bsn) for bsn in bsns)


def test_kvk_and_vestigingsnummer_lengths():
    assert identifiers.normalise_kvk_nummer("6959 9000") == "69599000"
    with pytest.raises(ValidationError, match="8 cijfers"):
        identifiers.normalise_kvk_nummer("1234567")
    assert identifiers.normalise_vestigingsnummer("100020003000") == "100020003000"
    with pytest.raises(ValidationError, match="12 cijfers"):
        identifiers.normalise_vestigingsnummer("12345678")
