"""Done-when of issue 7 (e-mail and web forms): a customer mails the municipal address,
the agent answers from the queue, the reply arrives in the same thread; a web-form
callback request lands in the right afdeling's work list."""

import mailbox
import smtplib
from email import message_from_bytes, policy

import pytest

from catalogus.models import Publicatiestatus
from contacts.models import Contactverzoek
from kanalen.models import InkomendeEmail
from kanalen.services import datum_nl
from kcc.roles import BACKOFFICE, KLANTCONTACTMEDEWERKER
from tests.contacts.factories import ProductFactory
from tests.factories import AfdelingFactory
from tests.kanalen.conftest import make_mail
from tests.test_outbox_delivery import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def mailbox_messages(tmp_path) -> list:
    return [
        message_from_bytes(m.as_bytes(), policy=policy.default)
        for m in mailbox.Maildir(tmp_path / "mail", create=True)
    ]


def in_customer_mailbox(tmp_path, subject_start: str):
    for message in mailbox_messages(tmp_path):
        if message["To"] == "jan.devries@example.nl" and message["Subject"].startswith(
            subject_start
        ):
            return message
    return None


def test_a_mailed_question_is_answered_from_the_queue_in_the_same_thread(
    media,
    dev_mail_server_on_test_db,
    start_celery_worker,
    make_medewerker,
    page,
    login,
    axe_violations,
    tmp_path,
    settings,
):
    start_celery_worker(EMAIL_PORT=dev_mail_server_on_test_db)
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    with smtplib.SMTP("127.0.0.1", dev_mail_server_on_test_db, timeout=10) as smtp:
        smtp.send_message(
            make_mail(message_id="<browser-1@example.nl>", to=settings.KCC_INBOUND_EMAIL)
        )
    item = InkomendeEmail.objects.get(message_id="browser-1@example.nl")
    wait_for(lambda: in_customer_mailbox(tmp_path, "Ontvangstbevestiging"), "bevestiging")

    login(agent.user.username)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="E-mail").click()
    row = page.get_by_role("row").filter(has_text="Vraag over mijn paspoort")
    row.get_by_text(datum_nl(item.deadline)).wait_for()
    assert axe_violations(page) == []
    row.get_by_role("link", name="Vraag over mijn paspoort").click()
    page.get_by_role("button", name="Oppakken").click()
    page.get_by_text("U heeft deze e-mail opgepakt.").wait_for()
    page.get_by_label("Antwoord", exact=True).fill("Uw paspoort ligt dinsdag voor u klaar.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Het antwoord wordt verstuurd.").wait_for()

    answer = wait_for(lambda: in_customer_mailbox(tmp_path, "Re:"), "antwoord in de mailbox")
    assert answer["Subject"] == f"Re: Vraag over mijn paspoort [{item.referentie}]"
    assert answer["In-Reply-To"] == "<browser-1@example.nl>"
    assert answer.get_content().startswith("Uw paspoort ligt dinsdag voor u klaar.")
    item.refresh_from_db()
    assert item.status == InkomendeEmail.Status.BEANTWOORD
    assert item.klantcontact.kanaal == "e-mail"


def test_a_web_form_callback_request_lands_in_the_afdelings_work_list(
    make_medewerker, page, login, axe_violations, settings
):
    settings.KCC_WEBFORMULIER_MIN_SECONDS = 0
    kcc = AfdelingFactory(naam="KCC", code="kcc")
    burgerzaken = AfdelingFactory(naam="Burgerzaken", code="burgerzaken")
    ProductFactory(
        naam="Paspoort",
        behandelende_afdeling=burgerzaken,
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )
    backoffice = make_medewerker(BACKOFFICE, afdeling=kcc)
    elders = make_medewerker(BACKOFFICE, afdeling=burgerzaken)

    page.goto("/formulieren/vraag/")
    page.get_by_role("button", name="Versturen").click()
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Naam: Vul uw naam in.").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-foutmeldingen')")
    assert axe_violations(page) == []

    page.goto("/formulieren/terugbellen/")
    assert axe_violations(page) == []
    page.get_by_label("Naam").fill("Sanne <b>Visser</b>")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("middag (12.00–17.00 uur)").check()
    page.get_by_label("Waar gaat het over?").fill("<script>alert('x')</script> Paspoort kwijt")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Wij hebben uw formulier ontvangen").wait_for()
    assert page.get_by_text("WF-").count() == 1
    assert axe_violations(page) == []

    # A callback without a product is for the KCC's back office, not for Burgerzaken.
    assert Contactverzoek.objects.get().afdeling == kcc
    login(backoffice.user.username)
    page.goto("/klantcontact/contactverzoeken/")
    row = page.get_by_role("row").filter(has_text="Terugbellen, voorkeur middag")
    row.get_by_text("<script>alert('x')</script> Paspoort kwijt").wait_for()
    row.get_by_role("cell", name="+31612345678", exact=True).wait_for()
    page.context.clear_cookies()
    login(elders.user.username)
    page.goto("/klantcontact/contactverzoeken/")
    page.get_by_text("Geen open contactverzoeken.").wait_for()
