"""Demo zaken for the demo partijen: open, suspended, overdue, closed, and a multi-part
evenementenvergunning. Runs once: when zaken exist it leaves them alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from catalogus.models import Product
from contacts.models import DigitaalAdres, Kanaal, Partij
from kcc import calendar
from kcc.models import Medewerker
from zaken import services
from zaken.models import Zaak

# product (UPL name fragment), kanaal, what happens after intake
DEMO = [
    ("evenementenvergunning", Kanaal.WEBFORMULIER, "open"),
    ("paspoort", Kanaal.BALIE, "te_laat"),
    ("rijbewijs", Kanaal.BALIE, "verder"),
    ("parkeervergunning", Kanaal.WEBFORMULIER, "te_laat"),
    ("omgevingsvergunning", Kanaal.POST, "opgeschort"),
    ("paspoort", Kanaal.BALIE, "afgesloten"),
    ("afvalcontainer", Kanaal.TELEFOON, "open"),
    ("rijbewijs", Kanaal.WEBFORMULIER, "te_laat"),
    ("paspoort", Kanaal.TELEFOON, "bijna"),
]


@transaction.atomic
def load() -> int:
    if Zaak.objects.exists():
        return 0
    agent = Medewerker.objects.filter(user__username="agent").first()
    partijen = list(
        Partij.objects.filter(digitale_adressen__soort=DigitaalAdres.Soort.EMAIL)
        .distinct()
        .order_by("pk")[: len(DEMO)]
    )
    created = 0
    for (naam, kanaal, toestand), partij in zip(DEMO, partijen, strict=False):
        product = (
            Product.objects.filter(naam__icontains=naam, zaaktype__isnull=False)
            .order_by("pk")
            .first()
        )
        if product is None:
            continue
        zaak = services.zaak_intake(product=product, initiator=partij, kanaal=kanaal, door=agent)
        created += 1
        statustypen = list(zaak.zaaktype.statustypen.order_by("volgnummer"))
        if toestand in ("te_laat", "bijna"):
            # Registered long ago: the deadline has passed, or is the next werkdag. A
            # behandelaar of the afdeling has them, so the SLA meldingen reach someone.
            vandaag = timezone.localdate()
            start = vandaag - datetime.timedelta(days=40 if toestand == "te_laat" else 20)
            uiterlijk = (
                start + datetime.timedelta(days=14)
                if toestand == "te_laat"
                else calendar.add_working_days(vandaag, 1)
            )
            Zaak.objects.filter(pk=zaak.pk).update(
                registratiedatum=start,
                startdatum=start,
                einddatum_gepland=min(start + datetime.timedelta(days=10), uiterlijk),
                uiterlijke_einddatum_afdoening=uiterlijk,
            )
            behandelaar = (
                Medewerker.objects.filter(afdeling=zaak.behandelende_afdeling)
                .order_by("pk")
                .first()
            )
            if behandelaar is not None:
                services.zaak_assign(zaak=zaak, behandelaar=behandelaar, door=None)
        elif toestand == "verder":
            services.zaak_status_set(zaak=zaak, statustype=statustypen[1], door=None)
        elif toestand == "opgeschort":
            services.zaak_opschorten(
                zaak=zaak, reden="Wacht op constructietekening van de aanvrager", door=None
            )
        elif toestand == "afgesloten":
            services.zaak_status_set(
                zaak=zaak,
                statustype=statustypen[-1],
                resultaattype=zaak.zaaktype.resultaattypen.order_by("pk").first(),
                door=None,
            )
    return created
