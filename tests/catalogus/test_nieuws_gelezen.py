"""News and work instructions: meant for roles, read/unread per medewerker, the home counter."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogus import selectors
from catalogus.models import Kennisartikel, Publicatiestatus
from kcc import roles
from tests.catalogus.factories import KennisartikelFactory
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

NIEUWS = Kennisartikel.Type.NIEUWS


def _titels(user) -> list[str]:
    return [artikel.titel for artikel in selectors.nieuws_voor_medewerker(user=user)]


def test_news_for_other_roles_concept_and_expired_items_are_not_shown(agent, make_medewerker):
    vandaag = timezone.localdate()
    KennisartikelFactory(type=NIEUWS, titel="Voor iedereen")
    KennisartikelFactory(
        type=NIEUWS, titel="Voor de frontoffice", doelgroep_rollen=[roles.KLANTCONTACTMEDEWERKER]
    )
    KennisartikelFactory(
        type=NIEUWS, titel="Voor de backoffice", doelgroep_rollen=[roles.BACKOFFICE]
    )
    KennisartikelFactory(type=NIEUWS, titel="Concept", publicatiestatus=Publicatiestatus.CONCEPT)
    KennisartikelFactory(
        type=NIEUWS, titel="Verlopen", publiceren_tot=vandaag - datetime.timedelta(days=1)
    )
    KennisartikelFactory(
        type=NIEUWS, titel="Morgen", publiceren_vanaf=vandaag + datetime.timedelta(days=1)
    )
    KennisartikelFactory(type=Kennisartikel.Type.VAC, titel="Een vraag, geen nieuws")

    assert sorted(_titels(agent.user)) == ["Voor de frontoffice", "Voor iedereen"]
    backoffice = make_medewerker(roles.BACKOFFICE)
    assert sorted(_titels(backoffice.user)) == ["Voor de backoffice", "Voor iedereen"]


def test_opening_an_item_marks_it_read_for_that_medewerker_only(client, agent, make_medewerker):
    bericht = KennisartikelFactory(type=NIEUWS, titel="Nieuwe tarieven", belangrijk=True)
    collega = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    assert selectors.nieuws_ongelezen_belangrijk_aantal(user=agent.user) == 1

    client.force_login(agent.user)
    for _ in range(2):
        url = reverse("catalogus:kennisartikel", kwargs={"uuid": bericht.uuid})
        assert client.get(url).status_code == 200

    assert selectors.nieuws_ongelezen_belangrijk_aantal(user=agent.user) == 0
    assert bericht.gelezen.count() == 1
    assert selectors.nieuws_ongelezen_belangrijk_aantal(user=collega.user) == 1


def test_the_home_page_counts_unread_important_items(client, agent):
    KennisartikelFactory(type=NIEUWS, titel="Storing DigiD", belangrijk=True)
    KennisartikelFactory(
        type=Kennisartikel.Type.WERKINSTRUCTIE, titel="Nieuwe werkwijze", belangrijk=True
    )
    KennisartikelFactory(type=NIEUWS, titel="Personeelsuitje")
    client.force_login(agent.user)

    home = client.get(reverse("home")).content.decode()
    assert "2 belangrijk, ongelezen" in home
    assert "Storing DigiD" in home and "Personeelsuitje" in home

    ongelezen = client.get(reverse("catalogus:nieuws"), {"ongelezen": "1"}).content.decode()
    assert "Personeelsuitje" in ongelezen


def test_the_unread_filter_leaves_out_what_was_read(client, agent):
    gelezen = KennisartikelFactory(type=NIEUWS, titel="Al gelezen")
    KennisartikelFactory(type=NIEUWS, titel="Nog niet gelezen")
    client.force_login(agent.user)
    client.get(reverse("catalogus:kennisartikel", kwargs={"uuid": gelezen.uuid}))

    page = client.get(reverse("catalogus:nieuws"), {"ongelezen": "1"}).content.decode()
    assert "Nog niet gelezen" in page and "Al gelezen" not in page
    assert "Al gelezen" in client.get(reverse("catalogus:nieuws")).content.decode()


def test_a_user_without_the_kennisbank_sees_no_news_block(client):
    zonder_rol = MedewerkerFactory(user__roles=[])
    KennisartikelFactory(type=NIEUWS, titel="Storing DigiD", belangrijk=True)
    client.force_login(zonder_rol.user)
    assert "Storing DigiD" not in client.get(reverse("home")).content.decode()
