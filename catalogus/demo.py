"""Demo catalogue of Gemeente Voorbeeld: the UPL import, completed common products with
their zaaktypen, and kennisartikelen. Safe to run again: what exists is left alone."""

from decimal import Decimal

from django.db import transaction

from catalogus import services
from catalogus.models import Aanvraagveld, Kennisartikel, Product, Publicatiestatus, Zaaktype
from catalogus.services import AanvraagveldData
from catalogus.services import StatustypeData as S

K = Product.Knip
W, B, T, P, E = (Product.Aanvraagkanaal.values[i] for i in range(5))

# identificatie, omschrijving, afdeling, doorlooptijd, servicenorm, verlenging, statustypen
ZAAKTYPEN = [
    (
        "BZ-REIS",
        "Aanvraag reisdocument",
        "burgerzaken",
        5,
        5,
        None,
        [
            S("Aanvraag ontvangen"),
            S("Document in productie"),
            S("Document ligt klaar", "Uw document ligt klaar. Neem uw oude document mee.", True),
            S("Document uitgereikt"),
        ],
    ),
    (
        "BZ-RIJB",
        "Aanvraag rijbewijs",
        "burgerzaken",
        5,
        5,
        None,
        [
            S("Aanvraag ontvangen"),
            S("Rijbewijs aangevraagd bij RDW"),
            S("Rijbewijs ligt klaar", "Uw rijbewijs ligt klaar bij de balie.", True),
            S("Rijbewijs uitgereikt"),
        ],
    ),
    (
        "BZ-VERH",
        "Verhuismelding",
        "burgerzaken",
        5,
        3,
        None,
        [
            S("Melding ontvangen", "Wij hebben uw verhuizing ontvangen.", True),
            S("Adresonderzoek"),
            S("Verhuizing verwerkt", "Uw nieuwe adres staat in de BRP.", True),
        ],
    ),
    (
        "VG-PARK",
        "Parkeervergunning bewoners",
        "vergunningen",
        10,
        5,
        None,
        [
            S("Aanvraag ontvangen", "Wij hebben uw aanvraag ontvangen.", True),
            S("In behandeling"),
            S(
                "Besluit genomen",
                "Uw parkeervergunning is verleend of geweigerd; zie de brief.",
                True,
            ),
        ],
    ),
    (
        "VG-OMGV",
        "Omgevingsvergunning (regulier)",
        "vergunningen",
        40,
        30,
        30,
        [
            S("Aanvraag ontvangen", "Wij hebben uw aanvraag ontvangen.", True),
            S("Beoordeling volledigheid"),
            S("Inhoudelijke toets"),
            S("Besluit genomen", "Er is een besluit op uw aanvraag; u krijgt het per post.", True),
        ],
    ),
    (
        "VG-EVEN",
        "Evenementenvergunning",
        "vergunningen",
        40,
        30,
        15,
        [
            S("Aanvraag ontvangen", "Wij hebben uw aanvraag ontvangen.", True),
            S("Advies hulpdiensten en Openbare Ruimte"),
            S("Besluit genomen", "Er is een besluit op uw aanvraag.", True),
        ],
    ),
    (
        "OR-VERK",
        "Verkeersbesluit evenement",
        "openbare-ruimte",
        20,
        15,
        None,
        [S("Verzoek ontvangen"), S("Verkeersmaatregelen bepaald"), S("Verkeersbesluit genomen")],
    ),
    (
        "OR-AFVC",
        "Aanvraag afvalcontainer",
        "openbare-ruimte",
        10,
        5,
        None,
        [
            S("Aanvraag ontvangen", "Wij hebben uw aanvraag ontvangen.", True),
            S("Levering ingepland", "De container wordt binnenkort bezorgd.", True),
            S("Container geleverd"),
        ],
    ),
    (
        "SD-WMO",
        "Wmo-melding en aanvraag",
        "sociaal-domein",
        56,
        42,
        14,
        [
            S(
                "Melding ontvangen",
                "Wij hebben uw melding ontvangen en bellen u binnen 5 werkdagen.",
                True,
            ),
            S("Keukentafelgesprek"),
            S("Onderzoeksverslag"),
            S("Aanvraag beoordeeld"),
            S("Besluit genomen", "Er is een besluit op uw aanvraag.", True),
        ],
    ),
    (
        "BL-KWIJT",
        "Kwijtschelding gemeentelijke belastingen",
        "belastingen",
        40,
        20,
        20,
        [
            S("Verzoek ontvangen", "Wij hebben uw verzoek ontvangen.", True),
            S("Draagkracht berekend"),
            S("Besluit genomen", "Er is een besluit op uw verzoek.", True),
        ],
    ),
]

