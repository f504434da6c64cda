"""A starting list of citizens' words that differ from the official product names."""

from django.db import migrations

SYNONIEMEN = {
    "trouwen": ["huwelijk"],
    "bruiloft": ["huwelijk"],
    "id-kaart": ["identiteitskaart"],
    "idkaart": ["identiteitskaart"],
    "id": ["identiteitskaart"],
    "verhuizen": ["verhuismelding", "verhuizing"],
    "verhuizing": ["verhuismelding"],
    "adreswijziging": ["verhuismelding"],
    "rijbewijs verlengen": ["rijbewijs"],
    "uittreksel": ["brp-uittreksel", "uittreksel"],
    "kappen": ["kapvergunning", "omgevingsvergunning"],
    "boom": ["kapvergunning", "omgevingsvergunning"],
    "verbouwen": ["omgevingsvergunning"],
    "bouwvergunning": ["omgevingsvergunning"],
    "kliko": ["afvalcontainer"],
    "container": ["afvalcontainer"],
    "vuilnisbak": ["afvalcontainer"],
    "grofvuil": ["grof huishoudelijk afval"],
    "uitkering": ["bijstand", "participatiewet"],
    "bijstand": ["participatiewet"],
    "rolstoel": ["wmo", "hulpmiddel"],
    "huishoudelijke hulp": ["wmo"],
    "feest": ["evenementenvergunning"],
    "evenement": ["evenementenvergunning"],
    "parkeren": ["parkeervergunning"],
    "baby": ["geboorteaangifte"],
    "geboren": ["geboorteaangifte"],
    "kwijtschelding": ["kwijtschelding gemeentelijke belastingen"],
    "hond": ["hondenbelasting"],
    "kapotte lantaarnpaal": ["melding openbare ruimte"],
    "straatlantaarn": ["melding openbare ruimte"],
    "gat in de weg": ["melding openbare ruimte"],
}


def add(apps, schema_editor):
    Synoniem = apps.get_model("catalogus", "Synoniem")
    for woord, zoek_ook in SYNONIEMEN.items():
        Synoniem.objects.get_or_create(woord=woord, defaults={"zoek_ook": zoek_ook})


class Migration(migrations.Migration):
    dependencies = [("catalogus", "0002_pdc_zaaktypen_kennisbank")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
