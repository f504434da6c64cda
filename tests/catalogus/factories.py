import factory

from catalogus.models import Kennisartikel, Product, Publicatiestatus, Statustype, Zaaktype


class ZaaktypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zaaktype

    identificatie = factory.Sequence(lambda n: f"ZT-{n:04d}")
    omschrijving = factory.Sequence(lambda n: f"Aanvraag {n}")
    doorlooptijd = 10


class StatustypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statustype

    zaaktype = factory.SubFactory(ZaaktypeFactory)
    volgnummer = factory.Sequence(lambda n: n + 1)
    omschrijving = factory.Faker("sentence", nb_words=2)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    naam = factory.Sequence(lambda n: f"Product {n}")
    samenvatting = factory.Faker("sentence")
    publicatiestatus = Publicatiestatus.GEPUBLICEERD


class KennisartikelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kennisartikel
        skip_postgeneration_save = True

    titel = factory.Faker("sentence")
    samenvatting = factory.Faker("paragraph")
    publicatiestatus = Publicatiestatus.GEPUBLICEERD

    @factory.post_generation
    def producten(self, create, extracted, **kwargs):
        if create and extracted:
            self.producten.set(extracted)
