"""The klantbeeld's contact history: newest first, ten a page, each contact with its
questions, and only the contacts the user may see (counted the same way)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.urls import reverse

from contacts.models import Vraag
from contacts.selectors import KlantcontactHistorie
from kcc import roles
from tests.contacts.factories import KlantcontactFactory, PersoonFactory, ProductFactory
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)


def _contact(partij, dagen_geleden: int, **kwargs):
    return KlantcontactFactory(
        partij=partij, plaatsgevonden_op=NU - datetime.timedelta(days=dagen_geleden), **kwargs
    )


def test_pages_hold_the_newest_contacts_first(agent):
    partij = PersoonFactory()
    contacten = [_contact(partij, dagen) for dagen in range(12)]
    historie = Paginator(KlantcontactHistorie(partij=partij, user=agent.user), 10)

    assert historie.count == 12
    assert [c.pk for c in historie.page(1)] == [c.pk for c in contacten[:10]]
    assert [c.pk for c in historie.page(2)] == [c.pk for c in contacten[10:]]


def test_a_contact_shows_its_questions_in_order_titled_by_subject_or_product(agent):
    partij = PersoonFactory()
    contact = _contact(partij, 1)
    product = ProductFactory(naam="Rijbewijs verlengen")
    lang = "Waarom " + "x" * 200
    Vraag.objects.create(
        klantcontact=contact, volgnummer=2, product=product, vraag=lang, antwoord="",
        afhandeling="direct_beantwoord",
    )  # fmt: skip
    Vraag.objects.create(
        klantcontact=contact, volgnummer=1, onderwerp="Afval", vraag="Wanneer?",
        antwoord="Dinsdag.", afhandeling="direct_beantwoord",
    )  # fmt: skip

    [regel] = KlantcontactHistorie(partij=partij, user=agent.user)[0:10]

    assert [(v.titel, v.vraag, v.antwoord) for v in regel.historie_vragen] == [
        ("Afval", "Wanneer?", "Dinsdag."),
        ("Rijbewijs verlengen", lang[:119] + "…", ""),
    ]
    assert regel.get_kanaal_display() == "Telefoon"
    assert regel.get_afhandeling_display() == contact.get_afhandeling_display()
    assert (regel.uuid, regel.onderwerp, regel.plaatsgevonden_op, regel.medewerker_id) == (
        contact.uuid, contact.onderwerp, contact.plaatsgevonden_op, contact.medewerker_id,
    )  # fmt: skip
    assert str(regel.medewerker) == str(contact.medewerker)


def test_the_page_shows_name_channel_and_questions(client, agent):
    client.force_login(agent.user)
    partij = PersoonFactory()
    medewerker = MedewerkerFactory(user__first_name="Fatima", user__last_name="Yilmaz")
    contact = _contact(partij, 1, medewerker=medewerker, onderwerp="Zonder vragen")
    _contact(partij, 2, medewerker=None, onderwerp="Brief zonder behandelaar")
    Vraag.objects.create(
        klantcontact=contact, volgnummer=1, onderwerp="Parkeren", vraag="Waar?",
        antwoord="Bij het station.", afhandeling="direct_beantwoord",
    )  # fmt: skip

    html = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})).content
    html = html.decode()

    assert "Fatima Yilmaz" in html
    assert "<strong>Parkeren</strong>: Waar? — Bij het station." in html
    assert "Brief zonder behandelaar" in html  # a contact without questions: its subject
    assert 'Contacthistorie <span class="kcc-aantal">(2)</span>' in html


def test_a_confidential_contact_of_another_afdeling_is_left_out_and_not_counted(
    make_medewerker,
):
    backoffice = make_medewerker(roles.BACKOFFICE)
    partij = PersoonFactory()
    gewoon = _contact(partij, 1)
    _contact(partij, 2, vertrouwelijk=True)  # by a medewerker of another afdeling
    eigen = _contact(
        partij, 3, vertrouwelijk=True, medewerker=MedewerkerFactory(afdeling=backoffice.afdeling)
    )

    historie = Paginator(KlantcontactHistorie(partij=partij, user=backoffice.user), 10)

    assert historie.count == 2
    assert [c.pk for c in historie.page(1)] == [gewoon.pk, eigen.pk]


def test_an_empty_history(agent):
    historie = Paginator(KlantcontactHistorie(partij=PersoonFactory(), user=agent.user), 10)
    assert historie.count == 0
    assert list(historie.get_page(1)) == []
