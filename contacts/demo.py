"""Demo partijen from the local register, with a year of contact history (demo_data command)."""

import datetime
import random
import re
import secrets
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from catalogus.models import Product
from contacts import identifiers, registers, services
from contacts.models import (
    Adres,
    Contactverzoek,
    ContactverzoekGebeurtenis,
    DigitaalAdres,
    Kanaal,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Tevredenheidsmeting,
    Vraag,
)
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


# Questions organisations ask.
_VRAGEN_BEDRIJF = [
    (
        "Bedrijfsafval",
        "Mogen wij ons bedrijfsafval bij de milieustraat brengen?",
        "",
        "doorverbonden",
    ),
    (
        "Terrasvergunning",
        "Wij willen ons terras uitbreiden; welke vergunning hebben wij nodig?",
        "Een terrasvergunning; aanvragen via het omgevingsloket.",
        "direct_beantwoord",
    ),
    (
        "Evenementenvergunning",
        "Wij organiseren een braderie in juni.",
        "Aanvraag ingenomen.",
        "aanvraag_ingenomen",
    ),
    ("Reclamebelasting", "Klopt de aanslag reclamebelasting?", "", "terugbelverzoek"),
    (
        "Aanbesteding",
        "Waar vinden wij de aanbestedingen van de gemeente?",
        "",
        "doorverwezen_extern",
    ),
]
_KANALEN = {
    Kanaal.TELEFOON: 40,
    Kanaal.BALIE: 15,
    Kanaal.EMAIL: 15,
    Kanaal.POST: 8,
    Kanaal.WEBFORMULIER: 12,
    Kanaal.CHAT: 10,
}
_TOELICHTINGEN = [
    "Snel en vriendelijk geholpen.",
    "Ik moest lang wachten aan de telefoon.",
    "Duidelijk antwoord, dank u.",
    "Ik ben drie keer doorverbonden.",
    "",
    "",
]


def _email(persoon: registers.Persoon, used: set[str]) -> str:
    naam = f"{persoon.voornamen}.{persoon.geslachtsnaam}".lower().replace(" ", "")
    naam = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode()
    naam = re.sub(r"[^a-z.\-]", "", naam)
    email, n = f"{naam}@example.nl", 1
    while email in used:
        n += 1
        email = f"{naam}{n}@example.nl"
    used.add(email)
    return email


def _adres(partij: Partij, adres: registers.Adres | None) -> list[Adres]:
    if adres is None:
        return []
    return [
        Adres(
            partij=partij,
            straat=adres.straat,
            huisnummer=adres.huisnummer,
            huisletter=adres.huisletter,
            toevoeging=adres.toevoeging,
            postcode=identifiers.normalise_postcode(adres.postcode),
            woonplaats=adres.woonplaats,
        )
    ]


def load(stdout=None) -> int:
    """The local register's persons and organisations as partijen, once, each with a
    contact history over the past year; in bulk so that `make run` starts fast."""
    register = registers.LocalRegister()
    rnd = random.Random(2026)  # noqa: S311 - repeatable demo data, not security
    bestaand = set(PartijIdentificator.objects.values_list("waarde", flat=True))
    used_emails = set(
        DigitaalAdres.objects.filter(soort=DigitaalAdres.Soort.EMAIL).values_list(
            "adres", flat=True
        )
    )
    partijen, gerelateerd = [], []
    for index, persoon in enumerate(register.personen()):
        if persoon.bsn in bestaand:
            continue
        partij = Partij(
            soort=Partij.Soort.PERSOON,
            voornaam=persoon.voornamen,
            voorvoegsel_achternaam=persoon.voorvoegsel,
            achternaam=persoon.geslachtsnaam,
            geboortedatum=persoon.geboortedatum,
            overlijdensdatum=persoon.overlijdensdatum,
            indicatie_geheimhouding=persoon.geheimhouding,
            voorkeurskanaal=[Kanaal.TELEFOON, Kanaal.EMAIL, ""][index % 3],
        )
        telefoon = identifiers.normalise_phone(f"06{20_000_000 + index * 104_729:08d}"[:10])
        digitaal = [(DigitaalAdres.Soort.TELEFOON, telefoon)]
        # The register's first persons always have an e-mail address (the e-mail demo).
        if index < 30 or rnd.random() < 0.75:
            digitaal.append((DigitaalAdres.Soort.EMAIL, _email(persoon, used_emails)))
        partijen.append(partij)
        gerelateerd.append(
            (partij, [(PartijIdentificator.Soort.BSN, persoon.bsn)], persoon.adres, digitaal)
        )
    for index, bedrijf in enumerate(register.bedrijven()):
        if bedrijf.kvk_nummer in bestaand:
            continue
        partij = Partij(soort=Partij.Soort.ORGANISATIE, statutaire_naam=bedrijf.naam)
        partijen.append(partij)
        telefoon = identifiers.normalise_phone(f"0{301_000_000 + index * 7_919}")
        gerelateerd.append(
            (
                partij,
                [
                    (PartijIdentificator.Soort.KVK_NUMMER, bedrijf.kvk_nummer),
                    (PartijIdentificator.Soort.VESTIGINGSNUMMER, bedrijf.vestigingsnummer),
                    (PartijIdentificator.Soort.RSIN, bedrijf.rsin),
                ],
                bedrijf.adres,
                [(DigitaalAdres.Soort.TELEFOON, telefoon)],
            )
        )
    with transaction.atomic():
        Partij.objects.bulk_create(partijen)
        PartijIdentificator.objects.bulk_create(
            PartijIdentificator(partij=partij, soort=soort, waarde=waarde)
            for partij, ids, _adres_, _digitaal in gerelateerd
            for soort, waarde in ids
        )
        Adres.objects.bulk_create(
            a for partij, _ids, adres, _digitaal in gerelateerd for a in _adres(partij, adres)
        )
        DigitaalAdres.objects.bulk_create(
            DigitaalAdres(partij=partij, soort=soort, adres=adres)
            for partij, _ids, _adres_, digitaal in gerelateerd
            for soort, adres in digitaal
        )
        emails = {
            partij.pk
            for partij, _ids, _adres_, digitaal in gerelateerd
            if any(soort == DigitaalAdres.Soort.EMAIL for soort, _a in digitaal)
        }
        telefoons = {
            partij.pk: adres
            for partij, _ids, _adres_, digitaal in gerelateerd
            for soort, adres in digitaal
            if soort == DigitaalAdres.Soort.TELEFOON
        }
        _histories(partijen, emails, telefoons, rnd)
    return len(partijen)


