"""Done-when of issue 8 (post): the post room registers a scanned letter that becomes a
zaak in Vergunningen's work list."""

import pytest
from django.core.management import call_command

from catalogus.models import Product
from contacts.models import Kanaal, Partij
from kanalen.models import Poststuk
from tests.kanalen.factories import scan_pdf
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/post"


@pytest.fixture
def password():
    return "demo"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_post_room_registers_a_scanned_letter_that_becomes_a_zaak_for_vergunningen(
    media, page, login, browser, live_server, axe_violations, tmp_path
):
    call_command("demo_data")
    product = Product.objects.get(upl_naam="omgevingsvergunning kap")
    klant = Partij.objects.filter(adressen__isnull=False, indicatie_geheimhouding=False).order_by(
        "pk"
    )[0]
    scan = tmp_path / "kapvergunning eik.pdf"
    scan.write_bytes(scan_pdf(pages=2, text="Aanvraag kapvergunning eik"))

    login("postkamer")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Post").click()
    page.get_by_role("heading", level=1, name="Post").wait_for()
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/lijst.png", full_page=True)
    page.get_by_role("link", name="Brief registreren").click()

    # The sender by keyboard: the search box has focus; Enter searches, it does not register.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_q'")
    page.keyboard.type(klant.achternaam)
    page.keyboard.press("Enter")
    page.get_by_label(klant.naam, exact=False).first.check()
    assert Poststuk.objects.count() == 4  # the demo letters only

    page.get_by_label("Onderwerp").fill("Aanvraag kapvergunning eik achtertuin")
    page.get_by_label("Kenmerk afzender").fill("JV/2026/14")
    # A file that only calls itself a PDF is refused with the reason; the rest is kept.
    nep = tmp_path / "brief.pdf"
    nep.write_text("Dit is geen scan.")
    page.get_by_label("Scan (PDF, JPEG of PNG)").set_input_files(str(nep))
    page.get_by_role("button", name="Registreren").click()
    page.get_by_role("alert").get_by_role(
        "link", name="Scan (PDF, JPEG of PNG): Dit bestand is geen PDF of afbeelding"
    ).wait_for()
    page.wait_for_function("document.activeElement.hasAttribute('data-foutmeldingen')")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/registreren_fout.png", full_page=True)
    assert page.get_by_label(klant.naam, exact=False).first.is_checked()
    assert page.get_by_label("Kenmerk afzender").input_value() == "JV/2026/14"

    page.get_by_label("Scan (PDF, JPEG of PNG)").set_input_files(str(scan))
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/registreren.png", full_page=True)
    page.get_by_role("button", name="Registreren").click()

    poststuk = Poststuk.objects.get(kenmerk_afzender="JV/2026/14")
    page.get_by_text(f"Poststuk {poststuk.poststuknummer} is geregistreerd.").wait_for()
    assert poststuk.partij == klant
    assert poststuk.scan_formaat == "application/pdf"
    assert axe_violations(page) == []
    page.get_by_label("Product").select_option(label=product.naam)
    page.screenshot(path=f"{SCREENSHOTS}/detail.png", full_page=True)
    page.get_by_role("button", name="Zaak starten").click()
    page.get_by_text("De zaak is gestart; de scan staat bij de zaak.").wait_for()
    assert axe_violations(page) == []

    zaak = Zaak.objects.get(klantcontacten__kanaal=Kanaal.POST, initiator=klant)
    poststuk.refresh_from_db()
    assert poststuk.zaak == zaak
    assert zaak.behandelende_afdeling.code == "vergunningen"
    assert zaak.communicatiekanaal == Kanaal.POST
    assert zaak.identificatie in page.get_by_role("main").inner_text()

    # Vergunningen finds it in its work list, with the scan as a document.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    vg = context.new_page()
    vg.set_default_timeout(10_000)
    vg.goto("/inloggen/")
    vg.get_by_label("Gebruikersnaam").fill("vergunningen")
    vg.get_by_label("Wachtwoord").fill("demo")
    vg.get_by_role("button", name="Inloggen").click()
    vg.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkvoorraad").click()
    row = vg.get_by_role("row").filter(has_text=zaak.identificatie)
    assert product.naam in row.inner_text()
    row.get_by_role("link", name=zaak.identificatie).click()
    vg.get_by_role("heading", level=1, name=zaak.identificatie).wait_for()
    vg.get_by_text(f"Brief {poststuk.poststuknummer}: Aanvraag kapvergunning eik").first.wait_for()
    vg.screenshot(path=f"{SCREENSHOTS}/zaak.png", full_page=True)
    context.close()


def test_an_answer_letter_is_made_from_a_queued_letter(
    media, page, login, axe_violations, make_medewerker
):
    call_command("demo_data")
    poststuk = Poststuk.objects.filter(status="werkvoorraad", partij__isnull=False).first()
    login("agent")
    page.goto("/post/")
    page.get_by_role("link", name=poststuk.onderwerp).click()
    page.get_by_role("link", name="Antwoordbrief maken").click()
    page.get_by_label("Tekst").fill("Geachte heer, mevrouw,\n\nUw bezwaar is ontvangen.")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/brief_nieuw.png", full_page=True)
    page.get_by_role("button", name="Brief maken").click()
    brief = poststuk.antwoordbrieven.get()
    page.get_by_text(f"De brief {brief.kenmerk} is gemaakt.").wait_for()
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/brief.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {brief.kenmerk}.pdf").click()
    assert download.value.suggested_filename == f"{brief.kenmerk}.pdf"
    assert brief.klantcontact.richting == "uitgaand"

    page.goto(f"/post/{poststuk.uuid}/")
    page.get_by_text("Afhandelen (beantwoord)").click()
    page.get_by_label("Hoe is de brief beantwoord?").fill(f"Beantwoord met brief {brief.kenmerk}.")
    page.get_by_role("button", name="Afhandelen", exact=True).click()
    page.get_by_text("De brief is afgehandeld.").wait_for()
    poststuk.refresh_from_db()
    assert poststuk.status == "afgehandeld"
    assert poststuk.klantcontact.kanaal == Kanaal.POST


def test_an_agent_takes_a_letter_on_from_the_post_queue(media, page, login, axe_violations):
    call_command("demo_data")
    poststuk = (
        Poststuk.objects.filter(status="werkvoorraad", behandelaar__isnull=True)
        .order_by("deadline", "geregistreerd_op", "pk")
        .first()
    )
    login("agent")
    page.goto("/post/")
    row = page.get_by_role("row").filter(has_text=poststuk.poststuknummer)

    row.get_by_role("button", name="Oppakken").click()

    page.get_by_text(f"U heeft poststuk {poststuk.poststuknummer} opgepakt.").wait_for()
    assert page.url.endswith("/post/")  # the list was swapped in place
    poststuk.refresh_from_db()
    assert poststuk.behandelaar.user.username == "agent"
    assert str(poststuk.behandelaar) in row.inner_text()
    assert row.get_by_role("button").count() == 0
    assert axe_violations(page) == []
    page.screenshot(path=f"{SCREENSHOTS}/oppakken.png", full_page=True)
