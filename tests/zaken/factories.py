"""Zaaktypen with statustypen, and zaken taken in through the real intake service."""

import itertools

import factory

from catalogus.services import StatustypeData, zaaktype_create
from contacts.models import DigitaalAdres, Kanaal
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory
from zaken import services

_nummers = itertools.count(1)


def make_zaaktype(*, afdeling=None, deelzaaktypen=(), **fields):
    """Three statustypen (the first and last inform the customer) and two resultaten."""
    nummer = next(_nummers)
    fields.setdefault("doorlooptijd", 10)
    return zaaktype_create(
        identificatie=f"TEST-{nummer:04d}",
        omschrijving=fields.pop("omschrijving", f"Aanvraag {nummer}"),
        behandelende_afdeling=afdeling or AfdelingFactory(),
        statustypen=[
            StatustypeData("Aanvraag ontvangen", "Wij hebben uw aanvraag ontvangen.", True),
            StatustypeData("In behandeling"),
            StatustypeData("Besluit genomen", "Er is een besluit op uw aanvraag.", True),
        ],
        resultaattypen=["Verleend", "Geweigerd"],
        deelzaaktypen=deelzaaktypen,
        **fields,
    )


class EmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigitaalAdres

    partij = factory.SubFactory(PersoonFactory)
    soort = DigitaalAdres.Soort.EMAIL
    adres = factory.Sequence(lambda n: f"inwoner{n}@example.nl")


def make_initiator(*, email=True):
    partij = PersoonFactory()
    if email:
        EmailFactory(partij=partij)
    return partij


def make_zaak(*, zaaktype=None, initiator=None, door=None, **fields):
    zaaktype = zaaktype or make_zaaktype()
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )
    return services.zaak_intake(
        product=product,
        initiator=initiator if initiator is not None else make_initiator(),
        kanaal=fields.pop("kanaal", Kanaal.TELEFOON),
        door=door,
        **fields,
    )
