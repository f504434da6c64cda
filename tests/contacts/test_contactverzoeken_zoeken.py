"""The contactverzoeken screen finds a request by the customer's name or the requested
action, every word of the search in one of them; paging keeps the search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.views import CONTACTVERZOEKEN_PAGE_SIZE
from kcc import roles
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backoffice(make_medewerker):
    return make_medewerker(roles.BACKOFFICE)


def _verzoek(backoffice, *, handeling: str, voornaam="Fleur", achternaam="de Vries", hours=1):
    partij = PersoonFactory(voornaam=voornaam, achternaam=achternaam)
    return ContactverzoekFactory(
        klantcontact=KlantcontactFactory(partij=partij),
        afdeling=backoffice.afdeling,
        gevraagde_handeling=handeling,
        deadline=timezone.now() + datetime.timedelta(hours=hours),
    )


def test_by_the_customers_name(client, backoffice):
    _verzoek(backoffice, handeling="Terugbellen over de WOZ", voornaam="Jan", achternaam="Jansen")
    _verzoek(backoffice, handeling="Terugbellen over afval", voornaam="Piet", achternaam="Bakker")
    client.force_login(backoffice.user)

    page = client.get(reverse("contacts:contactverzoeken"), {"q": "jan jansen"}).text

    assert "Terugbellen over de WOZ" in page
    assert "Terugbellen over afval" not in page
    assert "1 open verzoek<" in page


def test_by_the_requested_action(client, backoffice):
    _verzoek(backoffice, handeling="Terugbellen over de WOZ")
    _verzoek(backoffice, handeling="Paspoort klaarleggen")
    client.force_login(backoffice.user)

    page = client.get(reverse("contacts:contactverzoeken"), {"q": "paspoort"}).text

    assert "Paspoort klaarleggen" in page
    assert "Terugbellen over de WOZ" not in page


def test_nothing_found_says_so_in_dutch(client, backoffice):
    _verzoek(backoffice, handeling="Terugbellen over de WOZ")
    client.force_login(backoffice.user)

    page = client.get(reverse("contacts:contactverzoeken"), {"q": "parkeervergunning"}).text

    assert "Geen open contactverzoeken gevonden voor ‘parkeervergunning’." in page


def test_the_pages_keep_the_search(client, backoffice):
    for n in range(CONTACTVERZOEKEN_PAGE_SIZE + 1):
        _verzoek(backoffice, handeling=f"Bel terug {n:02d}", hours=n + 1)
    _verzoek(backoffice, handeling="Iets anders", hours=100)
    client.force_login(backoffice.user)
    url = reverse("contacts:contactverzoeken")

    first = client.get(url, {"q": "bel terug"}).text
    second = client.get(url, {"q": "bel terug", "pagina": 2}).text

    assert "q=bel+terug&amp;pagina=2" in first
    assert "Bel terug 25<" in second and "Iets anders" not in second
