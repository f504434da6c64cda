"""The meldingen page without JavaScript, and only one's own meldingen."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from kcc.models import Notificatie
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker(client):
    medewerker = MedewerkerFactory(user__last_name="van 't Hof")
    client.force_login(medewerker.user)
    return medewerker


def test_the_header_counts_unread_meldingen(client, medewerker):
    Notificatie.objects.create(ontvanger=medewerker.user, tekst="Termijn verlopen: 't Hof")
    Notificatie.objects.create(ontvanger=medewerker.user, tekst="Oud", gelezen=True)
    Notificatie.objects.create(ontvanger=MedewerkerFactory().user, tekst="Van een collega")

    html = client.get(reverse("meldingen")).content.decode()

    assert 'kcc-meldingen__teller">1</span>' in html
    assert escape("Termijn verlopen: 't Hof") in html


def test_marking_read_without_htmx_returns_to_the_page(client, medewerker):
    melding = Notificatie.objects.create(ontvanger=medewerker.user, tekst="Verlopen")

    response = client.post(reverse("melding-gelezen", args=[melding.uuid]))

    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.gelezen


def test_someone_elses_melding_is_not_found(client, medewerker):
    other = Notificatie.objects.create(ontvanger=MedewerkerFactory().user, tekst="Niet van u")

    assert client.post(reverse("melding-gelezen", args=[other.uuid])).status_code == 404
    assert client.post(reverse("meldingen-alles-gelezen")).status_code == 302
    other.refresh_from_db()
    assert not other.gelezen


def test_a_medewerker_opts_in_and_out_of_the_daily_overview(client, medewerker):
    response = client.post(reverse("meldingen-dagoverzicht"), {"dagoverzicht": "on"}, follow=True)

    medewerker.refresh_from_db()
    assert medewerker.sla_dagoverzicht
    assert "U krijgt elke ochtend een overzicht per e-mail." in response.content.decode()

    client.post(reverse("meldingen-dagoverzicht"), {})
    medewerker.refresh_from_db()
    assert not medewerker.sla_dagoverzicht
