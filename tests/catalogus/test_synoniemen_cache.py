"""The synonym list is kept per process and reloaded once a synonym changes anywhere."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogus import selectors
from catalogus.models import Synoniem
from tests.catalogus.factories import ProductFactory

# Committed transactions: the cache is only filled outside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def search(query):
    with CaptureQueriesContext(connection) as captured:
        titles = [hit.titel for hit in selectors.kennisbank_search(query=query)]
    read_synonyms = any("catalogus_synoniem" in q["sql"] for q in captured.captured_queries)
    return titles, read_synonyms


@pytest.fixture
def parkeervergunning():
    return ProductFactory(naam="Parkeervergunning", samenvatting="Parkeren in de wijk.")


def test_the_synonyms_are_read_once_per_process(parkeervergunning):
    search("parkeren")
    titles, read_synonyms = search("parkeren")
    assert titles[0] == "Parkeervergunning"
    assert not read_synonyms


def test_a_saved_synonym_is_used_at_once(parkeervergunning):
    assert "Parkeervergunning" not in search("bewonerskaart")[0]
    synoniem = Synoniem.objects.create(woord="bewonerskaart", zoek_ook=["parkeervergunning"])
    titles, read_synonyms = search("bewonerskaart")
    assert titles[0] == "Parkeervergunning" and read_synonyms
    synoniem.zoek_ook = ["hondenbelasting"]
    synoniem.save()
    assert "Parkeervergunning" not in search("bewonerskaart")[0]
    Synoniem.objects.create(woord="wijkkaart", zoek_ook=["parkeervergunning"])
    Synoniem.objects.get(woord="wijkkaart").delete()
    assert "Parkeervergunning" not in search("wijkkaart")[0]


def test_a_change_made_by_another_process_is_seen(parkeervergunning):
    Synoniem.objects.create(woord="bewonerskaart", zoek_ook=["parkeervergunning"])
    assert search("bewonerskaart")[0] == ["Parkeervergunning"]
    # Another process changed the table and set a new version in the shared cache.
    Synoniem.objects.filter(woord="bewonerskaart").update(zoek_ook=["hondenbelasting"])
    assert search("bewonerskaart")[0] == ["Parkeervergunning"]  # this process's copy
    cache.set(selectors.SYNONIEMEN_VERSION_KEY, "van een ander proces", None)
    assert search("bewonerskaart")[0] == []


def test_an_edit_rolled_back_leaves_no_trace(parkeervergunning):
    from django.db import transaction

    search("parkeren")
    with pytest.raises(RuntimeError), transaction.atomic():
        Synoniem.objects.create(woord="bewonerskaart", zoek_ook=["parkeervergunning"])
        assert search("bewonerskaart")[0] == ["Parkeervergunning"]
        raise RuntimeError
    assert search("bewonerskaart")[0] == []
