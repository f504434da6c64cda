import pytest
from django.core.exceptions import ValidationError

from contacts.models import Partij, PartijIdentificator
from contacts.services import AdresData, partij_create

pytestmark = pytest.mark.django_db


def test_partij_is_created_with_normalised_identifiers_and_addresses():
    partij = partij_create(
        soort=Partij.Soort.PERSOON,
        voornaam="Sanne",
        voorvoegsel_achternaam="de",
        achternaam="Vries",
        identificatoren=[("bsn", "111222333")],
        adressen=[AdresData(postcode="1234ab", huisnummer=12, huisletter="a")],
        emails=["Sanne@Example.NL"],
        telefoonnummers=["06-12345678"],
    )
    assert partij.naam == "Sanne de Vries"
    assert partij.identificatoren.get().waarde == "111222333"
    adres = partij.adressen.get()
    assert (adres.postcode, adres.huisletter) == ("1234 AB", "A")
    assert sorted(partij.digitale_adressen.values_list("adres", flat=True)) == [
        "+31612345678",
        "sanne@example.nl",
    ]


def test_bad_input_gives_dutch_field_errors_and_stores_nothing():
    with pytest.raises(ValidationError) as error:
        partij_create(
            soort=Partij.Soort.PERSOON,
            achternaam="Jansen",
            identificatoren=[("bsn", "123456789"), ("kvk_nummer", "123")],
            adressen=[AdresData(postcode="12345", huisnummer=1)],
            telefoonnummers=["12"],
        )
    errors = error.value.message_dict
    assert any("elfproef" in m for m in errors["identificatoren"])
    assert any("8 cijfers" in m for m in errors["identificatoren"])
    assert "postcode" in errors["adressen"][0]
    assert "telefoonnummer" in errors["telefoonnummers"][0]
    assert not Partij.objects.exists()


def test_identifier_is_unique_per_soort():
    partij_create(soort="persoon", achternaam="Jansen", identificatoren=[("bsn", "111222333")])
    with pytest.raises(ValidationError, match="al een partij"):
        partij_create(soort="persoon", achternaam="Bakker", identificatoren=[("bsn", "111222333")])
    # The same digits as another soort are a different identifier.
    partij_create(
        soort="organisatie", statutaire_naam="X B.V.", identificatoren=[("rsin", "111222333")]
    )
    assert PartijIdentificator.objects.count() == 2


def test_contactpersoon_belongs_to_an_organisation():
    with pytest.raises(ValidationError, match="organisatie"):
        partij_create(soort=Partij.Soort.CONTACTPERSOON, achternaam="Smit")
    bedrijf = partij_create(soort="organisatie", statutaire_naam="Bakkerij B.V.")
    persoon = partij_create(soort="contactpersoon", achternaam="Smit", organisatie=bedrijf)
    assert list(bedrijf.contactpersonen.all()) == [persoon]
