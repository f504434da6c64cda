"""The dashboard's contact KPIs, checked against numbers worked out by hand."""

import datetime

import pytest
from django.utils import timezone

from contacts import selectors
from contacts.models import Afhandeling, Contactverzoek, Kanaal, Vraag
from kcc.kpi import KpiFilters, Periode, periode_for
from tests.catalogus.factories import KennisartikelFactory
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, ProductFactory
from tests.factories import AfdelingFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

DAG = datetime.date(2026, 11, 10)
MAAND = Periode(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
GEEN = KpiFilters()


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def contact(day=DAG, hour=10, **kwargs):
    return KlantcontactFactory(plaatsgevonden_op=at(day, hour), **kwargs)


def test_periods():
    today = datetime.date(2026, 11, 26)  # a Thursday
    assert periode_for("vandaag", today=today) == Periode(today, today)
    assert periode_for("week", today=today) == Periode(
        datetime.date(2026, 11, 23), datetime.date(2026, 11, 29)
    )
    assert periode_for("maand", today=today) == MAAND
    assert periode_for("maand", today=datetime.date(2026, 12, 5)).tot == datetime.date(2026, 12, 31)


def test_contacts_per_kanaal_counts_local_days_of_the_period():
    contact(kanaal=Kanaal.TELEFOON)
    contact(kanaal=Kanaal.TELEFOON)
    contact(kanaal=Kanaal.EMAIL)
    # 00:30 Amsterdam on 1 November is still 31 October in UTC: it belongs to November.
    contact(day=datetime.date(2026, 11, 1), hour=0, kanaal=Kanaal.CHAT)
    contact(day=datetime.date(2026, 10, 31), hour=23, kanaal=Kanaal.CHAT)  # before
    contact(day=datetime.date(2026, 12, 1), hour=0, kanaal=Kanaal.CHAT)  # after

    rows = {
        r["kanaal"]: r["aantal"]
        for r in selectors.kpi_contacts_per_kanaal(periode=MAAND, filters=GEEN)
    }

    assert rows == {"telefoon": 2, "balie": 0, "e-mail": 1, "post": 0, "webformulier": 0, "chat": 1}


def test_trend_per_day():
    contact(kanaal=Kanaal.TELEFOON)
    contact(kanaal=Kanaal.TELEFOON, hour=15)
    contact(day=DAG + datetime.timedelta(days=1), kanaal=Kanaal.BALIE)

    trend = selectors.kpi_contacts_trend(periode=MAAND, filters=GEEN)

    assert len(trend["dagen"]) == 30
    index = trend["dagen"].index(DAG)
    assert trend["reeksen"]["telefoon"][index] == 2
    assert trend["reeksen"]["balie"][index + 1] == 1
    assert sum(trend["reeksen"]["chat"]) == 0


def test_first_contact_resolution_and_the_true_rate():
    # Telefoon: 3 contacts, 2 answered directly, of which 1 came back (repeat): 66.7% / 33.3%.
    contact(afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    contact(afhandeling=Afhandeling.DIRECT_BEANTWOORD, in_een_keer_opgelost=False)
    contact(afhandeling=Afhandeling.DOORVERBONDEN)
    # Balie: 1 contact, answered directly: 100%.
    contact(kanaal=Kanaal.BALIE, afhandeling=Afhandeling.DIRECT_BEANTWOORD)

    fcr = selectors.kpi_first_contact_resolution(periode=MAAND, filters=GEEN)

    assert fcr["norm"] == 80
    assert fcr["totaal"] == {
        "aantal": 4,
        "direct": 3,
        "echt": 2,
        "percentage": 75.0,
        "percentage_echt": 50.0,
    }
    telefoon = next(r for r in fcr["per_kanaal"] if r["kanaal"] == "telefoon")
    assert (telefoon["percentage"], telefoon["percentage_echt"]) == (66.7, 33.3)
    assert [r["kanaal"] for r in fcr["per_kanaal"]] == ["telefoon", "balie"]


def test_transfer_rate():
    contact(afhandeling=Afhandeling.DOORVERBONDEN)
    contact(afhandeling=Afhandeling.DIRECT_BEANTWOORD)
    contact(afhandeling=Afhandeling.TERUGBELVERZOEK)

    assert selectors.kpi_transfer_rate(periode=MAAND, filters=GEEN) == {
        "aantal": 3,
        "doorverbonden": 1,
        "percentage": 33.3,
    }


def test_empty_period_gives_no_percentage():
    assert selectors.kpi_transfer_rate(periode=MAAND, filters=GEEN)["percentage"] is None


def test_filters_kanaal_afdeling_product_medewerker():
    afdeling = AfdelingFactory(code="kcc")
    onder = AfdelingFactory(code="tip", parent=afdeling)
    anna = MedewerkerFactory(afdeling=onder)
    paspoort = ProductFactory(naam="Paspoort")
    met_paspoort = contact(medewerker=anna, kanaal=Kanaal.BALIE)
    Vraag.objects.create(
        klantcontact=met_paspoort, product=paspoort, vraag="?", afhandeling="direct_beantwoord"
    )
    contact(medewerker=anna, kanaal=Kanaal.TELEFOON)
    contact(kanaal=Kanaal.TELEFOON)

    def count(**filters):
        return selectors.klantcontact_kpi_list(periode=MAAND, filters=KpiFilters(**filters)).count()

    assert count() == 3
    assert count(kanaal=Kanaal.TELEFOON) == 2
    assert count(afdeling=afdeling) == 2  # the afdeling and the ones below it
    assert count(medewerker=anna) == 2
    assert count(product=paspoort) == 1


def test_contactverzoeken_created_open_overdue_and_time_to_completion():
    now = timezone.now()
    periode = Periode(timezone.localdate() - datetime.timedelta(days=6), timezone.localdate())
    ContactverzoekFactory(deadline=now + datetime.timedelta(days=1))  # open
    ContactverzoekFactory(deadline=now - datetime.timedelta(hours=1))  # open, overdue
    on_time = ContactverzoekFactory(deadline=now + datetime.timedelta(days=1))
    late = ContactverzoekFactory(deadline=now - datetime.timedelta(days=1))
    created = now - datetime.timedelta(hours=10)
    Contactverzoek.objects.filter(pk=on_time.pk).update(
        status="verwerkt",
        aangemaakt_op=created,
        afgehandeld_op=created + datetime.timedelta(hours=2),
    )
    Contactverzoek.objects.filter(pk=late.pk).update(
        status="verwerkt",
        aangemaakt_op=created,
        afgehandeld_op=created + datetime.timedelta(hours=6),
    )

    kpi = selectors.kpi_contactverzoeken(periode=periode, filters=GEEN)

    assert kpi == {
        "aangemaakt": 4,
        "open": 2,
        "te_laat": 1,
        "afgehandeld": 2,
        "op_tijd": 1,
        "doorlooptijd_uren": 4.0,  # (2 + 6) / 2
        "percentage_op_tijd": 50.0,
    }
    assert (
        selectors.contactverzoek_kpi_list(periode=periode, filters=GEEN, soort="te_laat").count()
        == 1
    )


def test_top_onderwerpen_per_kanaal_are_ranked_and_limited():
    paspoort = ProductFactory(naam="Paspoort")
    for n, (kanaal, onderwerp, product) in enumerate(
        [
            (Kanaal.TELEFOON, "", paspoort),
            (Kanaal.TELEFOON, "", paspoort),
            (Kanaal.TELEFOON, "Afvalkalender", None),
            (Kanaal.TELEFOON, "Parkeren", None),
            (Kanaal.EMAIL, "Afvalkalender", None),
        ]
    ):
        Vraag.objects.create(
            klantcontact=contact(kanaal=kanaal, hour=8 + n),
            product=product,
            onderwerp=onderwerp,
            vraag="?",
            afhandeling="direct_beantwoord",
        )

    top = selectors.kpi_top_onderwerpen(periode=MAAND, filters=GEEN, limit=2)["onderwerpen"]

    assert [(r["kanaal"], r["rang"], r["onderwerp"], r["aantal"]) for r in top] == [
        ("telefoon", 1, "Paspoort", 2),
        ("telefoon", 2, "Afvalkalender", 1),
        ("e-mail", 1, "Afvalkalender", 1),
    ]


def test_share_of_the_vragen_the_website_already_answers():
    """A published product has its public product page; an unpublished one counts only
    with a public, published kennisartikel; free text only by a public article's title."""
    paspoort = ProductFactory(naam="Paspoort", publicatiestatus="gepubliceerd")
    kapvergunning = ProductFactory(naam="Kapvergunning", publicatiestatus="concept")
    ontheffing = ProductFactory(naam="Ontheffing", publicatiestatus="concept")
    KennisartikelFactory(
        titel="Wanneer wordt het afval opgehaald", producten=[kapvergunning], openbaar=True
    )
    KennisartikelFactory(titel="Ontheffing intern", producten=[ontheffing], openbaar=False)
    KennisartikelFactory(titel="Afvalkalender", openbaar=True)
    KennisartikelFactory(titel="Parkeren", openbaar=True, publicatiestatus="concept")
    vragen = [
        (paspoort, ""),
        (paspoort, ""),
        (kapvergunning, ""),
        (ontheffing, ""),
        (None, "afvalkalender "),
        (None, "Parkeren"),
        (None, "Hondenbelasting"),
        (None, "Hondenbelasting"),
    ]
    for n, (product, onderwerp) in enumerate(vragen):
        Vraag.objects.create(
            klantcontact=contact(hour=8 + n),
            product=product,
            onderwerp=onderwerp,
            vraag="?",
            afhandeling="direct_beantwoord",
        )

    top = selectors.kpi_top_onderwerpen(periode=MAAND, filters=GEEN)

    online = {r["onderwerp"]: r["online"] for r in top["onderwerpen"]}
    assert online == {
        "Paspoort": "productpagina",
        "Kapvergunning": "kennisartikel",
        "Ontheffing": "",
        "afvalkalender ": "kennisartikel",
        "Parkeren": "",
        "Hondenbelasting": "",
    }
    assert top["per_kanaal"] == [
        {
            "kanaal": "telefoon",
            "label": "Telefoon",
            "vragen": 8,
            "online": 4,
            "percentage": 50.0,
        }
    ]


def test_digital_share_per_month():
    contact(kanaal=Kanaal.EMAIL)
    contact(kanaal=Kanaal.CHAT)
    contact(kanaal=Kanaal.TELEFOON)
    contact(kanaal=Kanaal.BALIE)
    contact(day=datetime.date(2026, 10, 5), kanaal=Kanaal.WEBFORMULIER)
    contact(day=datetime.date(2025, 10, 5), kanaal=Kanaal.WEBFORMULIER)  # > 12 months back

    rows = selectors.kpi_digitaal_aandeel(periode=MAAND, filters=GEEN)

    assert rows == [
        {"maand": datetime.date(2026, 10, 1), "aantal": 1, "digitaal": 1, "percentage": 100.0},
        {"maand": datetime.date(2026, 11, 1), "aantal": 4, "digitaal": 2, "percentage": 50.0},
    ]


def test_contactverzoeken_per_afdeling():
    now = timezone.now()
    periode = Periode(timezone.localdate() - datetime.timedelta(days=6), timezone.localdate())
    burgerzaken = AfdelingFactory(code="burgerzaken", naam="Burgerzaken")
    belastingen = AfdelingFactory(code="belastingen", naam="Belastingen")
    ContactverzoekFactory(afdeling=burgerzaken, deadline=now - datetime.timedelta(hours=1))
    ContactverzoekFactory(afdeling=burgerzaken)
    klaar = ContactverzoekFactory(afdeling=belastingen)
    Contactverzoek.objects.filter(pk=klaar.pk).update(status="verwerkt", afgehandeld_op=now)

    rows = selectors.kpi_contactverzoeken_per_afdeling(periode=periode, filters=GEEN)

    assert rows == [
        {
            "afdeling": "belastingen",
            "naam": "Belastingen",
            "aangemaakt": 1,
            "afgehandeld": 1,
            "op_tijd": 1,
            "open": 0,
            "te_laat": 0,
            "percentage_op_tijd": 100.0,
        },
        {
            "afdeling": "burgerzaken",
            "naam": "Burgerzaken",
            "aangemaakt": 2,
            "afgehandeld": 0,
            "op_tijd": 0,
            "open": 2,
            "te_laat": 1,
            "percentage_op_tijd": None,
        },
    ]
