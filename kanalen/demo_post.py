"""Demo letters for the post room: a few registered letters to route and in the KCC's
post queue, each with a scanned PDF."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from contacts.models import Partij
from kanalen.models import Poststuk
from kanalen.post.services import Route, poststuk_register, poststuk_route
from kcc.models import Medewerker

# (kenmerk afzender, onderwerp, days ago, sender: None = first demo partij with an
#  address, else (name, address) of an unknown sender, into the agents' queue?)
DEMO_BRIEVEN = [
    ("DEMO-2026-117", "Aanvraag evenementenvergunning buurtfeest", 1, None, False),
    ("DEMO-WOZ-88", "Bezwaar WOZ-beschikking 2026", 3, None, True),
    (
        "DEMO-VVE-12",
        "Klacht over losliggende stoeptegels",
        0,
        ("VvE De Linde", "Lindelaan 4\n1234 AB  VOORBEELD"),
        True,
    ),
    ("DEMO-KAP-3", "Vraag over kapvergunning eik achtertuin", 2, None, False),
]


def _scan(onderwerp: str, afzender: str) -> bytes:
    from weasyprint import HTML  # heavy import (pango): only where a PDF is made

    return HTML(
        string=f"<h1>{onderwerp}</h1><p>Geachte heer, mevrouw,</p>"
        f"<p>Hierbij schrijf ik u over: {onderwerp.lower()}.</p>"
        f"<p style='page-break-before: always'>Met vriendelijke groet,<br>{afzender}</p>"
    ).write_pdf()


def load() -> int:
    """Register the demo letters once (recognised by the sender's kenmerk)."""
    door = Medewerker.objects.filter(user__username="postkamer").first()
    partijen = iter(Partij.objects.filter(adressen__isnull=False).order_by("pk").distinct())
    today = timezone.localdate()
    for kenmerk, onderwerp, dagen, onbekend, naar_werkvoorraad in DEMO_BRIEVEN:
        if Poststuk.objects.filter(kenmerk_afzender=kenmerk).exists():
            continue
        partij = None if onbekend else next(partijen, None)
        naam, adres = onbekend or (partij.naam if partij else "Onbekend", "")
        poststuk = poststuk_register(
            partij=partij,
            afzender_naam=naam if partij is None else "",
            afzender_adres=adres,
            datum_ontvangen=today - datetime.timedelta(days=dagen),
            onderwerp=onderwerp,
            kenmerk_afzender=kenmerk,
            scan=ContentFile(_scan(onderwerp, naam), name=f"{kenmerk}.pdf"),
            door=door,
        )
        if naar_werkvoorraad:
            poststuk_route(poststuk=poststuk, route=Route.WERKVOORRAAD, door=door)
    return Poststuk.objects.count()
