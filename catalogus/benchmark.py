"""Benchmark data for the catalogue: the full UPL import plus thousands of knowledge articles.

The article text is built from the real UPL product names, the SDG area names and a
few hundred everyday Dutch words, so the search index has a realistic spread of
terms (repeating twenty words makes every query match everything and look slow).
"""

import datetime
import random
import uuid

from kcc.benchmark.generate import copy_rows, reserve_ids
from kcc.benchmark.scales import Scale

METRO_KENNISARTIKELEN = 5_000
PUBLISHED_SHARE = 0.9

_NOUNS = (
    "aanvraag afspraak adres afval bewijs bewoner brief burger formulier gemeente "
    "gemeentehuis handtekening identiteitsbewijs inwoner kosten legitimatie loket melding "
    "ondernemer paspoort pasfoto rijbewijs straat termijn uittreksel vergunning verhuizing "
    "woning zoon dochter partner kind ouder buurman eigenaar huurder verhuurder bedrijf "
    "vereniging stichting evenement terras container parkeerplaats auto fiets boom "
    "stoep lantaarnpaal riolering schuur dakkapel aanbouw bestemmingsplan belasting "
    "aanslag bezwaar beschikking uitkering toeslag schuld regeling voorziening "
    "hulpmiddel rolstoel scootmobiel huishouden mantelzorger zorgverlener wijkteam "
    "school leerling leerplicht vervoer subsidie aanvrager bijlage bevestiging "
    "ontvangstbevestiging betaling factuur machtiging DigiD website telefoon balie "
    "openingstijden wachttijd gesprek terugbelverzoek klacht compliment vraag antwoord "
    "medewerker afdeling team backoffice frontoffice werkdag weekend feestdag datum "
    "geboortedatum nationaliteit naturalisatie huwelijk partnerschap scheiding geboorte "
    "overlijden begrafenis crematie erfenis akte register inschrijving uitschrijving "
    "briefadres postadres woonadres huisnummer postcode kenteken ontheffing gehandicaptenkaart "
    "milieustraat grofvuil kringloop papier glas textiel restafval gft minicontainer "
    "hondenbelasting precario leges tarief korting betalingsregeling kwijtschelding "
    "woz-waarde taxatie verslag rapport besluit termijnoverschrijding dwangsom ingebrekestelling"
).split()
_VERBS = (
    "aanvragen ophalen betalen invullen ondertekenen meenemen opsturen controleren "
    "verlengen vervangen wijzigen intrekken melden doorgeven inplannen verzetten afzeggen "
    "beoordelen behandelen goedkeuren afwijzen doorsturen terugbellen uitleggen toelichten "
    "registreren vastleggen nakijken inleveren opzoeken bevestigen versturen ontvangen "
    "indienen aanpassen verwerken regelen informeren adviseren helpen verwijzen"
).split()
_ADJECTIVES = (
    "nieuwe oude geldige verlopen tijdelijke definitieve volledige onvolledige digitale "
    "schriftelijke mondelinge spoedeigen gewone dringende korte lange minderjarige "
    "meerderjarige Nederlandse buitenlandse gemeentelijke landelijke eigen zelfstandige "
    "gehandicapte zieke kwetsbare openbare vertrouwelijke juiste onjuiste ontbrekende"
).split()
_ADVERBS = (
    "binnen uiterlijk meestal altijd soms direct eerst daarna vervolgens alleen ook nog "
    "zelf persoonlijk online telefonisch schriftelijk vooraf achteraf tijdig gratis"
).split()
_PLACES = "aan de balie, via de website, met DigiD, per post, in het gemeentehuis".split(", ")

_TITLES = {
    "vac": [
        "Hoe vraag ik {p} aan?",
        "Wat kost {p}?",
        "Hoe lang duurt {p}?",
        "Kan ik {p} online regelen?",
        "Welke documenten heb ik nodig voor {p}?",
        "Wat moet ik doen bij {p}?",
        "Mag iemand anders {p} voor mij regelen?",
        "{P}: wat als mijn {n} verlopen is?",
    ],
    "script": ["Gespreksscript {p}", "Script: vragen over {p}", "Belscript {p} ({g})"],
    "werkinstructie": [
        "Werkinstructie {p}",
        "Zo handel je {p} af",
        "Werkinstructie: {p} bij {n}",
        "Doorverbinden bij vragen over {p}",
    ],
    "nieuws": [
        "Nieuw: {p} ook {a}",
        "Wijziging in {p} per {d}",
        "Storing bij {p}",
        "Let op: drukte rond {p}",
    ],
}


