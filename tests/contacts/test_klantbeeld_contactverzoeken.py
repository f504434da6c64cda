"""The klantbeeld's open contactverzoeken: the partij's own, not the processed ones,
nearest deadline first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contactverzoek
from contacts.selectors import contactverzoek_open_list
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, PersoonFactory

pytestmark = pytest.mark.django_db


def _verzoek(partij, *, days: int, status=Contactverzoek.Status.TE_VERWERKEN, **extra):
    return ContactverzoekFactory(
        klantcontact=KlantcontactFactory(partij=partij),
        deadline=timezone.now() + datetime.timedelta(days=days),
        status=status,
        **extra,
    )


def test_the_open_ones_of_the_partij_nearest_deadline_first():
    partij, ander = PersoonFactory(), PersoonFactory()
    later = _verzoek(partij, days=3)
    eerder = _verzoek(partij, days=1, status=Contactverzoek.Status.IN_BEHANDELING)
    _verzoek(partij, days=2, status=Contactverzoek.Status.VERWERKT)
    _verzoek(ander, days=1)

    assert list(contactverzoek_open_list(partij=partij)) == [eerder, later]


def test_none_open_reads_nothing_more(django_assert_num_queries):
    partij = PersoonFactory()
    _verzoek(partij, days=1, status=Contactverzoek.Status.VERWERKT)

    with django_assert_num_queries(1):
        assert list(contactverzoek_open_list(partij=partij)) == []


def test_the_klantbeeld_lists_them(client, agent):
    partij = PersoonFactory()
    verzoek = _verzoek(partij, days=1, gevraagde_handeling="Bel terug over de paspoortaanvraag")
    client.force_login(agent.user)

    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}))

    assert verzoek.gevraagde_handeling in page.content.decode()
