"""The agent's screen through the test client: search, klantbeeld, registration."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Contactverzoek, Klantcontact, Partij
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import (
    AdresFactory,
    BsnFactory,
    ContactverzoekFactory,
    KlantcontactFactory,
    PersoonFactory,
    ProductFactory,
    TelefoonFactory,
)
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent.user)
    return client


def _post_data(**overrides):
    data = {
        "kanaal": "telefoon",
        "formulier_id": str(uuid.uuid4()),
        "vragen-TOTAL_FORMS": "1",
        "vragen-INITIAL_FORMS": "0",
        "vragen-MIN_NUM_FORMS": "1",
        "vragen-MAX_NUM_FORMS": "20",
        "vragen-0-onderwerp": "Afval",
        "vragen-0-vraag": "Wanneer wordt het papier opgehaald?",
        "vragen-0-antwoord": "Dinsdag.",
        "vragen-0-afhandeling": "direct_beantwoord",
    }
    data.update(overrides)
    return data


def test_search_results_partial_for_htmx(agent_client):
    persoon = PersoonFactory(achternaam="Jansen")
    AdresFactory(partij=persoon, postcode="1234 AB", huisnummer=12)
    response = agent_client.get(
        reverse("contacts:klantcontact"), {"q": "1234ab 12"}, headers={"HX-Request": "true"}
    )
    assert response.templates[0].name == "contacts/partials/zoekresultaten.html"
    assert reverse("contacts:klantbeeld", kwargs={"uuid": persoon.uuid}) in response.text
    full = agent_client.get(reverse("contacts:klantcontact"), {"q": "1234ab 12"})
    assert "<html" in full.text and escape(persoon.achternaam) in full.text


@pytest.mark.parametrize("q", ["1234ab 12", "Jansen", "Jansen 04-05-1965"])
def test_the_search_partial_takes_a_fixed_number_of_queries(
    agent_client, django_assert_max_num_queries, q
):
    """User, medewerker, permissions, the search, the addresses shown and the one INSERT
    of the processing log: not a query per partij found."""
    for _ in range(6):
        persoon = PersoonFactory(achternaam="Jansen", geboortedatum=datetime.date(1965, 5, 4))
        AdresFactory(partij=persoon, postcode="1234 AB", huisnummer=12)
        BsnFactory(partij=persoon)
        TelefoonFactory(partij=persoon)
    with django_assert_max_num_queries(7):
        response = agent_client.get(
            reverse("contacts:klantcontact"), {"q": q}, headers={"HX-Request": "true"}
        )
    assert response.text.count('class="kcc-resultaten__item"') == 6
    assert response.text.count("1234 AB") == 6


def test_screen_needs_the_klantcontact_role(client, make_medewerker):
    client.force_login(make_medewerker(roles.BACKOFFICE).user)
    assert client.get(reverse("contacts:klantcontact")).status_code == 403


def test_klantbeeld_shows_history_newest_first_and_is_audit_logged(agent_client, agent):
    persoon = PersoonFactory()
    BsnFactory(partij=persoon)
    oud = KlantcontactFactory(partij=persoon, onderwerp="Oud", kanaal="post")
    oud.vragen.create(onderwerp="Oud onderwerp", vraag="Oude vraag", afhandeling="niet_opgelost")
    nieuw = KlantcontactFactory(partij=persoon, kanaal="balie")
    nieuw.plaatsgevonden_op = oud.plaatsgevonden_op.replace(year=oud.plaatsgevonden_op.year + 1)
    nieuw.save()
    nieuw.vragen.create(
        onderwerp="Nieuw onderwerp", vraag="Nieuwe vraag", afhandeling="doorverbonden"
    )
    ContactverzoekFactory(klantcontact=oud, gevraagde_handeling="Terugbellen over WOZ")
    response = agent_client.get(reverse("contacts:klantbeeld", kwargs={"uuid": persoon.uuid}))
    text = response.text
    assert text.index("Nieuw onderwerp") < text.index("Oud onderwerp")
    assert "Terugbellen over WOZ" in text
    assert 'id="zaken-titel">Zaken</h2>' in text
    entry = AuditLogEntry.objects.get(partij_uuid=persoon.uuid)
    assert (entry.actie, entry.gebruikersnaam, entry.kanaal) == ("view", agent.user.username, "ui")
    assert entry.reden == "Klantbeeld geopend in het klantcontactscherm"


def test_secret_address_hidden_for_agent_visible_for_teamleider(client, agent, make_medewerker):
    persoon = PersoonFactory(indicatie_geheimhouding=True)
    AdresFactory(partij=persoon, straat="Geheimestraat")
    url = reverse("contacts:klantbeeld", kwargs={"uuid": persoon.uuid})
    client.force_login(agent.user)
    text = client.get(url).text
    assert "Geheimestraat" not in text
    assert "Afgeschermd (geheimhouding)" in text
    assert "adres afgeschermd" in AuditLogEntry.objects.get().object_omschrijving
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    assert "Geheimestraat" in client.get(url).text


def test_register_two_questions_one_contactverzoek(agent_client):
    persoon = PersoonFactory()
    TelefoonFactory(partij=persoon, adres="+31612345678")
    product = ProductFactory()
    burgerzaken = AfdelingFactory(code="burgerzaken")
    data = _post_data(
        **{
            "vragen-TOTAL_FORMS": "3",
            "vragen-1-product": str(product.uuid),
            "vragen-1-vraag": "Is mijn verhuizing verwerkt?",
            "vragen-1-afhandeling": "terugbelverzoek",
            "vragen-1-cv_afdeling": "burgerzaken",
            "vragen-1-cv_gevraagde_handeling": "Klant terugbellen",
            "vragen-1-cv_terugbelnummer": "06 12345678",
            # An added but untouched question is ignored.
            "vragen-2-afhandeling": "direct_beantwoord",
            "vragen-2-cv_gevraagde_handeling": "Klant terugbellen",
        }
    )
    url = reverse("contacts:klantbeeld", kwargs={"uuid": persoon.uuid})
    response = agent_client.post(url, data)
    assert response.status_code == 302
    klantcontact = Klantcontact.objects.get()
    assert klantcontact.partij == persoon
    assert klantcontact.vragen.count() == 2
    verzoek = Contactverzoek.objects.get()
    assert (verzoek.afdeling, verzoek.terugbelnummer) == (burgerzaken, "+31612345678")
    # The same form posted twice: still one contact.
    assert agent_client.post(url, data).status_code == 302
    assert Klantcontact.objects.count() == 1


def test_bad_input_shows_dutch_errors_and_stores_nothing(agent_client):
    persoon = PersoonFactory()
    data = _post_data(
        **{
            "vragen-0-vraag": "",
            "vragen-0-afhandeling": "terugbelverzoek",
        }
    )
    url = reverse("contacts:klantbeeld", kwargs={"uuid": persoon.uuid})
    response = agent_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Het contact is niet opgeslagen" in response.text
    assert "Dit veld is vereist." in response.text
    assert not Klantcontact.objects.exists()

    data = _post_data(
        **{"vragen-0-afhandeling": "terugbelverzoek", "vragen-0-cv_terugbelnummer": "12"}
    )
    response = agent_client.post(url, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Kies een afdeling, team of medewerker." in response.text
    assert "Dit is geen geldig telefoonnummer" in response.text
    assert not Klantcontact.objects.exists()


def test_anonymous_contact(agent_client):
    response = agent_client.post(reverse("contacts:anoniem"), _post_data(kanaal="balie"))
    assert response.status_code == 302
    assert Klantcontact.objects.get().partij is None


def test_backoffice_work_list_claim_and_complete(client, make_medewerker):
    backoffice = make_medewerker(roles.BACKOFFICE)
    mine = ContactverzoekFactory(afdeling=backoffice.afdeling, gevraagde_handeling="Bel mevrouw")
    ContactverzoekFactory(gevraagde_handeling="Andere afdeling")
    client.force_login(backoffice.user)
    text = client.get(reverse("contacts:contactverzoeken")).text
    assert "Bel mevrouw" in text and "Andere afdeling" not in text
    client.post(reverse("contacts:contactverzoek-oppakken", kwargs={"uuid": mine.uuid}))
    mine.refresh_from_db()
    assert (mine.status, mine.medewerker) == ("in_behandeling", backoffice)
    client.post(reverse("contacts:contactverzoek-afhandelen", kwargs={"uuid": mine.uuid}))
    mine.refresh_from_db()
    assert mine.status == "verwerkt"


def test_only_the_most_specific_menu_entry_is_current(agent_client):
    text = agent_client.get(reverse("contacts:contactverzoeken")).text
    assert text.count('aria-current="page"') == 1
    assert 'href="/klantcontact/contactverzoeken/" aria-current="page"' in text.replace(
        'class="utrecht-nav-list__link kcc-nav__link" ', ""
    )


def test_unknown_bsn_is_looked_up_in_the_brp_and_recorded(agent_client, agent):
    from contacts import registers

    persoon = registers.LocalRegister().personen()[3]
    response = agent_client.get(
        reverse("contacts:klantcontact"), {"q": persoon.bsn}, headers={"HX-Request": "true"}
    )
    assert "Opvragen in de BRP" in response.text
    response = agent_client.post(reverse("contacts:register-opvragen"), {"q": persoon.bsn})
    partij = Partij.objects.get(identificatoren__waarde=persoon.bsn)
    assert response.url == reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})
    assert partij.achternaam == persoon.geslachtsnaam
    lookup = AuditLogEntry.objects.get(actie="lookup")
    assert (lookup.object_uuid, lookup.reden) == (
        persoon.bsn,
        "Klantcontact: klant nog niet bekend in KCC",
    )


def test_bsn_not_in_the_brp_gives_a_message(agent_client):
    response = agent_client.post(
        reverse("contacts:register-opvragen"), {"q": "999993653"}, follow=True
    )
    assert "Dit BSN is niet gevonden in de BRP." in response.text
    assert not Partij.objects.exists()


def test_company_is_looked_up_in_the_handelsregister(agent_client):
    from contacts import registers

    bedrijf = registers.LocalRegister().bedrijven()[0]
    agent_client.post(reverse("contacts:register-opvragen"), {"q": bedrijf.kvk_nummer})
    partij = Partij.objects.get(statutaire_naam=bedrijf.naam)
    assert sorted(partij.identificatoren.values_list("soort", flat=True)) == [
        "kvk_nummer",
        "rsin",
        "vestigingsnummer",
    ]
