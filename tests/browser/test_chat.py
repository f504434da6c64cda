"""Done-when of issue 7 (item 4): a customer chats from the public page → the agent
answers → the transcript is in the klantbeeld."""

import pytest
from django.utils.html import escape
from playwright.sync_api import expect

from catalogus.models import Kennisartikel, Publicatiestatus
from contacts.models import DigitaalAdres, Kanaal, Klantcontact
from kanalen.chat import services
from kanalen.models import Chat
from kcc import roles
from tests.contacts.factories import PersoonFactory
from tests.kanalen.chat_helpers import running_uvicorn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _chat_open(settings):
    settings.KCC_CHAT_OPEN = "altijd"
    settings.KCC_SSE_HEARTBEAT_SECONDS = 1
    settings.KCC_WEBFORMULIER_MIN_SECONDS = 0  # a test types faster than the bot guard allows


def test_customer_chats_agent_answers_and_the_transcript_is_in_the_klantbeeld(
    page, browser, live_server, login, make_medewerker, axe_violations, tmp_path
):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Sanne")
    partij = PersoonFactory(voornaam="Jan", achternaam="de Vries")
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.EMAIL, adres="jan@example.nl"
    )

    Kennisartikel.objects.create(
        titel="Parkeervergunning aanvragen",
        samenvatting="Dat kan online via Mijn Gemeente.",
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )

    klant_context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    klant = klant_context.new_page()
    klant.set_default_timeout(10_000)
    klant.goto("/formulieren/")
    widget = klant.get_by_role("region", name="Chat met een medewerker")
    # Keyboard only: the fields are labelled, the button is reached by Tab.
    widget.get_by_label("Uw naam (niet verplicht)").fill("Jan")
    widget.get_by_label("Uw e-mailadres (niet verplicht)").fill("jan@example.nl")
    widget.get_by_label("Uw vraag").fill("Hoe vraag ik een parkeervergunning aan?")
    widget.get_by_label("Uw vraag").press("Tab")
    klant.keyboard.press("Enter")
    expect(klant.get_by_role("status")).to_contain_text("U bent de volgende.")
    expect(klant.locator("html[data-chat='verbonden']")).to_be_attached()
    assert axe_violations(klant) == []
    klant.screenshot(path=str(tmp_path / "chat-klant-wacht.png"), full_page=True)
    klant.goto("/formulieren/")
    klant.screenshot(path=str(tmp_path / "chat-widget.png"), full_page=True)
    klant.go_back()

    login(agent.user.username)
    page.goto("/kanalen/chat/")
    wachtend = page.get_by_role("region", name="Wachtende chats")
    wachtend.get_by_role("listitem").filter(has_text="Jan").get_by_role("button").click()
    expect(page.get_by_role("heading", name="Chat met Jan")).to_be_visible()
    expect(page.locator("html[data-chat='verbonden']")).to_be_attached()
    log = page.get_by_role("log", name="Berichten")
    expect(log).to_contain_text("Hoe vraag ik een parkeervergunning aan?")

    klant_log = klant.get_by_role("log", name="Berichten")
    expect(klant_log).to_contain_text("Sanne helpt u verder.")
    expect(klant.get_by_role("status")).to_contain_text("U chat met een medewerker.")

    # The answer comes from the kennisbank, checked and sent by keyboard.
    page.get_by_label("Zoek een antwoord in de kennisbank").fill("parkeervergunning")
    page.get_by_role("button", name="Invoegen").first.click()
    antwoord = page.get_by_label("Antwoord", exact=True)
    expect(antwoord).to_have_value("Dat kan online via Mijn Gemeente.")
    antwoord.press("Enter")
    expect(klant_log).to_contain_text("Dat kan online via Mijn Gemeente.")
    expect(antwoord).to_have_value("")

    klant.get_by_label("Uw bericht").fill("Dank u wel!")
    klant.get_by_label("Uw bericht").press("Enter")
    expect(log).to_contain_text("Dank u wel!")
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "chat-console.png"), full_page=True)

    page.get_by_text("Chat beëindigen en registreren").click()
    page.get_by_label("Onderwerp").fill("Parkeervergunning")
    expect(page.get_by_label("Bij Jan de Vries (gevonden op e-mailadres)")).to_be_checked()
    page.get_by_role("button", name="Beëindigen").click()
    expect(
        page.get_by_text("De chat is beëindigd en als klantcontact geregistreerd.")
    ).to_be_visible()
    expect(klant_log).to_contain_text("De chat is beëindigd.")
    expect(klant.get_by_label("Uw bericht")).to_be_hidden()
    klant.screenshot(path=str(tmp_path / "chat-klant-einde.png"), full_page=True)
    klant_context.close()

    contact = Klantcontact.objects.get()
    assert (contact.kanaal, contact.partij) == (Kanaal.CHAT, partij)
    assert Chat.objects.get().klantcontact == contact
    page.goto(f"/klantcontact/partij/{partij.uuid}/")
    historie = page.locator("main")
    expect(historie).to_contain_text("Parkeervergunning")
    expect(historie).to_contain_text("Chat")
    assert escape(partij.naam) in page.content()
    print(f"schermafdrukken: {tmp_path}")


def test_outside_opening_hours_the_widget_offers_the_web_form(
    page, settings, axe_violations, tmp_path
):
    settings.KCC_CHAT_OPEN = "gesloten"
    page.goto("/chat/")
    expect(page.get_by_text("De chat is nu gesloten.")).to_be_visible()
    page.screenshot(path=str(tmp_path / "chat-gesloten.png"), full_page=True)
    page.get_by_role("link", name="Stel uw vraag via het webformulier").click()
    expect(page).to_have_url(f"{page.url.split('/formulieren')[0]}/formulieren/vraag/")
    assert axe_violations(page) == []


def test_make_run_design_the_page_streams_from_uvicorn_on_another_port(
    page, live_server, make_medewerker, settings
):
    """As under `make run`: pages from one server, the chat stream from uvicorn on
    another port (KCC_SSE_URL), the session cookie sent along (CORS with credentials)."""
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, user__first_name="Sanne")
    with running_uvicorn(host="localhost", KCC_PUBLIC_URL=live_server.url) as stream_server:
        settings.KCC_SSE_URL = stream_server.url
        page.goto("/chat/")
        page.get_by_label("Uw vraag").fill("Waar haal ik een gehandicaptenparkeerkaart?")
        page.get_by_role("button", name="Start de chat").click()
        expect(page.locator("html[data-chat='verbonden']")).to_be_attached()
        chat = Chat.objects.get()
        services.chat_accept(chat=chat, medewerker=agent)
        expect(page.get_by_role("log", name="Berichten")).to_contain_text("Sanne helpt u verder.")
