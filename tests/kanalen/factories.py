import datetime

import factory

from kanalen.models import (
    AfspraakAanbod,
    AfspraakBlok,
    Balie,
    BalieLocatie,
    Productgroep,
    TelefonieKoppeling,
)
from kanalen.telefonie.services import token_hash
from tests.catalogus.factories import ProductFactory

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


def scan_pdf(pages: int = 2, text: str = "Geachte heer, mevrouw") -> bytes:
    """A real multi-page PDF, as a scanner's would be."""
    from weasyprint import HTML

    body = "".join(
        f"<p style='page-break-before: always'>{text}, pagina {n}</p>" for n in range(1, pages + 1)
    )
    return HTML(string=body).write_pdf()


def upload(content: bytes, name: str = "scan.pdf", content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


class AfspraakBlokFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AfspraakBlok

    locatie = factory.SubFactory(BalieLocatieFactory)
    begint_om = datetime.time(9, 0)
    eindigt_om = datetime.time(12, 0)
    capaciteit = 2


class AfspraakAanbodFactory(factory.django.DjangoModelFactory):
    """A product bookable at a location with a morning block of two desks."""

    class Meta:
        model = AfspraakAanbod
        skip_postgeneration_save = True

    product = factory.SubFactory(ProductFactory, afspraak_nodig=True, afspraak_duur=30)
    productgroep = factory.SubFactory(ProductgroepFactory)
    locatie = factory.SelfAttribute("productgroep.locatie")

    @factory.post_generation
    def blok(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            AfspraakBlokFactory(locatie=obj.locatie, **kwargs)