DOC_ID = "Geldig identiteitsbewijs (paspoort, identiteitskaart of rijbewijs)"

# upl_naam, zaaktype, afdeling, knip, kanalen, afspraak, servicenorm, kosten, fields
PRODUCTEN = [
    (
        "paspoort",
        "BZ-REIS",
        "burgerzaken",
        K.FRONTOFFICE_NEEMT_IN,
        [W, B],
        True,
        "Binnen 5 werkdagen klaar; spoed (€ 58,70 extra) de volgende werkdag.",
        [
            ("71.50", "Paspoort 18 jaar en ouder (10 jaar geldig)"),
            ("56.85", "Paspoort jonger dan 18 (5 jaar geldig)"),
            ("58.70", "Spoedtoeslag"),
        ],
        dict(
            samenvatting="Een paspoort is een reisdocument voor reizen binnen en buiten Europa.",
            voorwaarden="U staat ingeschreven in Gemeente Voorbeeld.\nU komt zelf aan de balie; "
            "kinderen ook, met toestemming van beide ouders.",
            benodigde_documenten="Uw huidige paspoort of identiteitskaart\nEén pasfoto (niet ouder "
            "dan 6 maanden)\nToestemmingsformulier ouders (bij kinderen)",
            knip_toelichting="Maak de afspraak tijdens het gesprek. De balie neemt de aanvraag in "
            "en reikt uit; Burgerzaken behandelt alleen afwijkingen (vermissing, spoed).",
            trefwoorden=["reisdocument", "pas", "vakantie"],
            beschrijving="<p>Een paspoort is <strong>10 jaar</strong> geldig voor volwassenen.</p>",
        ),
    ),
    (
        "identiteitskaart",
        "BZ-REIS",
        "burgerzaken",
        K.FRONTOFFICE_NEEMT_IN,
        [W, B],
        True,
        "Binnen 5 werkdagen klaar.",
        [
            ("70.35", "Identiteitskaart 18 jaar en ouder"),
            ("43.15", "Identiteitskaart jonger dan 18"),
        ],
        dict(
            samenvatting="Met een identiteitskaart reist u binnen Europa en bewijst u wie u bent.",
            voorwaarden="U staat ingeschreven in Gemeente Voorbeeld en komt zelf aan de balie.",
            benodigde_documenten="Uw huidige identiteitsbewijs\nEén pasfoto",
            knip_toelichting="Afspraak maken; de balie handelt af.",
            trefwoorden=["id-kaart", "ID", "identiteitsbewijs"],
        ),
    ),
    (
        "rijbewijs verlengen",
        "BZ-RIJB",
        "burgerzaken",
        K.FRONTOFFICE_NEEMT_IN,
        [W, B],
        True,
        "Binnen 5 werkdagen klaar.",
        [("52.40", "Rijbewijs verlengen")],
        dict(
            samenvatting="Uw rijbewijs verloopt: verleng het op tijd aan de balie.",
            voorwaarden="75 jaar of ouder: eerst een gezondheidsverklaring bij het CBR.",
            benodigde_documenten="Uw huidige rijbewijs\nEén pasfoto",
            knip_toelichting="Ouder dan 75? Verwijs eerst naar het CBR (externe organisatie).",
            trefwoorden=["rijbewijs", "verlopen"],
        ),
    ),
    (
        "verhuismelding",
        "BZ-VERH",
        "burgerzaken",
        K.FRONTOFFICE,
        [W, B, P],
        False,
        "Binnen 3 werkdagen verwerkt.",
        [],
        dict(
            samenvatting="Geef uw nieuwe adres door, uiterlijk 5 dagen na de verhuizing.",
            voorwaarden="U meldt uw verhuizing tussen 4 weken vóór en 5 dagen na de verhuisdatum.",
            benodigde_documenten="DigiD (online) of een geldig identiteitsbewijs\n"
            "Toestemming van de hoofdbewoner bij inwoning",
            knip_toelichting="Online met DigiD; zonder DigiD neemt de balie de melding af.",
            trefwoorden=["verhuizen", "adres", "adreswijziging", "verhuizing doorgeven"],
        ),
    ),
    (
        "brp-uittreksel",
        None,
        "burgerzaken",
        K.FRONTOFFICE,
        [W, B],
        False,
        "Direct mee te nemen aan de balie; per post binnen 3 werkdagen.",
        [("14.20", "Uittreksel BRP")],
        dict(
            samenvatting="Een uittreksel uit de Basisregistratie Personen (BRP) met uw gegevens.",
            benodigde_documenten=DOC_ID,
            knip_toelichting="Handel volledig af: online aanvragen met DigiD of aan de balie.",
            trefwoorden=["uittreksel", "gba", "bewijs van inschrijving"],
        ),
    ),
    (
        "parkeervergunning",
        "VG-PARK",
        "vergunningen",
        K.FRONTOFFICE_NEEMT_IN,
        [W],
        False,
        "Binnen 10 werkdagen een besluit.",
        [("98.00", "Eerste bewonersvergunning per jaar"), ("196.00", "Tweede vergunning per jaar")],
        dict(
            samenvatting="Met een parkeervergunning parkeert u in uw eigen wijk.",
            voorwaarden="U woont in een vergunninggebied. Maximaal 2 vergunningen per adres.",
            benodigde_documenten="Kenteken van de auto (op uw naam of leaseauto met verklaring)",
            knip_toelichting="Help de klant online aanvragen. Wachtlijst of bezwaar: "
            "doorverbinden met Vergunningen.",
            trefwoorden=["parkeren", "bewonersvergunning", "parkeerkaart"],
        ),
    ),
    (
        "omgevingsvergunning kap",
        "VG-OMGV",
        "vergunningen",
        K.BACKOFFICE,
        [W],
        False,
        "Binnen 8 weken een besluit (verlenging 6 weken mogelijk).",
        [("85.00", "Leges kapvergunning per boom")],
        dict(
            samenvatting="Voor het kappen van een boom met een stamomtrek boven 90 cm.",
            voorwaarden="Nodig bij een stamomtrek van meer dan 90 cm op 1,30 m hoogte.",
            knip_toelichting="Verwijs naar het Omgevingsloket. Vragen over een lopende aanvraag: "
            "contactverzoek voor Vergunningen.",
            trefwoorden=["kappen", "boom", "kapvergunning"],
        ),
    ),
    (
        "evenementenvergunning",
        "VG-EVEN",
        "vergunningen",
        K.BACKOFFICE,
        [W],
        False,
        "Aanvragen uiterlijk 8 weken voor het evenement.",
        [("125.00", "Klein evenement"), ("480.00", "Groot evenement (meer dan 1.000 bezoekers)")],
        dict(
            samenvatting="Een vergunning voor een feest, markt, optocht of festival.",
            voorwaarden="Nodig als het evenement op de openbare weg is of meer dan 100 "
            "bezoekers trekt.",
            benodigde_documenten="Situatietekening van het terrein",
            knip_toelichting="Samengesteld product: Vergunningen beslist over de vergunning, "
            "Openbare Ruimte over afsluitingen en verkeersbesluit (deelzaak).",
            trefwoorden=["feest", "evenement", "buurtfeest", "straatfeest"],
        ),
    ),
    (
        "afvalcontainer",
        "OR-AFVC",
        "openbare-ruimte",
        K.FRONTOFFICE,
        [W, T],
        False,
        "Bezorgd binnen 10 werkdagen.",
        [("0.00", "Eerste container"), ("35.00", "Extra container")],
        dict(
            samenvatting="Een nieuwe, extra of kapotte afvalcontainer (kliko) aanvragen.",
            knip_toelichting="Neem de aanvraag volledig af; bezorging gaat automatisch.",
            trefwoorden=["kliko", "container", "vuilnisbak", "gft"],
        ),
    ),
    (
        "wmo-voorziening",
        "SD-WMO",
        "sociaal-domein",
        K.FRONTOFFICE_NEEMT_IN,
        [W, T, P],
        False,
        "Binnen 6 weken onderzoek, daarna binnen 2 weken een besluit.",
        [],
        dict(
            samenvatting="Hulp of een voorziening om zelfstandig te blijven wonen "
            "(huishoudelijke hulp, rolstoel, woningaanpassing).",
            voorwaarden="U woont in Gemeente Voorbeeld en kunt het niet zelf of met hulp van "
            "uw netwerk oplossen.",
            knip_toelichting="Registreer de melding met telefoonnummer; een Wmo-consulent belt "
            "binnen 5 werkdagen. Geef geen toezeggingen over de uitkomst.",
            trefwoorden=["wmo", "rolstoel", "huishoudelijke hulp", "traplift"],
        ),
    ),
    (
        "belastingkwijtschelding",
        "BL-KWIJT",
        "belastingen",
        K.FRONTOFFICE_NEEMT_IN,
        [W, P],
        False,
        "Binnen 20 werkdagen een besluit.",
        [],
        dict(
            samenvatting="Kwijtschelding van gemeentelijke belastingen bij een laag inkomen.",
            voorwaarden="Inkomen rond bijstandsniveau en geen vermogen.",
            benodigde_documenten="Bankafschriften van de laatste 3 maanden\nInkomensspecificatie",
            knip_toelichting="Online aanvragen; bij vragen over de berekening doorverbinden "
            "met Belastingen.",
            trefwoorden=["kwijtschelding", "aanslag", "belasting", "niet betalen"],
        ),
    ),
    (
        "huwelijk",
        None,
        "burgerzaken",
        K.FRONTOFFICE_NEEMT_IN,
        [W, B],
        True,
        "Melding voornemen uiterlijk 2 weken voor de datum.",
        [
            ("0.00", "Gratis huwelijk (maandagochtend)"),
            ("420.00", "Huwelijk op werkdag"),
            ("640.00", "Huwelijk op zaterdag"),
        ],
        dict(
            samenvatting="Trouwen of een geregistreerd partnerschap in Gemeente Voorbeeld.",
            knip_toelichting="Plan de datum met Burgerlijke stand; de balie neemt de melding in.",
            trefwoorden=["trouwen", "bruiloft", "partnerschap"],
        ),
    ),
]

