"""Issue 7, item 3: a citizen applies for a product on the website, by keyboard, with an
upload; the zaak lands in the work list of the product's afdeling."""

from email.header import decode_header, make_header

import pytest
from django.core.management import call_command

from catalogus.models import Product
from tests.browser.test_zaak_intake_deelzaken import wait_for
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def password():
    return "demo"  # the demo accounts' password


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent")


def tab_to(page, element_id: str, *, limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{element_id} is niet met Tab te bereiken (focus op {focused(page)})")


def test_a_citizen_applies_for_a_parkeervergunning_by_keyboard(
    page, login, axe_violations, settings, media, tmp_path, start_celery_worker, dev_mail_server
):
    settings.KCC_WEBFORMULIER_MIN_SECONDS = 0
    call_command("demo_data")
    start_celery_worker(EMAIL_PORT=dev_mail_server.port, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    product = Product.objects.get(upl_naam="parkeervergunning")
    velden = {v.label: f"id_veld_{v.pk}" for v in product.aanvraagvelden.all()}
    kentekenbewijs = tmp_path / "kentekenbewijs.pdf"
    kentekenbewijs.write_bytes(PDF)

    page.goto(f"/producten/{product.uuid}/")
    aanvragen = page.get_by_role("link", name=f"{product.naam} aanvragen")
    page.screenshot(path=str(tmp_path / "product.png"), full_page=True)
    tab_to(page, "aanvragen", limit=80)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=f"{product.naam} aanvragen").wait_for()
    assert aanvragen.count() == 0
    page.screenshot(path=str(tmp_path / "aanvraag-formulier.png"), full_page=True)
    assert axe_violations(page) == []

    # Sent empty: the error summary gets focus and links to each field.
    tab_to(page, "id_voornaam")
    page.get_by_role("button", name="Aanvraag versturen").press("Enter")
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Voornaam: Vul uw voornaam in.").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-foutmeldingen')")
    page.screenshot(path=str(tmp_path / "aanvraag-fouten.png"), full_page=True)
    assert axe_violations(page) == []
    summary.get_by_role("link", name="Kenteken: Vul dit in.").press("Enter")
    assert page.evaluate("document.activeElement.id") == velden["Kenteken"]

    tab_to(page, "id_voornaam")
    for tekst in ("Fatima", "", "el Amrani", "fatima@example.nl", "06 12345678"):
        page.keyboard.type(tekst)
        page.keyboard.press("Tab")
    for tekst in ("6811 AB", "14", ""):
        page.keyboard.type(tekst)
        page.keyboard.press("Tab")
    assert focused(page) == velden["Kenteken"]
    page.keyboard.type("<b>AB-123-C</b>")
    page.keyboard.press("Tab")
    page.keyboard.type("Eerste")  # type-ahead in the select
    page.keyboard.press("Tab")
    page.keyboard.type("1-2-2027")
    page.keyboard.press("Tab")
    assert focused(page) == f"{velden['Is het een leaseauto?']}_0"
    page.keyboard.press("ArrowDown")  # moves to and checks "Nee"
    page.keyboard.press("Tab")
    assert focused(page) == "id_document_1"
    # The browser's own file dialog cannot be driven headless: set the file on the
    # input the keyboard reached.
    page.locator("#id_document_1").set_input_files(str(kentekenbewijs))
    page.keyboard.press("Tab")
    assert focused(page).strip() == "Aanvraag versturen"
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Wij hebben uw aanvraag ontvangen").wait_for()
    zaak = Zaak.objects.get(product=product, initiator__achternaam="el Amrani")
    assert zaak.identificatie in page.get_by_role("main").inner_text()
    page.screenshot(path=str(tmp_path / "aanvraag-bevestiging.png"), full_page=True)
    assert axe_violations(page) == []
    assert zaak.behandelende_afdeling.code == "vergunningen"
    assert {"vraag": "Is het een leaseauto?", "antwoord": "Nee"} in zaak.aanvraaggegevens
    assert zaak.documenten.get().bestandsnaam == "kentekenbewijs.pdf"

    # The zaak is in the werkvoorraad of Vergunningen, with the answers and the upload.
    page.context.clear_cookies()
    login("vergunningen")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Werkvoorraad").click()
    page.get_by_role("row").filter(has_text=zaak.identificatie).get_by_role(
        "link", name=zaak.identificatie
    ).click()
    page.get_by_role("heading", name="Aanvraaggegevens").wait_for()
    main = page.get_by_role("main").inner_text()
    assert "<b>AB-123-C</b>" in main
    assert "Eerste bewonersvergunning" in main
    assert "01-02-2027" in main
    assert "kentekenbewijs.pdf" in main or "Kenteken van de auto" in main
    page.screenshot(path=str(tmp_path / "aanvraag-zaak.png"), full_page=True)
    print(f"\nSCREENSHOTS {tmp_path}")

    # The receipt PDF and the status-page link reach the citizen's mailbox.
    def bevestiging():
        return next(
            (
                m
                for m in dev_mail_server.messages()
                if str(make_header(decode_header(m["Subject"])))
                == f"Ontvangstbevestiging {zaak.identificatie}"
            ),
            None,
        )

    mail = wait_for(bevestiging, "ontvangstbevestiging in de mailbox")
    assert mail["To"] == "fatima@example.nl"
    parts = list(mail.walk())
    pdf = next(p for p in parts if p.get_content_type() == "application/pdf")
    assert pdf.get_payload(decode=True).startswith(b"%PDF")
    body = next(p for p in parts if p.get_content_type() == "text/plain")
    zaak.refresh_from_db()
    assert f"/zaak/{zaak.status_token}" in body.get_payload(decode=True).decode()
