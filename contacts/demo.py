"""Demo partijen from the local register, with some contact history (demo_data command)."""

import datetime
import random

from django.utils import timezone

from catalogus.models import Product
from contacts import registers, services
from contacts.models import Contactverzoek, Kanaal, Partij, PartijIdentificator
from kcc.models import Afdeling, Medewerker

# (onderwerp, vraag, antwoord, afhandeling)
_VRAGEN = [
    (
        "Paspoort",
        "Hoe lang duurt het aanvragen van een paspoort?",
        "Ongeveer een week.",
        "direct_beantwoord",
    ),
    ("Verhuizing doorgeven", "Is mijn verhuizing al verwerkt?", "", "terugbelverzoek"),
    (
        "Afvalkalender",
        "Wanneer wordt het papier opgehaald?",
        "Elke tweede dinsdag.",
        "direct_beantwoord",
    ),
    (
        "Parkeervergunning",
        "Hoe vraag ik een bewonersvergunning aan?",
        "Via de website.",
        "direct_beantwoord",
    ),
    ("WOZ-beschikking", "Ik ben het niet eens met mijn WOZ-waarde.", "", "doorverbonden"),
    ("Rijbewijs", "Kan ik mijn rijbewijs ophalen zonder afspraak?", "", "afspraak_gemaakt"),
    (
        "Wmo-hulpmiddel",
        "Ik heb een scootmobiel nodig.",
        "Aanvraag ingenomen.",
        "aanvraag_ingenomen",
    ),
    (
        "Schuldhulp",
        "Waar kan ik terecht met schulden?",
        "Verwezen naar Schuldhulpmaatje.",
        "doorverwezen_extern",
    ),
]


def _partij_from_persoon(persoon: registers.Persoon, index: int) -> Partij:
    adres = persoon.adres
    return services.partij_create(
        soort=Partij.Soort.PERSOON,
        voornaam=persoon.voornamen,
        voorvoegsel_achternaam=persoon.voorvoegsel,
        achternaam=persoon.geslachtsnaam,
        geboortedatum=persoon.geboortedatum,
        overlijdensdatum=persoon.overlijdensdatum,
        indicatie_geheimhouding=persoon.geheimhouding,
        voorkeurskanaal=[Kanaal.TELEFOON, Kanaal.EMAIL, ""][index % 3],
        identificatoren=[(PartijIdentificator.Soort.BSN, persoon.bsn)],
        adressen=[
            services.AdresData(
                postcode=adres.postcode,
                huisnummer=adres.huisnummer,
                huisletter=adres.huisletter,
                toevoeging=adres.toevoeging,
                straat=adres.straat,
                woonplaats=adres.woonplaats,
            )
        ]
        if adres
        else [],
        telefoonnummers=[f"06{20_000_000 + index * 104_729:08d}"[:10]],
        emails=[
            f"{persoon.voornamen}.{persoon.geslachtsnaam}".lower().replace(" ", "") + "@example.nl"
        ],
    )


def _partij_from_bedrijf(bedrijf: registers.Bedrijf) -> Partij:
    adres = bedrijf.adres
    return services.partij_create(
        soort=Partij.Soort.ORGANISATIE,
        statutaire_naam=bedrijf.naam,
        identificatoren=[
            (PartijIdentificator.Soort.KVK_NUMMER, bedrijf.kvk_nummer),
            (PartijIdentificator.Soort.VESTIGINGSNUMMER, bedrijf.vestigingsnummer),
            (PartijIdentificator.Soort.RSIN, bedrijf.rsin),
        ],
        adressen=[
            services.AdresData(
                postcode=adres.postcode,
                huisnummer=adres.huisnummer,
                straat=adres.straat,
                woonplaats=adres.woonplaats,
            )
        ]
        if adres
        else [],
    )


def _history(partij: Partij, index: int, rnd: random.Random, agent, burgerzaken) -> None:
    now = timezone.now()
    producten = {p.naam: p for p in Product.objects.all()}
    for n in range(rnd.randint(1, 4)):
        onderwerp, vraag, antwoord, afhandeling = rnd.choice(_VRAGEN)
        contactverzoek = None
        if afhandeling == "terugbelverzoek":
            contactverzoek = services.ContactverzoekData(
                gevraagde_handeling="Klant terugbellen over verhuizing",
                afdeling=burgerzaken,
                terugbelnummer=next(
                    (d.adres for d in partij.digitale_adressen.all() if d.soort == "telefoon"), ""
                ),
            )
        klantcontact = services.klantcontact_register(
            medewerker=agent,
            partij=partij,
            kanaal=rnd.choice(Kanaal.values),
            plaatsgevonden_op=now - datetime.timedelta(days=rnd.randint(2, 360), minutes=n * 37),
            vragen=[
                services.VraagData(
                    product=producten.get(onderwerp),
                    onderwerp=onderwerp,
                    vraag=vraag,
                    antwoord=antwoord,
                    afhandeling=afhandeling,
                    contactverzoek=contactverzoek,
                )
            ],
        )
        if contactverzoek is not None and index % 2:
            # Some callbacks were due long ago: they show as overdue in the work list.
            Contactverzoek.objects.filter(klantcontact=klantcontact).update(
                deadline=now - datetime.timedelta(days=rnd.randint(1, 5))
            )


def load(stdout=None) -> int:
    """Create the register's persons and organisations as partijen once; return how many."""
    register = registers.LocalRegister()
    agent = Medewerker.objects.filter(user__username="agent").first()
    burgerzaken = Afdeling.objects.filter(code="burgerzaken").first()
    rnd = random.Random(2026)  # noqa: S311 - repeatable demo data, not security
    created = 0
    bestaand = set(PartijIdentificator.objects.values_list("waarde", flat=True))
    for index, persoon in enumerate(register.personen()):
        if persoon.bsn in bestaand:
            continue
        partij = _partij_from_persoon(persoon, index)
        if index < 20 and burgerzaken is not None:
            _history(partij, index, rnd, agent, burgerzaken)
        created += 1
    for bedrijf in register.bedrijven():
        if bedrijf.kvk_nummer in bestaand:
            continue
        _partij_from_bedrijf(bedrijf)
        created += 1
    return created
