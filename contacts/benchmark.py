"""Benchmark data for contacts: partijen of a metro city and three years of klantcontacten.

Names, streets and companies come from Faker nl_NL pools drawn once and then
combined, because calling Faker per row would take longer than the COPY itself.
"""

import datetime
import random
import unicodedata
import uuid
from itertools import count as counter

from faker import Faker

from kcc import sla
from kcc.benchmark.generate import copy_rows, reserve_ids
from kcc.benchmark.scales import Scale

METRO_PARTIJEN = 500_000
METRO_KLANTCONTACTEN = 5_000_000
METRO_CONTACTVERZOEKEN = 100_000
ORGANISATIE_SHARE = 0.03
ANONIEM_SHARE = 0.1
YEARS = 3

# The klantbeeld target: one customer with a long history (not scaled).
HEAVY_CUSTOMER_UUID = uuid.UUID("0b0e0000-0000-4000-8000-00000000beef")
HEAVY_CUSTOMER_CONTACTS = 2_000

# Arnhem's yearly volumes (issue 10), plus our estimate for web forms and chat.
KANAAL_MIX = {
    "telefoon": 200_000,
    "balie": 189_000,
    "post": 27_000,
    "e-mail": 5_500,
    "webformulier": 30_000,
    "chat": 12_000,
}
# The Antwoord© measurement: 39% direct, 48% transferred, 7% callback or appointment.
AFHANDELING_MIX = {
    "direct_beantwoord": 39,
    "doorverbonden": 48,
    "terugbelverzoek": 4,
    "afspraak_gemaakt": 3,
    "aanvraag_ingenomen": 3,
    "doorverwezen_extern": 2,
    "niet_opgelost": 1,
}
_MAIL_DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "live.nl"]
_VOORVOEGSELS = ("van der ", "van den ", "van de ", "van ", "de ", "den ", "ter ", "te ", "in 't ")
_CHUNK = 50_000


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _valid_bsns(start: int, taken: set[str]):
    """Consecutive numbers turned into BSNs that pass the 11-check."""
    for number in counter(start):
        digits = f"{number:08d}"
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check == 10:
            continue
        bsn = digits + str(check)
        if bsn not in taken:
            yield bsn


def _split_surname(name: str) -> tuple[str, str]:
    for prefix in _VOORVOEGSELS:
        if name.startswith(prefix):
            return prefix.strip(), name[len(prefix) :]
    return "", name


def _pools(seed: int) -> dict[str, list]:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    surnames = sorted({fake.last_name() for _ in range(4_000)})
    return {
        "voornamen": sorted({fake.first_name() for _ in range(3_000)}),
        "achternamen": [_split_surname(name) for name in surnames],
        "straten": sorted({fake.street_name() for _ in range(3_000)}),
        "bedrijven": sorted({fake.company() for _ in range(3_000)}),
    }


def _postcodes(rng: random.Random, how_many: int) -> list[str]:
    """Postcodes of one city: a few hundred 4-digit areas with their letter pairs."""
    letters = [a + b for a in "ABCEGHJKLMNPRTVWXZ" for b in "ABCDEGHJKLMNPRSTVWXZ"]
    letters = [pair for pair in letters if pair not in {"SA", "SD", "SS"}]
    codes: set[str] = set()
    while len(codes) < how_many:
        codes.add(f"{rng.randrange(6800, 6899)} {rng.choice(letters)}")
    return sorted(codes)


