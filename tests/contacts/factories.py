import datetime

import factory

from catalogus.models import Product
from contacts.identifiers import bsn_from_number
from contacts.models import (
    Adres,
    Afhandeling,
    Contactverzoek,
    DigitaalAdres,
    Kanaal,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Tevredenheidsmeting,
)
from tests.factories import AfdelingFactory, MedewerkerFactory


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partij

    soort = Partij.Soort.PERSOON
    voornaam = factory.Faker("first_name")
    achternaam = factory.Faker("last_name")
    geboortedatum = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partij

    soort = Partij.Soort.ORGANISATIE
    statutaire_naam = factory.Faker("company")


class BsnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartijIdentificator

    partij = factory.SubFactory(PersoonFactory)
    soort = PartijIdentificator.Soort.BSN
    waarde = factory.Sequence(lambda n: bsn_from_number(20_000_000 + n * 13))


class AdresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adres

    partij = factory.SubFactory(PersoonFactory)
    straat = factory.Faker("street_name")
    huisnummer = factory.Sequence(lambda n: n + 1)
    postcode = "1234 AB"
    woonplaats = "Voorbeeld"


class TelefoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigitaalAdres

    partij = factory.SubFactory(PersoonFactory)
    soort = DigitaalAdres.Soort.TELEFOON
    adres = factory.Sequence(lambda n: f"+31612{n:06d}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    naam = factory.Sequence(lambda n: f"Paspoort {n}")
    behandelende_afdeling = factory.SubFactory(AfdelingFactory)


class KlantcontactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Klantcontact

    partij = factory.SubFactory(PersoonFactory)
    kanaal = Kanaal.TELEFOON
    onderwerp = "Paspoort aanvragen"
    plaatsgevonden_op = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3)
    )
    medewerker = factory.SubFactory(MedewerkerFactory)
    afhandeling = Afhandeling.DIRECT_BEANTWOORD


class ContactverzoekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactverzoek

    klantcontact = factory.SubFactory(KlantcontactFactory)
    afdeling = factory.SubFactory(AfdelingFactory)
    gevraagde_handeling = "Terugbellen over de aanvraag"
    deadline = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    )


class EmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigitaalAdres

    partij = factory.SubFactory(PersoonFactory)
    soort = DigitaalAdres.Soort.EMAIL
    adres = factory.Faker("email")


class TevredenheidsmetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tevredenheidsmeting

    klantcontact = factory.SubFactory(KlantcontactFactory)
    partij = factory.SelfAttribute("klantcontact.partij")
    token = factory.Faker("pystr", min_chars=43, max_chars=43)
    verstuurd_op = factory.SelfAttribute("klantcontact.plaatsgevonden_op")