# type, titel, samenvatting, producten, afdeling, trefwoorden, belangrijk
ARTIKELEN = [
    (
        "vac",
        "Mijn paspoort is gestolen, wat moet ik doen?",
        "Doe aangifte bij de politie en vraag daarna een nieuw paspoort aan met een afspraak.",
        ["paspoort"],
        "burgerzaken",
        ["gestolen", "kwijt", "vermist"],
        False,
    ),
    (
        "vac",
        "Hoe lang is een identiteitskaart geldig?",
        "10 jaar voor volwassenen, 5 jaar voor kinderen onder 18.",
        ["identiteitskaart"],
        "burgerzaken",
        ["geldigheid"],
        False,
    ),
    (
        "vac",
        "Kan mijn kind met alleen een identiteitskaart op vakantie?",
        "Binnen Europa wel; buiten Europa is een paspoort nodig.",
        ["identiteitskaart", "paspoort"],
        "burgerzaken",
        ["kind", "vakantie"],
        False,
    ),
    (
        "vac",
        "Mijn rijbewijs is verlopen, mag ik nog rijden?",
        "Nee. Vraag meteen een nieuw rijbewijs aan; een verlopen rijbewijs is ongeldig.",
        ["rijbewijs verlengen"],
        "burgerzaken",
        ["verlopen", "rijden"],
        False,
    ),
    (
        "vac",
        "Hoe geef ik mijn verhuizing door zonder DigiD?",
        "Kom langs aan de balie met een identiteitsbewijs, of stuur het verhuisformulier per post.",
        ["verhuismelding"],
        "burgerzaken",
        ["digid", "verhuizen"],
        False,
    ),
    (
        "vac",
        "Wat kost een uittreksel uit de BRP?",
        "€ 14,20, direct mee te nemen aan de balie.",
        ["brp-uittreksel"],
        "burgerzaken",
        ["kosten"],
        False,
    ),
    (
        "vac",
        "Hoe lang duurt het voordat ik een parkeervergunning heb?",
        "Binnen 10 werkdagen een besluit; in wijken met een wachtlijst kan het langer duren.",
        ["parkeervergunning"],
        "vergunningen",
        ["wachtlijst"],
        False,
    ),
    (
        "vac",
        "Mag ik de boom in mijn tuin kappen?",
        "Bij een stamomtrek boven 90 cm is een kapvergunning nodig.",
        ["omgevingsvergunning kap"],
        "vergunningen",
        ["boom", "tuin"],
        False,
    ),
    (
        "vac",
        "Heb ik een vergunning nodig voor een buurtfeest?",
        "Een klein buurtfeest is een melding; sluit u de straat af, dan een evenementenvergunning.",
        ["evenementenvergunning"],
        "vergunningen",
        ["buurtfeest", "straat afsluiten"],
        False,
    ),
    (
        "vac",
        "Mijn container is niet geleegd, wat nu?",
        "Zet de container de volgende ophaaldag weer buiten; meld het als het twee keer gebeurt.",
        ["afvalcontainer"],
        "openbare-ruimte",
        ["niet geleegd", "kliko"],
        False,
    ),
    (
        "vac",
        "Wat gebeurt er na een Wmo-melding?",
        "Een consulent belt binnen 5 werkdagen voor een keukentafelgesprek.",
        ["wmo-voorziening"],
        "sociaal-domein",
        ["keukentafelgesprek"],
        False,
    ),
    (
        "vac",
        "Kan ik kwijtschelding krijgen voor de hondenbelasting?",
        "Nee, voor hondenbelasting is geen kwijtschelding mogelijk.",
        ["belastingkwijtschelding"],
        "belastingen",
        ["hondenbelasting"],
        False,
    ),
    (
        "vac",
        "Wat kost trouwen in Gemeente Voorbeeld?",
        "Gratis op maandagochtend, € 420 op werkdagen, € 640 op zaterdag.",
        ["huwelijk"],
        "burgerzaken",
        ["trouwen", "kosten"],
        False,
    ),
    (
        "script",
        "Script: klant belt over een Wmo-aanvraag",
        "Vraag naar de situatie, registreer de melding en beloof een terugbelafspraak.",
        ["wmo-voorziening"],
        "sociaal-domein",
        ["wmo", "gesprek"],
        False,
    ),
    (
        "script",
        "Script: boze klant over een belastingaanslag",
        "Luister, vat samen, leg bezwaar en kwijtschelding uit, verbind niet door zonder reden.",
        ["belastingkwijtschelding"],
        "belastingen",
        ["bezwaar", "aanslag"],
        False,
    ),
    (
        "werkinstructie",
        "Werkinstructie: spoedaanvraag reisdocument",
        "Alleen bij vertrek binnen 5 werkdagen; check vluchtgegevens en maak een spoedafspraak.",
        ["paspoort", "identiteitskaart"],
        "burgerzaken",
        ["spoed"],
        False,
    ),
    (
        "werkinstructie",
        "Werkinstructie: evenement met wegafsluiting",
        "Maak de hoofdzaak bij Vergunningen aan; de deelzaak verkeersbesluit gaat naar "
        "Openbare Ruimte.",
        ["evenementenvergunning"],
        "vergunningen",
        ["deelzaak"],
        False,
    ),
    (
        "werkinstructie",
        "Werkinstructie: adresonderzoek bij verhuismelding",
        "Twijfel over bewoning? Zet de melding door naar Burgerzaken voor adresonderzoek.",
        ["verhuismelding"],
        "burgerzaken",
        ["adresonderzoek"],
        False,
    ),
    (
        "nieuws",
        "Balie gesloten op Koningsdag",
        "Op Koningsdag is de balie dicht; afspraken zijn verplaatst.",
        [],
        "kcc",
        ["koningsdag", "openingstijden"],
        True,
    ),
    (
        "nieuws",
        "Nieuwe tarieven reisdocumenten per 1 januari",
        "De leges voor paspoort en identiteitskaart zijn per 1 januari verhoogd.",
        ["paspoort", "identiteitskaart"],
        "burgerzaken",
        ["tarieven", "leges"],
        True,
    ),
]