def generate_partijen(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    """Persons (BSN, name, birth date, address, phone and e-mail) and a few % organisations."""
    from contacts.models import PartijIdentificator

    pools = _pools(rng.randrange(10**6))
    total = scale.count(METRO_PARTIJEN)
    ids = reserve_ids("contacts_partij", total)
    taken = set(PartijIdentificator.objects.filter(soort="bsn").values_list("waarde", flat=True))
    bsns = _valid_bsns(rng.randrange(10_000_000, 60_000_000), taken)
    postcodes = _postcodes(rng, max(1, total // 40))
    straat_van = {postcode: rng.choice(pools["straten"]) for postcode in postcodes}
    now = datetime.datetime.now(datetime.UTC)
    first_birth = datetime.date(1930, 1, 1).toordinal()
    partijen, identificatoren, adressen, digitaal = [], [], [], []
    kvk = counter(rng.randrange(30_000_000, 60_000_000))
    adres = None
    for index, pk in enumerate(ids):
        heavy = index == 0
        organisatie = not heavy and rng.random() < ORGANISATIE_SHARE
        if adres is None or organisatie or rng.random() < 0.5:
            postcode = rng.choice(postcodes)
            adres = (straat_van[postcode], rng.randint(1, 180), postcode)
            huishouden = rng.choice(pools["achternamen"])
        voorvoegsel, achternaam = huishouden
        if rng.random() < 0.3:
            voorvoegsel, achternaam = rng.choice(pools["achternamen"])
        voornaam = rng.choice(pools["voornamen"])
        if organisatie:
            naam = rng.choice(pools["bedrijven"])
            partijen.append((pk, _uuid(rng), "organisatie", "", "", "", None, naam, "", False, now))
            identificatoren.append((_uuid(rng), pk, "kvk_nummer", str(next(kvk))))
        else:
            geboren = datetime.date.fromordinal(first_birth + rng.randrange(78 * 365))
            partijen.append(
                (
                    pk,
                    HEAVY_CUSTOMER_UUID if heavy else _uuid(rng),
                    "persoon",
                    voornaam,
                    voorvoegsel,
                    achternaam,
                    geboren,
                    "",
                    "",
                    rng.random() < 0.005,
                    now,
                )
            )
            identificatoren.append((_uuid(rng), pk, "bsn", next(bsns)))
        straat, huisnummer, postcode = adres
        adressen.append((pk, straat, huisnummer, postcode, "Arnhem"))
        if rng.random() < 0.7:
            digitaal.append((_uuid(rng), pk, "telefoon", f"+316{rng.randrange(10**8):08d}"))
        if rng.random() < 0.6:
            local = (naam if organisatie else f"{voornaam}.{achternaam}").lower()
            # Mail addresses are ASCII: "Chloé" becomes "chloe".
            local = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
            local = "".join(ch for ch in local if ch.isalnum() or ch == ".")
            digitaal.append(
                (
                    _uuid(rng),
                    pk,
                    "email",
                    f"{local}{rng.randrange(100)}@{rng.choice(_MAIL_DOMAINS)}",
                )
            )
    copy_rows(
        "contacts_partij",
        [
            "id",
            "uuid",
            "soort",
            "voornaam",
            "voorvoegsel_achternaam",
            "achternaam",
            "geboortedatum",
            "statutaire_naam",
            "voorkeurskanaal",
            "indicatie_geheimhouding",
            "aangemaakt_op",
        ],
        partijen,
    )
    copy_rows(
        "contacts_partijidentificator", ["uuid", "partij_id", "soort", "waarde"], identificatoren
    )
    copy_rows(
        "contacts_adres",
        ["partij_id", "straat", "huisnummer", "postcode", "woonplaats", "huisletter", "toevoeging"],
        (row + ("", "") for row in adressen),
    )
    copy_rows(
        "contacts_digitaaladres",
        ["uuid", "partij_id", "soort", "adres", "omschrijving"],
        (row + ("",) for row in digitaal),
    )
    return {
        "partijen": total,
        "partij_identificatoren": len(identificatoren),
        "adressen": len(adressen),
        "digitale_adressen": len(digitaal),
    }


_VRAAG_TEMPLATES = [
    "Hoe vraag ik {p} aan?",
    "Wat kost {p}?",
    "Hoe lang duurt {p}?",
    "Waar staat mijn aanvraag voor {p}?",
    "Welke documenten heb ik nodig voor {p}?",
    "Klant belt over {p}, brief niet begrepen.",
    "Kan ik een afspraak maken voor {p}?",
    "Klant wil weten of {p} online kan.",
]
_ANTWOORD_TEMPLATES = [
    "Uitgelegd hoe {p} werkt, verwezen naar de website.",
    "Kosten van {p} genoemd, klant tevreden.",
    "Afspraak ingepland voor {p}.",
    "Status van {p} opgezocht en doorgegeven.",
    "",
]


def _weighted(mix: dict[str, int], size: int = 1_000) -> list[str]:
    """A lookup list in which each value occurs in proportion to its weight."""
    total = sum(mix.values())
    table = [value for value, weight in mix.items() for _ in range(round(size * weight / total))]
    return table or list(mix)


def generate_klantcontacten(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    """Three years of contacts with 1–2 vragen each, the callback requests among them,
    and one heavy customer with a long history."""
    from catalogus.models import Product
    from contacts.models import Partij
    from kcc.models import Afdeling, Medewerker

    producten = list(
        Product.objects.filter(publicatiestatus="gepubliceerd").values_list(
            "pk", "naam", "behandelende_afdeling_id"
        )
    )
    medewerker_ids = list(Medewerker.objects.values_list("pk", flat=True))
    afdeling_ids = list(Afdeling.objects.values_list("pk", flat=True))
    partij_first = Partij.objects.order_by("pk").values_list("pk", flat=True).first()
    partij_last = Partij.objects.order_by("-pk").values_list("pk", flat=True).first()
    heavy_pk = Partij.objects.get(uuid=HEAVY_CUSTOMER_UUID).pk
    vragen_pool = [t.format(p=naam.lower()) for t in _VRAAG_TEMPLATES for _, naam, _ in producten]
    antwoorden_pool = [
        t.format(p=naam.lower()) for t in _ANTWOORD_TEMPLATES for _, naam, _ in producten
    ]
    kanalen = _weighted(KANAAL_MIX)
    afhandelingen = _weighted(AFHANDELING_MIX)

    total = scale.count(METRO_KLANTCONTACTEN) + HEAVY_CUSTOMER_CONTACTS
    contactverzoek_target = scale.count(METRO_CONTACTVERZOEKEN)
    # Callback requests come from the contacts that ended in one.
    callback_chance = min(
        1.0, contactverzoek_target / (total * AFHANDELING_MIX["terugbelverzoek"] / 100)
    )
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    start = now - datetime.timedelta(days=365 * YEARS)
    span = int((now - start).total_seconds())
    recent = now - datetime.timedelta(days=14)
    contact_ids = reserve_ids("contacts_klantcontact", total)
    # At most two vragen per contact; unused ids leave a harmless gap.
    vraag_ids = iter(reserve_ids("contacts_vraag", 2 * total))
    written = {"klantcontacten": 0, "vragen": 0, "contactverzoeken": 0}
    for chunk_start in range(0, total, _CHUNK):
        contacten, vragen, verzoeken = [], [], []
        for index in range(chunk_start, min(total, chunk_start + _CHUNK)):
            pk = contact_ids[index]
            if index < HEAVY_CUSTOMER_CONTACTS:
                partij = heavy_pk
            elif rng.random() < ANONIEM_SHARE:
                partij = None
            else:
                partij = rng.randint(partij_first, partij_last)
            kanaal = rng.choice(kanalen)
            moment = start + datetime.timedelta(seconds=rng.randrange(span))
            if kanaal in ("telefoon", "balie") and moment.weekday() >= 5:
                moment -= datetime.timedelta(days=2)
            afhandeling = rng.choice(afhandelingen)
            medewerker = rng.choice(medewerker_ids)
            first_product = None
            for volgnummer in range(1, 3 if rng.random() < 0.3 else 2):
                product_pk, naam, afdeling = rng.choice(producten)
                vraag_pk = next(vraag_ids)
                vraag_afhandeling = afhandeling if volgnummer == 1 else rng.choice(afhandelingen)
                vragen.append(
                    (
                        vraag_pk,
                        pk,
                        volgnummer,
                        product_pk,
                        naam[:200],
                        rng.choice(vragen_pool),
                        rng.choice(antwoorden_pool)
                        if vraag_afhandeling == "direct_beantwoord"
                        else "",
                        vraag_afhandeling,
                    )
                )
                if first_product is None:
                    first_product = (vraag_pk, naam, afdeling)
            vraag_pk, naam, afdeling = first_product
            contacten.append(
                (
                    pk,
                    _uuid(rng),
                    partij,
                    kanaal,
                    "uitgaand" if rng.random() < 0.03 else "inkomend",
                    naam[:200],
                    "",
                    False,
                    moment,
                    medewerker,
                    afhandeling,
                    rng.random() < 0.9,
                )
            )
            if afhandeling == "terugbelverzoek" and rng.random() < callback_chance:
                deadline = moment + datetime.timedelta(days=1)
                if moment < recent:
                    status = "verwerkt"
                else:
                    status = rng.choice(("te_verwerken", "in_behandeling", "verwerkt"))
                verzoeken.append(
                    (
                        _uuid(rng),
                        pk,
                        vraag_pk,
                        afdeling or rng.choice(afdeling_ids),
                        f"Klant terugbellen over {naam.lower()}"[:200],
                        f"+316{rng.randrange(10**8):08d}",
                        deadline,
                        status,
                        moment,
                        deadline - datetime.timedelta(hours=rng.randint(1, 20))
                        if status == "verwerkt"
                        else None,
                    )
                )
        written["klantcontacten"] += copy_rows(
            "contacts_klantcontact",
            [
                "id",
                "uuid",
                "partij_id",
                "kanaal",
                "richting",
                "onderwerp",
                "inhoud",
                "vertrouwelijk",
                "plaatsgevonden_op",
                "medewerker_id",
                "afhandeling",
                "in_een_keer_opgelost",
            ],
            contacten,
        )
        written["vragen"] += copy_rows(
            "contacts_vraag",
            [
                "id",
                "klantcontact_id",
                "volgnummer",
                "product_id",
                "onderwerp",
                "vraag",
                "antwoord",
                "afhandeling",
            ],
            vragen,
        )
        written["contactverzoeken"] += _copy_contactverzoeken(verzoeken)
    return written


def _sla_drempels(row: tuple) -> tuple:
    """The SLA threshold moments contactverzoek_create stores, for open ones."""
    deadline, status, aangemaakt = row[6], row[7], row[8]
    if status == "verwerkt":
        return (None,) * 4
    return tuple(sla.drempels(aangemaakt, deadline).as_fields().values())


def _copy_contactverzoeken(verzoeken: list[tuple]) -> int:
    ids = reserve_ids("contacts_contactverzoek", len(verzoeken)) if verzoeken else []
    # Made before the COPY: the SLA calendar reads the closing days from the database,
    # and a query on the connection that is copying waits for ever.
    rows = [
        (pk, *row, "", "", "", *_sla_drempels(row)) for pk, row in zip(ids, verzoeken, strict=True)
    ]
    copy_rows(
        "contacts_contactverzoek",
        [
            "id",
            "uuid",
            "klantcontact_id",
            "vraag_id",
            "afdeling_id",
            "gevraagde_handeling",
            "terugbelnummer",
            "deadline",
            "status",
            "aangemaakt_op",
            "afgehandeld_op",
            "toelichting",
            "email",
            "afhandeling_toelichting",
            "sla_waarschuwing_op",
            "sla_vandaag_op",
            "sla_verlopen_op",
            "sla_ernstig_op",
        ],
        rows,
    )
    # The log: created, and completed for the ones that are done.
    gebeurtenissen = []
    for pk, row in zip(ids, verzoeken, strict=True):
        gebeurtenissen.append((pk, "aangemaakt", row[8], ""))
        if row[9] is not None:
            gebeurtenissen.append((pk, "afgehandeld", row[9], "Klant teruggebeld."))
    copy_rows(
        "contacts_contactverzoekgebeurtenis",
        ["contactverzoek_id", "soort", "tijdstip", "toelichting"],
        gebeurtenissen,
    )
    return len(verzoeken)


def generate_dagtellingen(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    """The dashboard's roll-up of every generated day, as Celery beat keeps it."""
    from contacts.services import klantcontact_dagtellingen_bijwerken

    return {"dagtellingen": klantcontact_dagtellingen_bijwerken(terug=3 * 366 + 31, max_dagen=None)}
