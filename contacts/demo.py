"""Demo partijen from the local register, with some contact history (demo_data command)."""

import datetime
import random

from django.utils import timezone

from catalogus.models import Product
from contacts import registers, services
from contacts.models import Contactverzoek, Kanaal, Klantcontact, Partij, PartijIdentificator, Vraag
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


# --- A year of contact volume, for the management dashboard -------------------

VOLUME_MARKER = "Demo: contactvolume voor het dashboard"
# Share per kanaal at the start of the year; the digital channels grow towards the end.
_KANAAL_GEWICHT = {
    Kanaal.TELEFOON: 50,
    Kanaal.BALIE: 18,
    Kanaal.POST: 6,
    Kanaal.EMAIL: 14,
    Kanaal.WEBFORMULIER: 8,
    Kanaal.CHAT: 4,
}
_AFHANDELING_GEWICHT = {
    "direct_beantwoord": 72,
    "doorverbonden": 9,
    "terugbelverzoek": 8,
    "afspraak_gemaakt": 5,
    "aanvraag_ingenomen": 4,
    "doorverwezen_extern": 1,
    "niet_opgelost": 1,
}


def load_volume(days: int = 365) -> int:
    """Anonymous contacts over the past year (a few per working day, growing digital
    share, some repeat contacts) so the dashboard has trends; once."""
    if Klantcontact.objects.filter(inhoud=VOLUME_MARKER).exists():
        return 0
    rnd = random.Random(9)  # noqa: S311 - repeatable demo data, not security
    agents = list(Medewerker.objects.filter(user__username__in=["agent", "manager"]))
    producten = {p.naam: p for p in Product.objects.filter(naam__in=[v[0] for v in _VRAGEN])}
    today = timezone.localdate()
    contacten, vragen = [], []
    for offset in range(days, -1, -1):
        dag = today - datetime.timedelta(days=offset)
        digital_boost = (days - offset) / days  # 0 a year ago, 1 today
        weights = dict(_KANAAL_GEWICHT)
        for kanaal in (Kanaal.EMAIL, Kanaal.WEBFORMULIER, Kanaal.CHAT):
            weights[kanaal] *= 1 + digital_boost
        weekend = dag.weekday() >= 5
        for _ in range(rnd.randint(0, 3) if weekend else rnd.randint(6, 14)):
            kanaal = rnd.choices(list(weights), list(weights.values()))[0]
            if weekend and kanaal in (Kanaal.TELEFOON, Kanaal.BALIE):
                continue
            onderwerp, vraag, antwoord, _ignored = rnd.choice(_VRAGEN)
            afhandeling = rnd.choices(
                list(_AFHANDELING_GEWICHT), list(_AFHANDELING_GEWICHT.values())
            )[0]
            moment = timezone.make_aware(
                datetime.datetime.combine(
                    dag, datetime.time(rnd.randint(8, 16), rnd.randint(0, 59))
                )
            )
            contact = Klantcontact(
                kanaal=kanaal,
                onderwerp=onderwerp,
                inhoud=VOLUME_MARKER,
                plaatsgevonden_op=moment,
                medewerker=rnd.choice(agents) if agents else None,
                afhandeling=afhandeling,
                in_een_keer_opgelost=rnd.random() > 0.1,
            )
            contacten.append(contact)
            vragen.append(
                Vraag(
                    klantcontact=contact,
                    product=producten.get(onderwerp),
                    onderwerp=onderwerp,
                    vraag=vraag,
                    antwoord=antwoord,
                    afhandeling=afhandeling,
                )
            )
    Klantcontact.objects.bulk_create(contacten)
    Vraag.objects.bulk_create(vragen)
    _completed_callbacks(rnd, contacten, vragen)
    services.klantcontact_dagtellingen_bijwerken(max_dagen=None)
    return len(contacten)


def _completed_callbacks(rnd: random.Random, contacten, vragen) -> None:
    """Callbacks of the last weeks, most of them completed within the working day."""
    burgerzaken = Afdeling.objects.filter(code="burgerzaken").first()
    if burgerzaken is None:
        return
    since = timezone.now() - datetime.timedelta(days=40)
    for contact, vraag in zip(contacten, vragen, strict=True):
        if contact.afhandeling != "terugbelverzoek" or contact.plaatsgevonden_op < since:
            continue
        duur = datetime.timedelta(hours=rnd.choice([1, 2, 3, 5, 8, 26, 50]))
        verzoek = Contactverzoek.objects.create(
            klantcontact=contact,
            vraag=vraag,
            afdeling=burgerzaken,
            gevraagde_handeling=f"Klant terugbellen over {contact.onderwerp.lower()}",
            deadline=contact.plaatsgevonden_op + datetime.timedelta(days=1),
            status=Contactverzoek.Status.VERWERKT,
        )
        # aangemaakt_op is auto_now_add: set the historic moment afterwards.
        Contactverzoek.objects.filter(pk=verzoek.pk).update(
            aangemaakt_op=contact.plaatsgevonden_op,
            afgehandeld_op=contact.plaatsgevonden_op + duur,
        )
