"""The open zaken per afdeling, kept by the database (models.OpenZakenTelling): they
follow every way a zaak opens, closes, moves or goes, survive compaction (also while
another transaction is writing), and answer the work list's page count."""

import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kcc import roles
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import selectors, services
from zaken.models import OpenZakenTelling, Zaak


def _geteld(afdeling) -> int:
    return selectors.open_zaken_aantal(afdeling_id=afdeling.pk)


def _werkelijk(afdeling) -> int:
    return Zaak.objects.filter(behandelende_afdeling=afdeling, einddatum__isnull=True).count()


def _sluit(zaak) -> None:
    services.zaak_status_set(
        zaak=zaak,
        statustype=zaak.zaaktype.statustypen.get(volgnummer=3),
        resultaattype=zaak.zaaktype.resultaattypen.get(omschrijving="Verleend"),
        door=None,
    )


@pytest.mark.django_db
def test_the_count_follows_every_way_a_zaak_opens_closes_moves_or_goes():
    afdeling = AfdelingFactory()
    kcc = AfdelingFactory(code=settings.KCC_AFDELING_CODE)
    zaaktype = make_zaaktype(afdeling=afdeling)
    zaken = [make_zaak(zaaktype=zaaktype) for _ in range(4)]
    assert (_geteld(afdeling), _geteld(kcc)) == (4, 0)

    _sluit(zaken[0])
    services.zaak_hand_back(zaak=zaken[1], notitie="Verkeerd gerouteerd", door=None)
    zaken[3].delete()

    assert (_geteld(afdeling), _geteld(kcc)) == (1, 1)
    assert (_werkelijk(afdeling), _werkelijk(kcc)) == (1, 1)


@pytest.mark.django_db
def test_a_change_that_keeps_a_zaak_open_where_it_is_writes_no_count():
    zaak = make_zaak()
    rijen = OpenZakenTelling.objects.count()

    zaak.save()
    Zaak.objects.filter(pk=zaak.pk).update(
        einddatum=None, behandelende_afdeling=zaak.behandelende_afdeling
    )

    assert OpenZakenTelling.objects.count() == rijen


@pytest.mark.django_db
def test_compacting_leaves_one_row_per_afdeling_with_the_same_counts():
    eerste, tweede = AfdelingFactory(), AfdelingFactory()
    for afdeling, aantal in ((eerste, 3), (tweede, 2)):
        zaaktype = make_zaaktype(afdeling=afdeling)
        for _ in range(aantal):
            make_zaak(zaaktype=zaaktype)
    _sluit(Zaak.objects.filter(behandelende_afdeling=tweede).first())

    gevouwen = services.open_zaken_telling_compact()

    assert gevouwen == 6  # five opened, one closed
    assert sorted(
        OpenZakenTelling.objects.filter(afdeling_id__in=[eerste.pk, tweede.pk]).values_list(
            "afdeling_id", "aantal"
        )
    ) == sorted([(eerste.pk, 3), (tweede.pk, 1)])
    assert (_geteld(eerste), _geteld(tweede)) == (3, 1)


@pytest.mark.django_db(transaction=True)
def test_compacting_while_another_transaction_opens_a_zaak_loses_nothing():
    afdeling = AfdelingFactory()
    zaaktype = make_zaaktype(afdeling=afdeling)
    make_zaak(zaaktype=zaaktype)
    geschreven, verder = threading.Event(), threading.Event()

    def open_een_zaak_en_wacht():
        try:
            with transaction.atomic():
                make_zaak(zaaktype=zaaktype)
                geschreven.set()
                verder.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=open_een_zaak_en_wacht)
    thread.start()
    assert geschreven.wait(timeout=30)
    services.open_zaken_telling_compact()  # does not see the uncommitted +1
    verder.set()
    thread.join(timeout=30)

    assert _geteld(afdeling) == _werkelijk(afdeling) == 2
    services.open_zaken_telling_compact()
    assert OpenZakenTelling.objects.filter(afdeling_id=afdeling.pk).count() == 1
    assert _geteld(afdeling) == 2


@pytest.mark.django_db
def test_the_work_list_api_takes_its_count_from_the_kept_counts(api_client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    zaaktype = make_zaaktype(afdeling=medewerker.afdeling)
    for _ in range(3):
        make_zaak(zaaktype=zaaktype)
    api_client.force_authenticate(medewerker.user)

    with CaptureQueriesContext(connection) as queries:
        response = api_client.get("/api/v1/zaken", {"page_size": 2})

    assert response.json()["count"] == 3
    assert response.json()["next"]
    assert not [q for q in queries if "COUNT(" in q["sql"] and "zaken_zaak" in q["sql"]]
    # With a filter no kept count answers it: the list counts its rows.
    filtered = api_client.get("/api/v1/zaken", {"zaaktype": str(zaaktype.uuid)}).json()
    assert filtered["count"] == 3
