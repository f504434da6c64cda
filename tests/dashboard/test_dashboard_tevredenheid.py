"""The satisfaction section of the dashboard and the answers list behind its numbers."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from contacts import selectors
from contacts.models import Kanaal
from kcc import roles
from kcc.kpi import KpiFilters, periode_for
from tests.contacts.factories import KlantcontactFactory, TevredenheidsmetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def metingen():
    def meting(kanaal, score=None, toelichting=""):
        contact = KlantcontactFactory(kanaal=kanaal, plaatsgevonden_op=timezone.now())
        return TevredenheidsmetingFactory(
            klantcontact=contact,
            score=score,
            toelichting=toelichting,
            beantwoord_op=timezone.now() if score else None,
        )

    return [
        meting(Kanaal.TELEFOON, 5, "Heel vriendelijk"),
        meting(Kanaal.TELEFOON, 3),
        meting(Kanaal.TELEFOON),
        meting(Kanaal.BALIE, 4),
    ]


@pytest.fixture
def manager_client(client, make_medewerker):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    return client


def test_mean_distribution_and_response_per_kanaal(metingen):
    periode = periode_for("vandaag", today=timezone.localdate())

    kpi = selectors.kpi_tevredenheid(periode=periode, filters=KpiFilters())

    assert kpi["totaal"] == {"verstuurd": 4, "beantwoord": 3, "respons": 75.0, "gemiddelde": 4.0}
    assert [row["aantal"] for row in kpi["verdeling"]] == [0, 0, 1, 1, 1]
    assert [row["percentage"] for row in kpi["verdeling"]] == [0.0, 0.0, 33.3, 33.3, 33.3]
    per_kanaal = {row["kanaal"]: row for row in kpi["per_kanaal"]}
    assert per_kanaal["telefoon"]["verstuurd"] == 3
    assert per_kanaal["telefoon"]["respons"] == 66.7
    assert per_kanaal["telefoon"]["gemiddelde"] == 4.0
    assert per_kanaal["balie"]["gemiddelde"] == 4.0
    assert per_kanaal["post"]["verstuurd"] == 0 and per_kanaal["post"]["gemiddelde"] is None


def test_the_kanaal_filter_narrows_every_number(metingen):
    periode = periode_for("vandaag", today=timezone.localdate())

    kpi = selectors.kpi_tevredenheid(periode=periode, filters=KpiFilters(kanaal=Kanaal.BALIE))

    assert kpi["totaal"]["verstuurd"] == 1 and kpi["totaal"]["gemiddelde"] == 4.0
    assert [row["kanaal"] for row in kpi["per_kanaal"]] == ["balie"]


def test_dashboard_shows_the_section_with_table_and_chart(manager_client, metingen):
    html = manager_client.get(reverse("dashboard"), {"periode": "vandaag"}).content.decode()

    assert "Klanttevredenheid" in html
    assert "Verdeling van de scores" in html and "Tevredenheid per kanaal" in html
    assert 'id="grafiek-tevredenheid_verdeling-data"' in html
    assert "75%" in html or "75,0%" in html


def test_a_score_drills_down_to_its_answers(manager_client, metingen):
    html = manager_client.get(reverse("dashboard"), {"periode": "vandaag"}).content.decode()
    links = [
        unescape(href)
        for href in re.findall(r'href="([^"]*/klantcontact/tevredenheid/[^"]*)"', html)
    ]
    link = next(href for href in links if "score=5" in href)

    response = manager_client.get(link)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Heel vriendelijk" in page
    assert escape(metingen[0].partij.naam) in page
    assert escape(metingen[3].partij.naam) not in page
    assert "1 resultaat" in page


def test_the_answers_list_needs_a_login(client):
    response = client.get(reverse("contacts:tevredenheid-overzicht"), {"periode": "vandaag"})
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
