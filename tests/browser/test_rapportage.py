"""The manager's reports: last month's MARAP as a PDF, and the forecast with staffing."""

import pytest

from kcc import roles

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
