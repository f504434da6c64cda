"""Issue 7 item 2: an e-mail in the work queue is turned into a zaak."""

import pytest
from playwright.sync_api import expect

from catalogus.models import Publicatiestatus
from tests.contacts.factories import ProductFactory
from tests.kanalen.conftest import make_mail
from tests.kanalen.test_email_ingest import ingest
from tests.zaken.factories import make_zaaktype
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_e_mail_becomes_a_zaak_from_the_work_queue(page, login, agent, axe_violations):
    zaaktype = make_zaaktype(omschrijving="Kapvergunning")
    ProductFactory(
        naam="Kapvergunning",
        zaaktype=zaaktype,
        behandelende_afdeling=zaaktype.behandelende_afdeling,
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )
    item, _ = ingest(make_mail(subject="Eik kappen", body="Mag ik de eik in mijn tuin kappen?"))
    login(agent.user.username)
    page.goto(f"/kanalen/email/{item.uuid}/")
    page.get_by_text("Zaak starten", exact=True).first.click()
    page.get_by_label("Product").select_option(label="Kapvergunning")
    page.get_by_role("button", name="Zaak starten").click()
    zaak = Zaak.objects.get()
    expect(page.get_by_text(f"Zaak {zaak.identificatie} gestart (Kapvergunning).")).to_be_visible()
    assert axe_violations(page) == []
