"""The manager opens the dashboard, changes the period and the kanaal, reads the
table under the chart and drills into the list behind a number."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import Kanaal
from contacts.selectors import klantcontact_kpi_list, kpi_top_onderwerpen
from kcc.kpi import KpiFilters, periode_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def password():
    return "demo"


@pytest.fixture
def demo():
    call_command("demo_data")


def test_manager_filters_the_dashboard_and_drills_down(page, login, demo, axe_violations):
    today = timezone.localdate()
    vandaag = periode_for("vandaag", today=today)
    expected_email = klantcontact_kpi_list(
        periode=vandaag, filters=KpiFilters(kanaal=Kanaal.EMAIL)
    ).count()

    login("manager")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dashboard").click()
    page.get_by_role("heading", level=1, name="Dashboard").wait_for()
    assert page.locator("canvas[data-chart]").count() >= 3
    assert axe_violations(page) == []

    page.get_by_label("Periode", exact=True).select_option("vandaag")
    page.wait_for_url("**periode=vandaag**")
    page.get_by_text(f"Periode: {today.day} ").wait_for()
    page.get_by_label("Kanaal", exact=True).select_option("e-mail")
    page.wait_for_url("**kanaal=e-mail**")

    tabel = page.get_by_role("table", name="Klantcontacten per kanaal")
    rows = tabel.locator("tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("th").inner_text() == "E-mail"
    assert rows.first.locator("td").first.inner_text() == str(expected_email)
    assert axe_violations(page) == []

    rows.first.locator("td").first.get_by_role("link").click()
    page.get_by_role("heading", level=1, name="Klantcontacten").wait_for()
    n = expected_email
    page.get_by_text(f"{n} resultaat" if n == 1 else f"{n} resultaten").wait_for()
    assert axe_violations(page) == []


def test_manager_reads_the_top_subjects_and_what_the_website_answers(
    page, login, demo, axe_violations
):
    maand = periode_for("maand", today=timezone.localdate())
    top = kpi_top_onderwerpen(periode=maand, filters=KpiFilters())
    eerste = top["onderwerpen"][0]
    online = top["per_kanaal"][0]

    login("manager")
    page.goto("/dashboard/")
    aandeel = page.get_by_role(
        "table", name="Vragen die de website of de kennisbank al beantwoordt"
    )
    rij = aandeel.locator("tbody tr").first
    assert rij.locator("th").inner_text() == str(online["label"])
    assert [c.inner_text() for c in rij.locator("td").all()][:2] == [
        str(online["vragen"]),
        str(online["online"]),
    ]
    page.get_by_text("Tabel: Top 20 onderwerpen per kanaal").click()
    tabel = page.get_by_role("table", name="Top 20 onderwerpen per kanaal")
    rij = tabel.locator("tbody tr").first
    cellen = [c.inner_text() for c in rij.locator("td").all()]
    assert cellen[:3] == ["1", eerste["onderwerp"], str(eerste["aantal"])]
    assert cellen[3] in ("Ja, productpagina", "Ja, kennisartikel", "Nee")
    assert axe_violations(page) == []

    rij.locator("td").nth(2).get_by_role("link").click()
    page.get_by_role("heading", level=1, name="Klantcontacten").wait_for()
    n = klantcontact_kpi_list(
        periode=maand, filters=KpiFilters(kanaal=eerste["kanaal"]), onderwerp=eerste["onderwerp"]
    ).count()
    page.get_by_text(f"{n} resultaat" if n == 1 else f"{n} resultaten").wait_for()
    assert axe_violations(page) == []