def _moment(rnd: random.Random, dagen_geleden: int, kanaal: str) -> datetime.datetime:
    dag = timezone.localdate() - datetime.timedelta(days=dagen_geleden)
    if kanaal in (Kanaal.TELEFOON, Kanaal.BALIE, Kanaal.CHAT):
        while dag.weekday() >= 5:  # the desk and phones are closed at weekends
            dag -= datetime.timedelta(days=1)
        tijd = datetime.time(rnd.randint(8, 16), rnd.randint(0, 59))
    else:
        tijd = datetime.time(rnd.randint(0, 23), rnd.randint(0, 59))
    moment = timezone.make_aware(datetime.datetime.combine(dag, tijd))
    return min(moment, timezone.now() - datetime.timedelta(minutes=rnd.randint(5, 120)))


def _histories(
    partijen: list[Partij], emails: set[int], telefoons: dict[int, str], rnd: random.Random
) -> None:
    """Contacts over every kanaal in the past year; callbacks of the last weeks still
    open (some overdue), older ones done; satisfaction answers for recent contacts."""
    agents = list(Medewerker.objects.filter(user__username__in=["agent", "manager"]))
    burgerzaken = Afdeling.objects.filter(code="burgerzaken").first()
    if not agents or burgerzaken is None:
        return
    namen = {v[0] for v in _VRAGEN + _VRAGEN_BEDRIJF}
    producten = {p.naam: p for p in Product.objects.filter(naam__in=namen)}
    kanalen, gewichten = list(_KANALEN), list(_KANALEN.values())
    contacten, vragen = [], []
    for index, partij in enumerate(partijen):
        pool = _VRAGEN_BEDRIJF if partij.soort == Partij.Soort.ORGANISATIE else _VRAGEN
        aantal = rnd.choices([0, 1, 2, 3, 5, 8], [10, 30, 25, 17, 12, 6])[0]
        momenten = [rnd.randint(0, 364) for _ in range(aantal)]
        if index % 15 == 0:
            momenten.append(rnd.randint(0, 6))  # a recent callback: open, perhaps overdue
        for n, dagen_geleden in enumerate(momenten):
            kanaal = rnd.choices(kanalen, gewichten)[0]
            recent_callback = index % 15 == 0 and n == len(momenten) - 1
            gekozen = rnd.sample(pool, 2 if rnd.random() < 0.2 else 1)
            if recent_callback:
                gekozen = [next(v for v in pool if v[3] == "terugbelverzoek")]
            contact = Klantcontact(
                partij=partij,
                kanaal=kanaal,
                richting=(
                    Klantcontact.Richting.UITGAAND
                    if kanaal in (Kanaal.TELEFOON, Kanaal.EMAIL, Kanaal.POST) and rnd.random() < 0.1
                    else Klantcontact.Richting.INKOMEND
                ),
                onderwerp=gekozen[0][0],
                plaatsgevonden_op=_moment(rnd, dagen_geleden, kanaal),
                medewerker=rnd.choice(agents),
                afhandeling=gekozen[0][3],
                in_een_keer_opgelost=rnd.random() > 0.1,
            )
            contacten.append(contact)
            for volgnummer, (onderwerp, vraag, antwoord, afhandeling) in enumerate(gekozen, 1):
                vragen.append(
                    Vraag(
                        klantcontact=contact,
                        volgnummer=volgnummer,
                        product=producten.get(onderwerp),
                        onderwerp=onderwerp,
                        vraag=vraag,
                        antwoord=antwoord,
                        afhandeling=afhandeling,
                    )
                )
    Klantcontact.objects.bulk_create(contacten)
    Vraag.objects.bulk_create(vragen)
    _callbacks(rnd, vragen, burgerzaken, telefoons)
    _tevredenheid(rnd, contacten, emails)
    services.klantcontact_dagen_verouderd(momenten=[c.plaatsgevonden_op for c in contacten])


