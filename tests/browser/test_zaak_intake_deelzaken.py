"""Done-when of issue 5: a multi-part application from intake to the customer's mailbox.

The agent takes in an evenementenvergunning at the klantbeeld; the hoofdzaak goes to
Vergunningen and its deelzaak to Openbare Ruimte; both backoffices move their zaak on
through the screens; the customer follows it on the status page; a real Celery worker
renders the receipt PDF and the outbox mails it to the dev mail server.
"""

import time
from email.header import decode_header, make_header

import pytest
from django.core.management import call_command

from catalogus.models import Product
from contacts.models import DigitaalAdres, Partij
from zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def password():
    return "demo"


def wait_for(condition, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"Wachten duurde te lang: {what}")
        time.sleep(0.2)
    return result


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def as_user(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)
    return context, page


def open_from_werkvoorraad(page, zaak: Zaak) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Werkvoorraad"
    ).click()
    page.get_by_role("row").filter(has_text=zaak.identificatie).get_by_role(
        "link", name=zaak.identificatie
    ).click()
    page.get_by_role("heading", level=1, name=zaak.identificatie).wait_for()


def take_on(page) -> None:
    page.get_by_role("button", name="Oppakken").click()
    page.get_by_text("U heeft de zaak opgepakt.").wait_for()


def set_status(page, statustype: str, *, resultaat: str = "", toelichting: str = "") -> None:
    page.get_by_label("Nieuwe status").select_option(label=statustype)
    if resultaat:
        page.get_by_label("Resultaat (verplicht bij de eindstatus)").select_option(label=resultaat)
    if toelichting:
        page.get_by_label("Toelichting").fill(toelichting)
    page.get_by_role("button", name="Status zetten").click()
    page.get_by_text("De status is gezet.").wait_for()


def test_multi_part_application_from_intake_to_the_customers_mailbox(
    page, login, browser, live_server, start_celery_worker, dev_mail_server, axe_violations
):
    call_command("demo_data")
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    product = Product.objects.get(upl_naam="evenementenvergunning")
    klant = (
        Partij.objects.filter(digitale_adressen__soort=DigitaalAdres.Soort.EMAIL)
        .exclude(zaken__isnull=False)
        .order_by("pk")
        .first()
    )
    email = klant.digitale_adressen.get(soort=DigitaalAdres.Soort.EMAIL).adres

    # The agent takes in the application at the klantbeeld.
    login("agent")
    page.goto(f"/klantcontact/partij/{klant.uuid}/")
    page.locator("#id_vragen-0-product").select_option(label=product.naam)
    page.locator("#id_vragen-0-vraag").fill("Wij willen op 20 juni een straatfeest houden.")
    page.locator("#id_vragen-0-afhandeling").select_option("aanvraag_ingenomen")
    page.locator("#id_vragen-0-vraag").press("Control+Enter")
    page.get_by_text("Het contact is geregistreerd.").wait_for()

    hoofdzaak = Zaak.objects.get(initiator=klant, hoofdzaak__isnull=True)
    deelzaak = hoofdzaak.deelzaken.get()
    assert hoofdzaak.behandelende_afdeling.code == "vergunningen"
    assert deelzaak.behandelende_afdeling.code == "openbare-ruimte"
    assert hoofdzaak.identificatie in page.get_by_role("region", name="Zaken").inner_text()

    # Each afdeling finds its part in its own work list and moves it on.
    vergunningen, vg = as_user(browser, live_server, "vergunningen")
    open_from_werkvoorraad(vg, hoofdzaak)
    assert deelzaak.identificatie in vg.get_by_role("main").inner_text()
    take_on(vg)
    set_status(vg, "2. Advies hulpdiensten en Openbare Ruimte")

    openbare_ruimte, ob = as_user(browser, live_server, "openbareruimte")
    ob.goto("/zaken/")
    werkvoorraad = ob.get_by_role("table")
    assert werkvoorraad.get_by_role("link", name=hoofdzaak.identificatie).count() == 0
    assert f"deelzaak van {hoofdzaak.identificatie}" in werkvoorraad.inner_text()
    open_from_werkvoorraad(ob, deelzaak)
    take_on(ob)
    set_status(
        ob, "2. Verkeersmaatregelen bepaald", toelichting="Afsluiting Dorpsstraat 14-22 uur."
    )
    set_status(ob, "3. Verkeersbesluit genomen", resultaat="Verleend")
    openbare_ruimte.close()

    # The customer follows the progress before and after the decision.
    klantpagina = f"/zaak/{hoofdzaak.status_token}"
    page.goto(klantpagina)
    assert "Wij hebben uw aanvraag ontvangen." in page.get_by_role("main").inner_text()
    assert "Afgehandeld" not in page.get_by_role("main").inner_text()

    vg.reload()
    set_status(vg, "3. Besluit genomen", resultaat="Verleend")
    vergunningen.close()
    hoofdzaak.refresh_from_db()
    assert hoofdzaak.einddatum is not None

    page.goto(klantpagina)
    voortgang = page.get_by_role("main").inner_text()
    assert "Afgehandeld" in voortgang
    assert voortgang.index("Wij hebben uw aanvraag ontvangen.") < voortgang.index(
        "Er is een besluit op uw aanvraag."
    )
    assert "Afsluiting Dorpsstraat" not in voortgang  # internal notes stay internal
    assert axe_violations(page) == []

    # The confirmation with the receipt PDF reaches the customer's mailbox.
    def bevestiging():
        return next(
            (
                m
                for m in dev_mail_server.messages()
                if subject(m) == f"Ontvangstbevestiging {hoofdzaak.identificatie}"
            ),
            None,
        )

    mail = wait_for(bevestiging, "ontvangstbevestiging in de mailbox")
    assert mail["To"] == email
    parts = list(mail.walk())
    pdf = next(p for p in parts if p.get_content_type() == "application/pdf")
    assert pdf.get_filename() == f"ontvangstbevestiging-{hoofdzaak.identificatie}.pdf"
    assert pdf.get_payload(decode=True).startswith(b"%PDF")
    body = next(p for p in parts if p.get_content_type() == "text/plain")
    assert klantpagina in body.get_payload(decode=True).decode()
