"""kcc.statements: fixed SQL per model stores and reads what the ORM would."""

import datetime

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts import selectors
from contacts.models import Klantcontact, Partij, Vraag
from kcc import statements
from kcc.models import Bericht
from tests.contacts.factories import (
    AdresFactory,
    BsnFactory,
    EmailFactory,
    PersoonFactory,
    TelefoonFactory,
)
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def _bericht(**fields) -> Bericht:
    return Bericht(
        kanaal=Bericht.Kanaal.EMAIL,
        ontvanger="inwoner@example.nl",
        onderwerp="Uw aanvraag",
        inhoud="Wij hebben uw aanvraag ontvangen.",
        headers={"In-Reply-To": "<abc@example.nl>"},
        **fields,
    )


def test_insert_stores_what_save_would_store():
    moment = timezone.now()
    inserted, saved = (
        _bericht(dedupe_key=key, aangemaakt=moment, volgende_poging_op=moment) for key in "ab"
    )
    statements.insert(inserted)
    saved.save()

    assert inserted.pk is not None and not inserted._state.adding
    stored = Bericht.objects.get(pk=inserted.pk)
    expected = model_to_dict(Bericht.objects.get(pk=saved.pk), exclude=["id", "uuid"])
    expected["dedupe_key"] = "a"
    assert model_to_dict(stored, exclude=["id", "uuid"]) == expected
    assert stored.headers == {"In-Reply-To": "<abc@example.nl>"}
    assert stored.uuid == inserted.uuid


def test_insert_many_rows_in_one_statement_gives_each_its_key():
    partij = PersoonFactory()
    klantcontact = Klantcontact(
        partij=partij,
        kanaal="telefoon",
        onderwerp="Paspoort",
        plaatsgevonden_op=timezone.now(),
        medewerker=MedewerkerFactory(),
        afhandeling="beantwoord",
    )
    statements.insert(klantcontact)
    vragen = [
        Vraag(klantcontact=klantcontact, volgnummer=n, vraag=f"Vraag {n}", afhandeling="beantwoord")
        for n in (1, 2, 3)
    ]

    with CaptureQueriesContext(connection) as queries:
        statements.insert(*vragen)

    assert len(queries) == 1
    stored = {v.pk: v.vraag for v in Vraag.objects.filter(klantcontact=klantcontact)}
    assert stored == {v.pk: v.vraag for v in vragen}
    assert Klantcontact.objects.get(pk=klantcontact.pk).in_een_keer_opgelost is True


def test_insert_keeps_a_primary_key_taken_beforehand():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('kcc_bericht', 'id'))")
        (key,) = cursor.fetchone()
    bericht = _bericht(pk=key)

    statements.insert(bericht)

    assert bericht.pk == key
    assert Bericht.objects.get(pk=key).ontvanger == "inwoner@example.nl"


def test_insert_unless_conflict_leaves_the_first_row_alone():
    first = _bericht(dedupe_key="zaak:1:ontvangstbevestiging")
    assert statements.insert_unless_conflict(first) is True

    second = _bericht(dedupe_key="zaak:1:ontvangstbevestiging")
    second.onderwerp = "Een ander onderwerp"
    assert statements.insert_unless_conflict(second) is False

    assert second.pk is None and second._state.adding
    assert list(Bericht.objects.values_list("pk", "onderwerp")) == [(first.pk, "Uw aanvraag")]


def test_select_one_reads_what_get_reads():
    partij = PersoonFactory(geboortedatum=datetime.date(1980, 2, 29))

    read = statements.select_one(Partij, "uuid", str(partij.uuid))

    assert read == partij and not read._state.adding
    assert model_to_dict(read) == model_to_dict(Partij.objects.get(pk=partij.pk))
    with pytest.raises(Partij.DoesNotExist):
        statements.select_one(Partij, "uuid", "3f1c2b0e-0000-4000-8000-000000000000")


def test_partij_with_adressen_reads_its_addresses_in_the_same_statement():
    partij = PersoonFactory()
    EmailFactory(partij=partij, adres="eerste@example.nl")
    EmailFactory(partij=partij, adres="tweede@example.nl")
    TelefoonFactory(partij=partij, adres="+31612345678")

    with CaptureQueriesContext(connection) as queries:
        read = selectors.partij_with_adressen_by_uuid(partij.uuid)
        email = selectors.partij_email(read)

    assert len(queries) == 1
    assert read.email_adressen == ["eerste@example.nl", "tweede@example.nl"]
    assert read.telefoon_adressen == ["+31612345678"]
    assert email == "eerste@example.nl"


def test_prefetch_keeps_what_prefetch_related_keeps(django_assert_num_queries):
    partij = PersoonFactory()
    BsnFactory(partij=partij)
    adressen = [AdresFactory(partij=partij) for _ in range(2)]
    TelefoonFactory(partij=partij)
    EmailFactory(partij=partij)
    AdresFactory()  # another partij's address
    names = ("identificatoren", "adressen", "digitale_adressen")

    read = statements.select_one(Partij, "uuid", partij.uuid)
    with django_assert_num_queries(3):
        statements.prefetch([read], *names)
    expected = Partij.objects.prefetch_related(*names).get(pk=partij.pk)

    with django_assert_num_queries(0):
        for name in names:
            ours = list(getattr(read, name).all())
            djangos = sorted(getattr(expected, name).all(), key=lambda row: row.pk)
            assert [model_to_dict(row) for row in ours] == [model_to_dict(r) for r in djangos]
            assert all(row.partij is read for row in ours)
    assert [a.pk for a in read.adressen.all()] == [a.pk for a in adressen]


def test_prefetch_of_a_partij_without_addresses(django_assert_num_queries):
    partij = PersoonFactory()
    statements.prefetch([partij], "adressen")
    with django_assert_num_queries(0):
        assert list(partij.adressen.all()) == []


def test_prefetch_for_a_list_gives_each_its_own_rows_in_one_statement(
    django_assert_num_queries,
):
    partijen = [PersoonFactory() for _ in range(3)]
    eigen = {
        partij.pk: [AdresFactory(partij=partij).pk for _ in range(n)]
        for n, partij in enumerate(partijen)
    }

    with django_assert_num_queries(1):
        statements.prefetch(partijen, "adressen")
    with django_assert_num_queries(0):
        for partij in partijen:
            assert [adres.pk for adres in partij.adressen.all()] == eigen[partij.pk]
    statements.prefetch([], "adressen")  # nothing to read


def test_in_field_order_puts_columns_as_from_db_takes_them():
    assert statements.in_field_order(Klantcontact, "medewerker_id", "afhandeling", "id") == (
        "id",
        "medewerker_id",
        "afhandeling",
    )
    with pytest.raises(ValueError, match="medewerker"):
        statements.in_field_order(Klantcontact, "id", "medewerker")  # the attname is _id
