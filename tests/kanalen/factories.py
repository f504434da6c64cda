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
