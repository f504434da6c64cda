import datetime

import pytest

from contacts.selectors import partij_search, partij_search_text, search_text_parse
from tests.contacts.factories import (
    AdresFactory,
    BsnFactory,
    OrganisatieFactory,
    PersoonFactory,
    TelefoonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "soort", "criteria"),
    [
        ("111222333", "bsn", {"bsn": "111222333"}),
        ("69599000", "kvk", {"kvk": "69599000"}),
        ("1234AB 12", "adres", {"postcode": "1234AB", "huisnummer": 12}),
        ("1234 ab 12a", "adres", {"postcode": "1234ab", "huisnummer": 12}),
        ("06-12345678", "telefoon", {"telefoon": "06-12345678"}),
        ("+31 20 1234567", "telefoon", {"telefoon": "+31 20 1234567"}),
        ("Jan@Example.nl", "email", {"email": "Jan@Example.nl"}),
        ("de Vries", "naam", {"achternaam": "de Vries"}),
        (
            "Jansen 04-05-1965",
            "naam",
            {"achternaam": "Jansen", "geboortedatum": datetime.date(1965, 5, 4)},
        ),
    ],
)
def test_the_search_box_understands_what_was_typed(text, soort, criteria):
    parsed = search_text_parse(text)
    assert (parsed.soort, parsed.criteria) == (soort, criteria)


@pytest.mark.parametrize("text", ["", " ", "a", "Jansen 31-02-1990"])
def test_nothing_useful_typed_finds_nothing(text):
    assert search_text_parse(text) is None


def test_search_by_every_path():
    persoon = PersoonFactory(achternaam="Jansen", geboortedatum=datetime.date(1965, 5, 4))
    andere = PersoonFactory(achternaam="Janssen", geboortedatum=datetime.date(1970, 1, 1))
    BsnFactory(partij=persoon, waarde="111222333")
    AdresFactory(partij=persoon, postcode="1234 AB", huisnummer=12)
    AdresFactory(partij=andere, postcode="1234 AB", huisnummer=14)
    TelefoonFactory(partij=persoon, adres="+31612345678")
    bedrijf = OrganisatieFactory(statutaire_naam="Bakkerij De Korenschoof B.V.")
    BsnFactory(partij=bedrijf, soort="kvk_nummer", waarde="69599000")

    assert list(partij_search(bsn="111222333")) == [persoon]
    assert list(partij_search(kvk="69599000")) == [bedrijf]
    assert list(partij_search(postcode="1234ab", huisnummer=12)) == [persoon]
    assert set(partij_search(postcode="1234 AB")) == {persoon, andere}
    assert list(partij_search(telefoon="06 1234 5678")) == [persoon]
    assert set(partij_search(achternaam="jans")) == {persoon, andere}
    assert list(partij_search(achternaam="Jans", geboortedatum=datetime.date(1965, 5, 4))) == [
        persoon
    ]
    assert list(partij_search(achternaam="korenschoof")) == [bedrijf]
    assert list(partij_search_text("1234AB 12")) == [persoon]
    assert list(partij_search_text("jansen 04-05-1965")) == [persoon]


def test_email_search_ignores_case():
    persoon = PersoonFactory()
    TelefoonFactory(partij=persoon, soort="email", adres="jan@example.nl")
    assert list(partij_search(email="JAN@example.NL")) == [persoon]


def test_invalid_or_empty_criteria_find_nothing():
    BsnFactory(waarde="111222333")
    assert not partij_search().exists()
    assert not partij_search(bsn="123456789").exists()
    assert not partij_search(postcode="nope").exists()
