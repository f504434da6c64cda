"""The klantbeeld asks the database a fixed number of questions, however long the
customer's history (the history is paged in SQL; its questions come in one query)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Partij, Vraag
from tests.contacts.factories import KlantcontactFactory, OrganisatieFactory, PersoonFactory

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