def _sentence(rng: random.Random, producten: list[str], gebieden: list[str]) -> str:
    pattern = rng.randrange(6)
    n1, n2 = rng.choice(_NOUNS), rng.choice(_NOUNS)
    verb, adj, adv = rng.choice(_VERBS), rng.choice(_ADJECTIVES), rng.choice(_ADVERBS)
    product = rng.choice(producten)
    if pattern == 0:
        text = f"u kunt {product} {adv} {rng.choice(_PLACES)} {verb}"
    elif pattern == 1:
        text = f"voor {product} heeft u een {adj} {n1} nodig"
    elif pattern == 2:
        text = f"de {n1} van de {adj} {n2} bij {rng.choice(gebieden).lower()} wordt behandeld"
    elif pattern == 3:
        text = f"vraag de klant of de {n1} {adv} is te {verb}"
    elif pattern == 4:
        text = f"bij {product} moet de {n1} {rng.choice(_PLACES)} worden {verb}"
    else:
        text = f"{adv} {verb} wij de {adj} {n1} binnen {rng.randint(2, 15)} werkdagen"
    return text[:1].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, producten: list[str], gebieden: list[str]) -> str:
    return "".join(
        "<p>"
        + " ".join(_sentence(rng, producten, gebieden) for _ in range(rng.randint(2, 5)))
        + "</p>"
        for _ in range(rng.randint(1, 4))
    )


def generate_catalogus(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    """The full UPL import (through the import service), most products published, with
    a text; then the knowledge articles, COPYed, and the search columns computed in SQL."""
    from catalogus import services
    from catalogus.models import Kennisartikel, Product, Publicatiestatus, SdgInformatiegebied
    from kcc.models import Afdeling

    services.upl_import()
    gebieden = sorted(set(SdgInformatiegebied.objects.values_list("informatiegebied", flat=True)))
    afdeling_ids = list(Afdeling.objects.values_list("pk", flat=True))
    # The UPL's placeholder entry is no product anyone asks about.
    producten = list(
        Product.objects.exclude(naam__istartswith="UPL-naam").values_list("pk", "naam")
    )
    namen = [naam.lower() for _, naam in producten]
    for pk, _ in producten:
        if rng.random() < PUBLISHED_SHARE:
            Product.objects.filter(pk=pk, samenvatting="").update(
                samenvatting=_sentence(rng, namen, gebieden),
                beschrijving=_paragraphs(rng, namen, gebieden),
                publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            )
    Product.search_columns_update(Product.objects.all())

    count = scale.count(METRO_KENNISARTIKELEN)
    ids = reserve_ids("catalogus_kennisartikel", count)
    today = datetime.date.today()
    now = datetime.datetime.now(datetime.UTC)
    types = ["vac"] * 6 + ["werkinstructie"] * 2 + ["script", "nieuws"]
    links = []
    rows = []
    for pk in ids:
        soort = rng.choice(types)
        linked = rng.sample(producten, rng.choice((1, 1, 1, 2, 3)))
        links.extend((pk, product_pk) for product_pk, _ in linked)
        naam = linked[0][1]
        titel = rng.choice(_TITLES[soort]).format(
            p=naam.lower(),
            P=naam,
            n=rng.choice(_NOUNS),
            g=rng.choice(gebieden).lower(),
            a=rng.choice(_PLACES),
            d=(today + datetime.timedelta(days=rng.randrange(90))).strftime("%d-%m-%Y"),
        )
        trefwoorden = rng.sample(_NOUNS, rng.randint(0, 3))
        rows.append(
            (
                pk,
                uuid.UUID(int=rng.getrandbits(128), version=4),
                soort,
                titel[:255],
                _sentence(rng, namen, gebieden),
                _paragraphs(rng, namen, gebieden),
                rng.choice(afdeling_ids),
                trefwoorden,
                rng.random() < 0.5,
                rng.random() < 0.03,
                [],
                Publicatiestatus.GEPUBLICEERD
                if rng.random() < PUBLISHED_SHARE
                else Publicatiestatus.CONCEPT,
                today + datetime.timedelta(days=rng.randrange(365)),
                now,
                now,
                "",
            )
        )
    copy_rows(
        "catalogus_kennisartikel",
        [
            "id",
            "uuid",
            "type",
            "titel",
            "samenvatting",
            "inhoud",
            "afdeling_id",
            "trefwoorden",
            "openbaar",
            "belangrijk",
            "doelgroep_rollen",
            "publicatiestatus",
            "review_datum",
            "aangemaakt",
            "gewijzigd",
            "zoeknaam",
        ],
        rows,
    )
    copy_rows("catalogus_kennisartikel_producten", ["kennisartikel_id", "product_id"], links)
    Kennisartikel.search_columns_update(Kennisartikel.objects.filter(pk__range=(ids[0], ids[-1])))
    return {"producten": len(producten), "kennisartikelen": count}
