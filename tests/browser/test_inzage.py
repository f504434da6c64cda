"""An inzageverzoek: the agent opens a customer's klantbeeld; the beheerder finds that
customer on the inzage page by keyboard, sees who looked, when and why, and exports
the CSV."""

import csv
import io

import pytest
from django.test import Client

from kcc import roles
from tests.contacts.factories import BsnFactory, PersoonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_answers_an_inzageverzoek(page, login, make_medewerker, axe_violations):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    beheerder = make_medewerker(roles.BEHEERDER, user__is_staff=True)
    partij = BsnFactory(partij=PersoonFactory(achternaam="D'Hondt")).partij
    bsn = partij.identificatoren.get().waarde

    # The agent opens the klantbeeld (the real screen, without a second browser).
    agent_client = Client()
    agent_client.force_login(agent.user)
    assert agent_client.get(f"/klantcontact/partij/{partij.uuid}/").status_code == 200

    login(beheerder.user.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Inzageverzoeken"
    ).click()
    page.get_by_role("heading", level=1, name="Inzageverzoek").wait_for()
    zoek = page.get_by_label("Zoek klant")
    assert zoek.evaluate("el => el === document.activeElement")  # type straight away
    page.keyboard.type(bsn)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=2, name="Gevonden klanten").wait_for()
    resultaat = page.get_by_role("link", name=partij.naam)
    assert axe_violations(page) == []
    resultaat.focus()
    page.keyboard.press("Enter")

    page.get_by_role(
        "heading", level=1, name=f"Wie heeft de gegevens van {partij.naam} ingezien"
    ).wait_for()
    tabel = page.get_by_role("table", name="Verwerkingen, nieuwste eerst")
    regels = tabel.locator("tbody tr")
    agent_regel = regels.filter(has_text=agent.user.username)
    assert "Klantbeeld geopend in het klantcontactscherm" in agent_regel.inner_text()
    assert "Inzageverzoek" in regels.first.inner_text()  # this look itself, newest first
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren als CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as export:
        rows = list(csv.reader(io.StringIO(export.read())))
    assert rows[0][0] == "Tijdstip"
    assert any(row[1] == agent.user.username for row in rows[1:])
