"""The manager's reports: last month's MARAP as a PDF, and the forecast with staffing."""

import uuid

import pytest
from django.utils import timezone

from kcc import roles
from kcc.models import SlaGebeurtenis, SlaSoort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.worker
def test_manager_asks_for_last_months_marap_and_downloads_the_pdf(
    page, login, make_medewerker, start_celery_worker, axe_violations, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    start_celery_worker(MEDIA_ROOT=tmp_path)
    manager = make_medewerker(roles.TEAMLEIDER)
    login(manager.user.username)
    page.goto("/dashboard/")
    page.get_by_role("link", name="Maandrapportages (PDF)").click()
    page.get_by_role("heading", level=1, name="Maandrapportages (MARAP)").wait_for()
    assert axe_violations(page) == []
    maand = page.get_by_label("Maand")
    maand.select_option(index=1)
    gekozen = maand.evaluate("select => select.selectedOptions[0].textContent")
    page.get_by_role("button", name="Maak rapportage").click()
    link = page.get_by_role("link", name=f"Download PDF {gekozen}")
    link.wait_for(timeout=60_000)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_manager_reads_the_phone_forecast_and_staffing(
    page, login, make_medewerker, axe_violations
):
    manager = make_medewerker(roles.TEAMLEIDER)
    login(manager.user.username)
    page.goto("/dashboard/")
    page.get_by_role("link", name="Prognose en bezetting").click()
    page.get_by_role("heading", level=2, name="Benodigde bezetting per uur").wait_for()
    page.get_by_label("Kanaal").select_option("chat")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role(
        "heading", level=2, name="Chat: verwachte contacten komende 4 weken"
    ).wait_for()
    assert axe_violations(page) == []


@pytest.mark.worker
def test_manager_filters_on_email_drills_into_breaches_and_downloads_xlsx_and_marap(
    page, login, make_medewerker, start_celery_worker, axe_violations, settings, tmp_path
):
    """Issue 9's "Done when": filter on e-mail, drill into the SLA breaches, download the
    XLSX and the MARAP PDF."""
    now = timezone.now()
    for kanaal, omschrijving in (("e-mail", "e-mail van A. de Vries"), ("telefoon", "terugbellen")):
        SlaGebeurtenis.objects.create(
            object_type="email",
            object_uuid=uuid.uuid4(),
            omschrijving=omschrijving,
            kanaal=kanaal,
            soort=SlaSoort.VERLOPEN,
            deadline=now,
            tijdstip=now,
        )
    settings.MEDIA_ROOT = tmp_path
    start_celery_worker(MEDIA_ROOT=tmp_path)
    login(make_medewerker(roles.TEAMLEIDER).user.username)

    page.goto("/dashboard/")
    page.get_by_label("Kanaal", exact=True).select_option("e-mail")
    page.wait_for_url("**kanaal=e-mail**")
    sla = page.locator("#sectie-sla").locator("..")
    sla.get_by_role("link", name="1").first.click()
    page.get_by_role("heading", level=1, name="Termijnbewaking: termijn verlopen").wait_for()
    assert "e-mail van A. de Vries" in page.content() and "terugbellen" not in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Terug naar het dashboard").click()
    page.wait_for_url("**kanaal=e-mail**")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Download XLSX").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")

    page.get_by_role("link", name="Maandrapportages (PDF)").click()
    page.get_by_label("Maand").select_option(index=0)
    gekozen = page.get_by_label("Maand").evaluate("s => s.selectedOptions[0].textContent")
    page.get_by_role("button", name="Maak rapportage").click()
    link = page.get_by_role("link", name=f"Download PDF {gekozen}")
    link.wait_for(timeout=60_000)
    with page.expect_download() as pdf:
        link.click()
    assert pdf.value.suggested_filename.endswith(".pdf")
