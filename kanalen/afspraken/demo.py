"""Demo of appointments: products bookable at the Stadhuis, desks for appointments in
the morning and afternoon, and a few bookings today (if still possible) and tomorrow."""

import datetime

from django.utils import timezone

from catalogus.selectors import product_list
from catalogus.services import product_update
from contacts.selectors import partij_email, partij_list
from kanalen.afspraken import selectors, services
from kanalen.models import Afspraak, AfspraakAanbod, AfspraakBlok, BalieLocatie, Productgroep
from kcc.calendar import next_werkdag

DUUR = {"paspoort": 30, "identiteitskaart": 20}
BLOKKEN = [(datetime.time(9), datetime.time(12), 2), (datetime.time(13), datetime.time(16, 30), 2)]
KLANTEN = [
    ("Fleur van 't Hof", "fleur.vanthof@example.nl"),
    ("Mohammed El Amrani", "m.elamrani@example.nl"),
    ("Anouk de Vries", "anouk.devries@example.nl"),
]


def _bookings(product, locatie, day, klanten) -> int:
    tijden = selectors.vrije_tijdsloten(product=product, locatie=locatie, datum=day)
    made = 0
    for (naam, email, partij), begin in zip(
        klanten, tijden[:: max(len(tijden) // 4, 1)], strict=False
    ):
        services.afspraak_book(
            product=product, locatie=locatie, begin=begin, naam=naam, email=email, partij=partij
        )
        made += 1
    return made


def load() -> str:
    locatie = BalieLocatie.objects.get(slug="stadhuis")
    groep = Productgroep.objects.get(locatie=locatie, letter="B")
    producten = list(product_list().filter(afspraak_nodig=True))
    for product in producten:
        duur = DUUR.get(product.upl_naam, 15)
        if product.afspraak_duur != duur:
            product_update(product=product, afspraak_duur=duur, via="taak")
        AfspraakAanbod.objects.get_or_create(
            product=product, locatie=locatie, defaults={"productgroep": groep}
        )
    if not locatie.blokken.exists():
        AfspraakBlok.objects.bulk_create(
            AfspraakBlok(locatie=locatie, begint_om=van, eindigt_om=tot, capaciteit=cap)
            for van, tot, cap in BLOKKEN
        )
    made = 0
    if producten and not Afspraak.objects.exists():
        klant = next((p for p in partij_list()[:50] if partij_email(p)), None)
        klanten = [(naam, email, None) for naam, email in KLANTEN]
        if klant is not None:
            klanten.append((str(klant), partij_email(klant), klant))
        today = timezone.localdate()
        made += _bookings(producten[0], locatie, today, klanten)
        made += _bookings(
            producten[0], locatie, next_werkdag(today + datetime.timedelta(days=1)), klanten
        )
    return (
        f"Afspraken: {len(producten)} producten op afspraak, {made} nieuwe afspraken; "
        "boeken op /afspraak/, planning op /afspraak/planning/."
    )
