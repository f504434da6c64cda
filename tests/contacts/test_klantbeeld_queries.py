"""The klantbeeld asks the database a fixed number of questions, however long the
customer's history (the history is paged in SQL; its questions come in one query)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Partij, Vraag
from tests.contacts.factories import (
    ContactverzoekFactory,
    KlantcontactFactory,
    OrganisatieFactory,
    PersoonFactory,
)
from tests.zaken.factories import make_zaak

pytestmark = pytest.mark.django_db


def _queries(client, partij) -> int:
    url = reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _history(partij, n):
    for contact in KlantcontactFactory.create_batch(n, partij=partij):
        Vraag.objects.create(
            klantcontact=contact,
            onderwerp="Afval",
            vraag="Wanneer?",
            afhandeling="direct_beantwoord",
        )


def test_queries_do_not_grow_with_the_history(client, agent):
    client.force_login(agent.user)
    kort, lang = PersoonFactory(), PersoonFactory()
    _history(kort, 2)
    _history(lang, 40)
    assert _queries(client, lang) == _queries(client, kort)


def test_an_organisation_lists_its_contactpersonen(client, agent):
    client.force_login(agent.user)
    organisatie = OrganisatieFactory()
    persoon = PersoonFactory(soort=Partij.Soort.CONTACTPERSOON, organisatie=organisatie)
    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": organisatie.uuid}))
    assert escape(persoon.naam) in page.content.decode()


def test_klantbeeld_query_count(client, agent, django_assert_max_num_queries):
    """Everything on the page, with a history, open callback requests and zaken."""
    client.force_login(agent.user)
    partij = PersoonFactory()
    _history(partij, 12)
    ContactverzoekFactory(klantcontact=partij.klantcontacten.first())
    make_zaak(initiator=partij)
    url = reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})
    client.get(url)  # session, permission and product-list caches

    # Session user with medewerker, and permissions 3; partij and its details 4; open
    # contacts 1; processing log 1; history count, page's ids and rows 3; zaken, their
    # grants and the hidden zaken's status 1-3; appointments 1; parked messages 1;
    # notifications 1; contactverzoeken 1 (the callback form's afdelingen are kept).
    with django_assert_max_num_queries(19):
        assert client.get(url).status_code == 200


def test_an_unknown_partij_is_not_found(client, agent):
    client.force_login(agent.user)
    url = reverse("contacts:klantbeeld", kwargs={"uuid": "3f1c2b0e-0000-4000-8000-000000000000"})
    assert client.get(url).status_code == 404