def _callbacks(
    rnd: random.Random, vragen: list[Vraag], burgerzaken: Afdeling, telefoons: dict[int, str]
) -> None:
    now = timezone.now()
    verzoeken = []
    for vraag in vragen:
        if vraag.afhandeling != "terugbelverzoek":
            continue
        contact = vraag.klantcontact
        open_ = contact.plaatsgevonden_op > now - datetime.timedelta(days=7)
        verzoek = Contactverzoek(
            klantcontact=contact,
            vraag=vraag,
            afdeling=(vraag.product.behandelende_afdeling if vraag.product else None)
            or burgerzaken,
            gevraagde_handeling=f"Klant terugbellen over {vraag.onderwerp.lower()}",
            toelichting=vraag.vraag,
            terugbelnummer=telefoons.get(contact.partij_id, ""),
            deadline=contact.plaatsgevonden_op + datetime.timedelta(days=1),
            status=(
                rnd.choice(
                    [Contactverzoek.Status.TE_VERWERKEN, Contactverzoek.Status.IN_BEHANDELING]
                )
                if open_
                else Contactverzoek.Status.VERWERKT
            ),
        )
        verzoeken.append(verzoek)
    Contactverzoek.objects.bulk_create(verzoeken)
    gebeurtenissen = []
    for verzoek in verzoeken:
        # aangemaakt_op and tijdstip are auto_now_add: the historic moments are set after.
        verzoek.aangemaakt_op = verzoek.klantcontact.plaatsgevonden_op
        gebeurtenissen.append(
            ContactverzoekGebeurtenis(
                contactverzoek=verzoek, soort=ContactverzoekGebeurtenis.Soort.AANGEMAAKT
            )
        )
        if verzoek.status == Contactverzoek.Status.VERWERKT:
            verzoek.afgehandeld_op = verzoek.aangemaakt_op + datetime.timedelta(
                hours=rnd.choice([1, 2, 3, 5, 8, 26, 50])
            )
            verzoek.afhandeling_toelichting = "Klant teruggebeld, vraag beantwoord."
            gebeurtenissen.append(
                ContactverzoekGebeurtenis(
                    contactverzoek=verzoek,
                    soort=ContactverzoekGebeurtenis.Soort.AFGEHANDELD,
                    toelichting=verzoek.afhandeling_toelichting,
                )
            )
    Contactverzoek.objects.bulk_update(
        verzoeken, ["aangemaakt_op", "afgehandeld_op", "afhandeling_toelichting"]
    )
    ContactverzoekGebeurtenis.objects.bulk_create(gebeurtenissen)
    for gebeurtenis in gebeurtenissen:
        verzoek = gebeurtenis.contactverzoek
        gebeurtenis.tijdstip = (
            verzoek.afgehandeld_op
            if gebeurtenis.soort == ContactverzoekGebeurtenis.Soort.AFGEHANDELD
            else verzoek.aangemaakt_op
        )
    ContactverzoekGebeurtenis.objects.bulk_update(gebeurtenissen, ["tijdstip"])


def _tevredenheid(rnd: random.Random, contacten: list[Klantcontact], emails: set[int]) -> None:
    """Surveys as the service sends them (recent contacts on the survey kanalen, one per
    partij per KCC_TEVREDENHEID_DAGEN), about half of them answered."""
    now = timezone.now()
    laatste: dict[int, datetime.datetime] = {}
    metingen = []
    for contact in sorted(contacten, key=lambda c: c.plaatsgevonden_op):
        if (
            contact.plaatsgevonden_op < now - datetime.timedelta(days=90)
            or contact.kanaal not in settings.KCC_TEVREDENHEID_KANALEN
            or contact.partij_id not in emails
        ):
            continue
        vorige = laatste.get(contact.partij_id)
        if vorige and contact.plaatsgevonden_op - vorige < datetime.timedelta(
            days=settings.KCC_TEVREDENHEID_DAGEN
        ):
            continue
        laatste[contact.partij_id] = contact.plaatsgevonden_op
        beantwoord = rnd.random() < 0.55
        metingen.append(
            Tevredenheidsmeting(
                klantcontact=contact,
                partij_id=contact.partij_id,
                token=secrets.token_urlsafe(32),
                verstuurd_op=contact.plaatsgevonden_op + datetime.timedelta(minutes=5),
                score=rnd.choices([1, 2, 3, 4, 5], [5, 8, 17, 40, 30])[0] if beantwoord else None,
                toelichting=rnd.choice(_TOELICHTINGEN) if beantwoord else "",
                beantwoord_op=(
                    min(
                        contact.plaatsgevonden_op + datetime.timedelta(hours=rnd.randint(1, 48)),
                        now,
                    )
                    if beantwoord
                    else None
                ),
            )
        )
    Tevredenheidsmeting.objects.bulk_create(metingen)


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
