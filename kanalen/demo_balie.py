"""Demo of the phone and counter channels: the Stadhuis counters and a telephony platform."""

from kanalen.afspraken import demo as afspraken_demo
from kanalen.models import Balie, BalieLocatie, Productgroep, TelefonieKoppeling
from kanalen.telefonie.services import telefonie_koppeling_create
from kcc import lookups
from kcc.models import Medewerker

# Demo only: lets anyone try the CTI webhook with curl (see README).
DEMO_TELEFONIE_TOKEN = "demo-telefonie-token"  # noqa: S105
DEMO_TOESTELNUMMER = "2041"

PRODUCTGROEPEN = [
    ("Burgerzaken", "B", "burgerzaken"),
    ("Belastingen", "T", "belastingen"),
    ("Vergunningen", "V", "vergunningen"),
]


def load() -> str:
    locatie, _ = BalieLocatie.objects.get_or_create(slug="stadhuis", defaults={"naam": "Stadhuis"})
    for volgorde, (naam, letter, vaardigheid) in enumerate(PRODUCTGROEPEN):
        Productgroep.objects.get_or_create(
            locatie=locatie,
            letter=letter,
            defaults={"naam": naam, "vaardigheid": vaardigheid, "volgorde": volgorde},
        )
    for nummer in range(1, 5):
        Balie.objects.get_or_create(locatie=locatie, nummer=nummer)
    if not TelefonieKoppeling.objects.filter(platform="demo-centrale").exists():
        telefonie_koppeling_create(
            naam="Demo-telefooncentrale", platform="demo-centrale", token=DEMO_TELEFONIE_TOKEN
        )
    if Medewerker.objects.filter(user__username="agent", toestelnummer="").update(
        toestelnummer=DEMO_TOESTELNUMMER
    ):
        lookups.changed()
    return (
        afspraken_demo.load() + " "
        f"Balie: kiosk /balie/kiosk/{locatie.slug}/, scherm /balie/scherm/{locatie.slug}/. "
        f"Telefonie: token '{DEMO_TELEFONIE_TOKEN}', toestel {DEMO_TOESTELNUMMER} (agent)."
    )
