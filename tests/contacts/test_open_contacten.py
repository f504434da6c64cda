"""Several open contacts per agent: what is typed is kept server-side (a concept per
contact form), shown again when the agent switches back, and gone once saved."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Klantcontact, KlantcontactConcept
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.contacts.test_klantcontact_screen import _post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent.user)
    return client


def _url(partij, concept=None):
    url = reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})
    return f"{url}?concept={concept}" if concept else url


def test_autosave_keeps_the_typed_contact_and_the_screen_shows_it_again(agent_client, agent):
    partij = PersoonFactory()
    data = _post_data(**{"vragen-0-vraag": "Waar blijft mijn 'rijbewijs'?", "kanaal": "balie"})

    response = agent_client.post(_url(partij), {**data, "actie": "concept"})

    assert response.status_code == 204
    concept = KlantcontactConcept.objects.get()
    assert (concept.user, concept.partij) == (agent.user, partij)
    assert str(concept.uuid) == data["formulier_id"]
    assert "csrfmiddlewaretoken" not in concept.gegevens and "actie" not in concept.gegevens
    assert not Klantcontact.objects.exists()

    page = agent_client.get(_url(partij, concept.uuid)).content.decode()
    assert escape("Waar blijft mijn 'rijbewijs'?") in page
    assert f'value="{concept.uuid}"' in page
    assert '<option value="balie" selected>' in page
    assert "Open contacten" in page and 'aria-current="page"' in page
    assert "utrecht-form-field--invalid" not in page


def test_a_second_autosave_replaces_the_first(agent_client):
    partij = PersoonFactory()
    data = _post_data()
    agent_client.post(_url(partij), {**data, "actie": "concept"})
    agent_client.post(_url(partij), {**data, "vragen-0-vraag": "Nieuwe tekst", "actie": "concept"})
    assert KlantcontactConcept.objects.get().gegevens["vragen-0-vraag"] == ["Nieuwe tekst"]


def test_two_open_contacts_are_both_listed_on_the_search_screen(agent_client):
    a, b = PersoonFactory(), PersoonFactory()
    agent_client.post(_url(a), {**_post_data(), "actie": "concept"})
    agent_client.post(_url(b), {**_post_data(), "actie": "concept"})

    page = agent_client.get(reverse("contacts:klantcontact")).content.decode()

    for partij in (a, b):
        concept = KlantcontactConcept.objects.get(partij=partij)
        assert escape(partij.naam) in page
        assert escape(_url(partij, concept.uuid)) in page


def test_saving_the_contact_removes_its_concept_and_a_late_autosave_does_not_return(
    agent_client,
):
    partij = PersoonFactory()
    data = _post_data()
    agent_client.post(_url(partij), {**data, "actie": "concept"})

    assert agent_client.post(_url(partij), data).status_code == 302
    assert not KlantcontactConcept.objects.exists()

    assert agent_client.post(_url(partij), {**data, "actie": "concept"}).status_code == 204
    assert not KlantcontactConcept.objects.exists()
    assert Klantcontact.objects.count() == 1


def test_parkeren_without_javascript_keeps_it_open_and_goes_to_the_search(agent_client):
    partij = PersoonFactory()

    response = agent_client.post(_url(partij), {**_post_data(), "actie": "parkeren"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("contacts:klantcontact")
    assert KlantcontactConcept.objects.filter(partij=partij).exists()
    assert escape(partij.naam) in response.content.decode()


def test_annuleren_closes_the_open_contact(agent_client):
    partij = PersoonFactory()
    data = _post_data()
    agent_client.post(_url(partij), {**data, "actie": "concept"})

    response = agent_client.post(_url(partij), {**data, "actie": "annuleren"})

    assert response.status_code == 302
    assert not KlantcontactConcept.objects.exists() and not Klantcontact.objects.exists()


def test_an_anonymous_contact_can_be_open_too(agent_client):
    data = _post_data()
    agent_client.post(reverse("contacts:anoniem"), {**data, "actie": "concept"})
    concept = KlantcontactConcept.objects.get(partij=None)
    page = agent_client.get(f"{reverse('contacts:anoniem')}?concept={concept.uuid}")
    assert "Wanneer wordt het papier opgehaald?" in page.content.decode()


def test_another_agents_open_contact_is_neither_shown_nor_overwritten(
    agent_client, client, make_medewerker
):
    partij = PersoonFactory()
    data = _post_data(**{"vragen-0-vraag": "Geheime vraag"})
    agent_client.post(_url(partij), {**data, "actie": "concept"})
    concept = KlantcontactConcept.objects.get()

    client.force_login(make_medewerker(roles.KLANTCONTACTMEDEWERKER).user)
    assert "Geheime vraag" not in client.get(_url(partij, concept.uuid)).content.decode()
    response = client.post(_url(partij), {**data, "vragen-0-vraag": "Anders", "actie": "concept"})
    assert response.status_code == 403
    concept.refresh_from_db()
    assert concept.gegevens["vragen-0-vraag"] == ["Geheime vraag"]


def test_a_concept_of_another_partij_is_not_restored_here(agent_client):
    a, b = PersoonFactory(), PersoonFactory()
    agent_client.post(_url(a), {**_post_data(**{"vragen-0-vraag": "Over A"}), "actie": "concept"})
    concept = KlantcontactConcept.objects.get()
    assert "Over A" not in agent_client.get(_url(b, concept.uuid)).content.decode()


def test_a_bad_form_id_is_refused(agent_client):
    partij = PersoonFactory()
    response = agent_client.post(
        _url(partij), {**_post_data(formulier_id="geen-uuid"), "actie": "concept"}
    )
    assert response.status_code == 400
    assert not KlantcontactConcept.objects.exists()
