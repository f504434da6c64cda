import factory

from kanalen.models import Balie, BalieLocatie, Productgroep, TelefonieKoppeling
from kanalen.telefonie.services import token_hash

PLATFORM_TOKEN = "test-platform-token-0123456789"


class TelefonieKoppelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TelefonieKoppeling

    naam = factory.Sequence(lambda n: f"Telefooncentrale {n}")
    platform = factory.Sequence(lambda n: f"centrale-{n}")
    token_hash = factory.LazyFunction(lambda: token_hash(PLATFORM_TOKEN))


class BalieLocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BalieLocatie

    naam = factory.Faker("city")
    slug = factory.Sequence(lambda n: f"locatie-{n}")
    # Tests run at any hour, weekends too: open unless a test says otherwise.
    stand = BalieLocatie.Stand.OPEN


class ProductgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Productgroep

    locatie = factory.SubFactory(BalieLocatieFactory)
    naam = "Burgerzaken"
    letter = "B"
    vaardigheid = "burgerzaken"


class BalieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Balie

    locatie = factory.SubFactory(BalieLocatieFactory)
    nummer = factory.Sequence(lambda n: n + 1)
