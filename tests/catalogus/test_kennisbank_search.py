import pytest

from catalogus import selectors
from catalogus.models import Publicatiestatus, Synoniem
from tests.catalogus.factories import KennisartikelFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def producten():
    return {
        naam: ProductFactory(naam=naam, samenvatting=samenvatting)
        for naam, samenvatting in [
            ("Paspoort", "Een reisdocument aanvragen of verlengen."),
            ("Zakenpaspoort", "Een tweede paspoort voor wie veel zakelijk reist."),
            ("Paspoort tweede", "Een tweede paspoort."),
            ("Parkeervergunning", "Parkeren in de eigen wijk."),
            ("Verhuismelding", "Uw nieuwe adres doorgeven."),
            ("Huwelijk", "Trouwen in het gemeentehuis of op een trouwlocatie."),
            ("Identiteitskaart", "Identiteitsbewijs voor Nederland en Europa."),
        ]
    }


def titles(query, **kwargs):
    return [hit.titel for hit in selectors.kennisbank_search(query=query, **kwargs)]


def test_a_typo_still_finds_the_product(producten):
    assert titles("parkeervergunnig")[0] == "Parkeervergunning"


def test_citizens_words_find_the_official_product_through_synonyms(producten):
    assert "Verhuismelding" in titles("verhuizen")
    assert titles("trouwen")[0] == "Huwelijk"
    assert titles("ID-kaart")[0] == "Identiteitskaart"


def test_an_exact_name_ranks_first(producten):
    found = titles("paspoort")
    assert found[0] == "Paspoort"
    assert {"Zakenpaspoort", "Paspoort tweede"} <= set(found)


def test_dutch_stemming_and_accents_match(producten):
    KennisartikelFactory(titel="Wat kost een financiële tegemoetkoming?", samenvatting="Uitleg.")
    assert titles("financiele tegemoetkomingen") == ["Wat kost een financiële tegemoetkoming?"]


def test_only_published_items_are_found(producten):
    ProductFactory(naam="Hondenbelasting", publicatiestatus=Publicatiestatus.CONCEPT)
    KennisartikelFactory(
        titel="Hondenbelasting opzeggen", publicatiestatus=Publicatiestatus.INGETROKKEN
    )
    assert titles("hondenbelasting") == []


def test_articles_are_searched_and_filtered_by_type(producten):
    KennisartikelFactory(titel="Script: klant wil paspoort spoed", type="script")
    KennisartikelFactory(titel="Paspoort kwijt, wat nu?", type="vac")
    assert titles("paspoort", soort="script") == ["Script: klant wil paspoort spoed"]
    assert set(titles("paspoort", soort="product")) == {
        "Paspoort",
        "Zakenpaspoort",
        "Paspoort tweede",
    }


def test_a_synonym_added_by_the_redacteur_is_used(producten):
    assert "Parkeervergunning" not in titles("bewonerskaart")
    Synoniem.objects.create(woord="Bewonerskaart", zoek_ook=["parkeervergunning"])
    assert titles("bewonerskaart")[0] == "Parkeervergunning"


def test_an_empty_query_finds_nothing(producten):
    assert titles("   ") == []