V = Aanvraagveld.Type
# The questions of the public application form (web intake), per product.
AANVRAAGVELDEN = {
    "parkeervergunning": [
        AanvraagveldData("Kenteken", toelichting="Bijvoorbeeld: AB-123-C."),
        AanvraagveldData(
            "Soort vergunning",
            V.KEUZE,
            keuzes=["Eerste bewonersvergunning", "Tweede bewonersvergunning"],
        ),
        AanvraagveldData("Ingangsdatum", V.DATUM),
        AanvraagveldData("Is het een leaseauto?", V.JA_NEE),
    ],
    "evenementenvergunning": [
        AanvraagveldData("Naam van het evenement"),
        AanvraagveldData("Datum van het evenement", V.DATUM),
        AanvraagveldData("Verwacht aantal bezoekers", V.GETAL),
        AanvraagveldData("Wordt de weg afgesloten?", V.JA_NEE),
        AanvraagveldData(
            "Beschrijving",
            V.LANGE_TEKST,
            verplicht=False,
            toelichting="Wat gaat er gebeuren, waar en hoe laat?",
        ),
    ],
}


@transaction.atomic
def demo_catalogus_load(*, afdelingen: dict) -> dict[str, int]:
    report = services.upl_import()
    services.synoniemen_defaults_ensure()
    zaaktypen = {}
    for ident, omschrijving, afdeling, doorlooptijd, norm, verlenging, statustypen in ZAAKTYPEN:
        zaaktype = Zaaktype.objects.filter(identificatie=ident).first()
        if zaaktype is None:
            zaaktype = services.zaaktype_create(
                identificatie=ident,
                omschrijving=omschrijving,
                doorlooptijd=doorlooptijd,
                servicenorm=norm,
                verlenging_mogelijk=verlenging is not None,
                verlengingstermijn=verlenging,
                opschorting_en_aanhouding_mogelijk=doorlooptijd > 10,
                behandelende_afdeling=afdelingen[afdeling],
                statustypen=statustypen,
                resultaattypen=["Verleend", "Geweigerd", "Ingetrokken"],
            )
        zaaktypen[ident] = zaaktype
    zaaktypen["VG-EVEN"].deelzaaktypen.add(zaaktypen["OR-VERK"])

    producten = {}
    for upl, ident, afdeling, knip, kanalen, afspraak, norm, kosten, fields in PRODUCTEN:
        product = Product.objects.get(upl_naam=upl)
        producten[upl] = product
        if product.publicatiestatus != Publicatiestatus.CONCEPT or product.samenvatting:
            continue  # already completed (by an earlier run or a redacteur)
        services.product_update(
            product=product,
            zaaktype=zaaktypen.get(ident),
            behandelende_afdeling=afdelingen[afdeling],
            knip=knip,
            aanvraagkanalen=kanalen,
            afspraak_nodig=afspraak,
            servicenorm=norm,
            kosten=[(Decimal(bedrag), omschrijving) for bedrag, omschrijving in kosten],
            publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            via="taak",
            **fields,
        )

    for upl, velden in AANVRAAGVELDEN.items():
        if not producten[upl].aanvraagvelden.exists():
            services.aanvraagvelden_replace(product=producten[upl], velden=velden)

    for soort, titel, samenvatting, upls, afdeling, trefwoorden, belangrijk in ARTIKELEN:
        if Kennisartikel.objects.filter(titel=titel).exists():
            continue
        services.kennisartikel_create(
            titel=titel,
            type=soort,
            samenvatting=samenvatting,
            producten=[producten[upl] for upl in upls],
            afdeling=afdelingen[afdeling],
            trefwoorden=trefwoorden,
            belangrijk=belangrijk,
            openbaar=soort == "vac",
            publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            via="taak",
        )
    return {
        "upl_nieuw": report.created,
        "producten": Product.objects.count(),
        "gepubliceerd": Product.objects.filter(
            publicatiestatus=Publicatiestatus.GEPUBLICEERD
        ).count(),
        "zaaktypen": Zaaktype.objects.count(),
        "kennisartikelen": Kennisartikel.objects.count(),
    }
