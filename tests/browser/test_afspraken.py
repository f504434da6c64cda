"""Done-when of issue 8 (item 3): a customer books an appointment online, receives the
confirmation e-mail with .ics and checks in at the kiosk; an agent books for a klant
from the klantbeeld and sees the day's capacity."""

import datetime
import mailbox
import re
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar
from playwright.sync_api import expect

from kanalen.models import Afspraak, Ticket
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.kanalen.factories import AfspraakAanbodFactory
from tests.test_outbox_delivery import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/afspraken-shots"


def _aanbod():
    return AfspraakAanbodFactory(
        product__naam="Paspoort aanvragen",
        productgroep__naam="Burgerzaken",
        productgroep__locatie__naam="Stadhuis",
        productgroep__locatie__slug="stadhuis",
    )


def _confirmation(maildir) -> object | None:
    for raw in mailbox.Maildir(maildir, create=True):
        message = message_from_bytes(raw.as_bytes(), policy=policy.default)
        if message["To"] == "fleur@example.nl" and message["Subject"].startswith("Bevestiging"):
            return message
    return None


def _shot(page, name: str) -> None:
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_book_online_receive_ics_and_check_in_at_the_kiosk(
    page,
    browser,
    live_server,
    dev_mail_server,
    start_celery_worker,
    axe_violations,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    start_celery_worker(EMAIL_PORT=dev_mail_server.port, MEDIA_ROOT=settings.MEDIA_ROOT)
    _aanbod()

    # The customer, by keyboard: product → (the one location) → day → time → details.
    page.goto("/afspraak/")
    assert axe_violations(page) == []
    page.get_by_label("Product").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("button", name="Kies product").press("Enter")
    expect(page.get_by_role("heading", name="3. Welke dag?")).to_be_visible()
    assert axe_violations(page) == []
    # The last day: a whole day ahead, whatever the hour the test runs.
    dag = page.locator(".kcc-afspraak-dag").last
    dag.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("4. Tijdstip op"))).to_be_visible()
    page.get_by_label("09:30").check()
    page.get_by_label("Naam").fill("Fleur van 't Hof")
    page.get_by_label("E-mailadres").fill("fleur@example.nl")
    page.get_by_label("Telefoonnummer (niet verplicht)").fill("0612345678")
    assert axe_violations(page) == []
    _shot(page, "boeken")
    page.get_by_label("Telefoonnummer (niet verplicht)").press("Enter")

    expect(page.get_by_role("heading", name="Uw afspraak is gemaakt")).to_be_visible()
    code = page.locator("#afspraakcode").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert axe_violations(page) == []
    _shot(page, "bevestigd")
    afspraak = Afspraak.objects.get(code=code)
    assert timezone.localtime(afspraak.begin).time() == datetime.time(9, 30)
    assert escape(afspraak.naam) == escape("Fleur van 't Hof")

    # The confirmation arrives over SMTP (worker → dev mail server) with the .ics.
    mail = wait_for(lambda: _confirmation(dev_mail_server.mailbox_dir), "bevestiging")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert f"Afspraakcode: {code}" in body
    ics = next(p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar")
    assert ics.get_filename() == "afspraak.ics"
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == afspraak.begin
    assert str(event["location"]) == "Stadhuis"

    # The link in the mail opens the appointment without logging in.
    link = re.search(r"https?://\S+/afspraak/beheer/\S+/", body).group(0)
    page.goto(urlsplit(link).path)
    expect(page.locator("#afspraakcode")).to_have_text(code)
    assert axe_violations(page) == []
    _shot(page, "beheer")

    # The day of the appointment has come (it was booked for a later werkdag).
    now = timezone.now()
    Afspraak.objects.filter(pk=afspraak.pk).update(
        begin=now, eind=now + datetime.timedelta(minutes=30)
    )
    kiosk = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    zuil = kiosk.new_page()
    zuil.goto("/balie/kiosk/stadhuis/")
    _shot(zuil, "kiosk")
    zuil.get_by_role("link", name="Ik heb een afspraak").click()
    assert axe_violations(zuil) == []
    zuil.get_by_label("Uw afspraakcode").fill("ZZZZZZ")
    zuil.get_by_label("Uw afspraakcode").press("Enter")
    expect(zuil.get_by_role("alert")).to_contain_text("kennen wij niet")
    assert axe_violations(zuil) == []
    _shot(zuil, "kiosk-afspraak-fout")
    zuil.get_by_label("Uw afspraakcode").fill(code.lower())
    zuil.get_by_label("Uw afspraakcode").press("Enter")

    expect(zuil.locator("#ticket-nummer")).to_have_text("B001")
    expect(zuil.locator("#ticket-afspraak")).to_contain_text("Afspraak om")
    assert axe_violations(zuil) == []
    _shot(zuil, "kiosk-ticket")
    ticket = Ticket.objects.get()
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.ticket) == (Afspraak.Status.INGECHECKT, ticket)
    kiosk.close()


def test_agent_books_from_the_klantbeeld_and_sees_the_capacity(
    page, login, make_medewerker, axe_violations, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _aanbod()
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    partij = PersoonFactory(voornaam="Daan", achternaam="D'Hondt")

    login(agent.user.username)
    page.goto(f"/klantcontact/partij/{partij.uuid}/")
    page.get_by_role("region", name="Afspraken").get_by_role("link", name="Afspraak maken").click()
    expect(page.get_by_role("heading", name=re.compile("Afspraak maken voor"))).to_be_visible()
    page.get_by_label("Product").select_option(label="Paspoort aanvragen (30 minuten)")
    page.get_by_role("button", name="Kies product").click()
    page.locator(".kcc-afspraak-dag").last.click()
    page.get_by_label("10:00").check()
    page.get_by_label("E-mailadres").fill("daan@example.nl")
    assert page.get_by_label("Naam").input_value() == "Daan D'Hondt"
    assert axe_violations(page) == []
    _shot(page, "nieuw-agent")
    page.get_by_role("button", name="Afspraak maken").click()

    expect(page.get_by_text(re.compile("Afspraak .* is gemaakt"))).to_be_visible()
    sectie = page.get_by_role("region", name="Afspraken")
    expect(sectie).to_contain_text("Paspoort aanvragen, Stadhuis")
    afspraak = Afspraak.objects.get()
    assert afspraak.partij == partij and afspraak.geboekt_door == agent

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Afspraken").click()
    page.get_by_label("Dag").fill(timezone.localtime(afspraak.begin).date().isoformat())
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("#capaciteit-totaal")).to_contain_text("2 bezet")
    rij = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="10:00"))
    expect(rij.get_by_role("cell")).to_have_text(["2", "1", "1", "0"])
    expect(page.get_by_role("cell", name=afspraak.code, exact=True)).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "planning")
