"""The dashboard screen: who may see it, what it shows, and that numbers drill down."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Afhandeling, Kanaal, Vraag
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, make_medewerker):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    return client


def test_agent_may_not_see_the_dashboard(client, agent):
    client.force_login(agent.user)
    assert client.get(reverse("dashboard")).status_code == 403
    assert client.get(reverse("dashboard-export", args=["xlsx"])).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_nav_entry_for_the_manager_only(client, manager_client, make_medewerker):
    assert 'href="/dashboard/"' in manager_client.get("/").content.decode()
    client.force_login(make_medewerker(roles.KLANTCONTACTMEDEWERKER).user)
    assert 'href="/dashboard/"' not in client.get("/").content.decode()


def test_dashboard_shows_tiles_tables_and_chart_data(manager_client):
    KlantcontactFactory.create_batch(
        2, plaatsgevonden_op=timezone.now(), afhandeling=Afhandeling.DIRECT_BEANTWOORD
    )
    KlantcontactFactory(plaatsgevonden_op=timezone.now(), afhandeling=Afhandeling.DOORVERBONDEN)

    response = manager_client.get(reverse("dashboard"), {"periode": "vandaag"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert '<script id="grafiek-contacten_per_kanaal-data" type="application/json">' in html
    assert "<caption" in html and "Klantcontacten per kanaal" in html
    # 2 of 3 answered directly: 66.7% shown in Dutch notation.
    assert "66,7%" in html


def test_htmx_gets_only_the_results(manager_client):
    response = manager_client.get(
        reverse("dashboard"), {"periode": "week"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Download XLSX" in html


def test_invalid_custom_period_shows_the_error(manager_client):
    response = manager_client.get(
        reverse("dashboard"), {"periode": "aangepast", "van": "2026-11-10", "tot": "2026-11-01"}
    )
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_htmx_shows_why_the_filters_give_no_dashboard(manager_client):
    response = manager_client.get(
        reverse("dashboard"),
        {"periode": "aangepast", "van": "2026-11-10"},
        headers={"HX-Request": "true"},
    )
    assert "Tot en met: Vul een einddatum in." in response.content.decode()


def _tile_href(html: str, label: str) -> str:
    match = re.search(
        rf'">{re.escape(label)}</span>\s*<a class="utrecht-link kcc-tegel__waarde" href="([^"]+)"',
        html,
    )
    assert match, label
    return unescape(match.group(1))


def test_a_number_drills_down_to_the_list_with_the_same_count(manager_client):
    now = timezone.now()
    KlantcontactFactory(plaatsgevonden_op=now, kanaal=Kanaal.EMAIL, onderwerp="Afvalpas kwijt")
    KlantcontactFactory(
        plaatsgevonden_op=now,
        kanaal=Kanaal.EMAIL,
        afhandeling=Afhandeling.DOORVERBONDEN,
        onderwerp="WOZ-bezwaar",
    )
    KlantcontactFactory(plaatsgevonden_op=now, kanaal=Kanaal.TELEFOON, onderwerp="Paspoort")
    KlantcontactFactory(
        plaatsgevonden_op=now - datetime.timedelta(days=40), kanaal=Kanaal.EMAIL, onderwerp="Oud"
    )

    html = manager_client.get(
        reverse("dashboard"), {"periode": "vandaag", "kanaal": "e-mail"}
    ).content.decode()
    href = _tile_href(html, "Doorverbonden")
    assert href.startswith(reverse("contacts:klantcontact-overzicht"))

    lijst = manager_client.get(href).content.decode()

    assert "WOZ-bezwaar" in lijst
    assert "Afvalpas kwijt" not in lijst and "Paspoort" not in lijst and "Oud" not in lijst
    assert "1 resultaat" in lijst
    assert AuditLogEntry.objects.filter(object_type="klantcontact", actie="view").exists()


def test_a_top_subject_drills_down_to_its_contacts_and_names_the_vragen(manager_client):
    paspoort = ProductFactory(naam="Paspoort", publicatiestatus="gepubliceerd")
    twee_keer = KlantcontactFactory(plaatsgevonden_op=timezone.now(), kanaal=Kanaal.TELEFOON)
    een_keer = KlantcontactFactory(plaatsgevonden_op=timezone.now(), kanaal=Kanaal.TELEFOON)
    for volgnummer, klantcontact in enumerate([twee_keer, twee_keer, een_keer], start=1):
        Vraag.objects.create(
            klantcontact=klantcontact,
            volgnummer=volgnummer,
            product=paspoort,
            onderwerp="Paspoort",
            vraag="Hoe lang is mijn paspoort geldig?",
            afhandeling=klantcontact.afhandeling,
        )

    html = manager_client.get(reverse("dashboard"), {"periode": "vandaag"}).content.decode()
    match = re.search(r'<a class="utrecht-link" href="([^"]*onderwerp=Paspoort[^"]*)">3</a>', html)
    assert match, "the top 20 counts three vragen on Paspoort, linked"

    lijst = manager_client.get(unescape(match.group(1))).content.decode()

    assert "2 resultaten" in lijst
    assert "Daarin 3 vragen over Paspoort" in lijst


def test_overdue_callbacks_drill_down(manager_client):
    te_laat = ContactverzoekFactory(
        deadline=timezone.now() - datetime.timedelta(hours=2),
        gevraagde_handeling="Terugbellen over parkeervergunning",
    )
    ContactverzoekFactory(gevraagde_handeling="Terugbellen over rijbewijs")

    html = manager_client.get(reverse("dashboard")).content.decode()
    lijst = manager_client.get(_tile_href(html, "Nu te laat")).content.decode()

    assert te_laat.gevraagde_handeling in lijst
    assert "Terugbellen over rijbewijs" not in lijst
