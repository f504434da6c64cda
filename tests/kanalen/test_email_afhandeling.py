"""Sender matching, the acknowledgement, and answering / forwarding / closing an e-mail."""

import pytest
from django.core.exceptions import ValidationError

from contacts.models import Afhandeling, Contactverzoek, DigitaalAdres, Kanaal, Klantcontact
from kanalen import services
from kanalen.models import EmailAntwoord, InkomendeEmail
from kcc.models import Bericht
from kcc.outbox import message_id_for
from kcc.roles import KLANTCONTACTMEDEWERKER
from tests.contacts.factories import PersoonFactory
from tests.factories import AfdelingFactory
from tests.kanalen.conftest import make_mail
from tests.kanalen.test_email_ingest import ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan():
    partij = PersoonFactory(voornaam="Jan", achternaam="de Vries")
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.EMAIL, adres="jan.devries@example.nl"
    )
    return partij


def acknowledgements():
    return Bericht.objects.filter(aanleiding__startswith="Ontvangstbevestiging")


def test_the_sender_is_matched_to_the_partij_by_email(jan):
    item, _ = ingest(make_mail(sender="Jan de Vries <Jan.DeVries@Example.nl>"))

    assert item.partij == jan


def test_an_address_shared_by_two_partijen_matches_nobody(jan):
    other = PersoonFactory()
    DigitaalAdres.objects.create(
        partij=other, soort=DigitaalAdres.Soort.EMAIL, adres="jan.devries@example.nl"
    )
    item, _ = ingest(make_mail())

    assert item.partij is None


def test_a_new_mail_gets_one_acknowledgement_with_tag_date_and_thread_headers():
    item, _ = ingest(make_mail(message_id="<vraag-1@example.nl>"))
    ingest(make_mail(message_id="<vraag-1@example.nl>"))  # redelivered: nothing new

    [bericht] = acknowledgements()
    assert bericht.ontvanger == "jan.devries@example.nl"
    assert (
        bericht.onderwerp == f"Ontvangstbevestiging: Vraag over mijn paspoort [{item.referentie}]"
    )
    assert services.datum_nl(item.deadline) in bericht.inhoud
    assert item.referentie in bericht.inhoud
    assert bericht.headers["In-Reply-To"] == "<vraag-1@example.nl>"
    assert bericht.headers["References"] == "<vraag-1@example.nl>"
    assert bericht.headers["Auto-Submitted"] == "auto-replied"
    assert bericht.headers["Reply-To"] == "info@gemeente-voorbeeld.example"


def test_the_answer_date_is_written_in_dutch():
    import datetime

    assert services.datum_nl(datetime.date(2026, 11, 26)) == "26 november 2026"


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-KCC-Loop": "info@gemeente-voorbeeld.example"},
        {"List-Id": "<nieuws.example.nl>"},
    ],
)
def test_no_acknowledgement_for_automatic_or_quarantined_mail(headers):
    item, _ = ingest(make_mail(headers=headers))

    assert item.status in (InkomendeEmail.Status.AUTOMATISCH, InkomendeEmail.Status.QUARANTAINE)
    assert not acknowledgements().exists()


def test_no_acknowledgement_for_a_reply_in_a_thread():
    ingest(make_mail(message_id="<start@example.nl>"))
    ingest(make_mail(subject="Re: Vraag", headers={"In-Reply-To": "<start@example.nl>"}))

    assert acknowledgements().count() == 1


def test_a_sender_without_a_valid_address_gets_no_acknowledgement_but_a_note():
    item, _ = ingest(make_mail(sender="Onbekend <geen-adres>"))

    item.refresh_from_db()
    assert not acknowledgements().exists()
    assert "Geen ontvangstbevestiging" in item.verwerkingsnotities


def test_answering_queues_the_reply_registers_the_contact_and_closes_the_thread(jan, agent):
    item, _ = ingest(make_mail(message_id="<vraag-2@example.nl>"))
    follow_up, _ = ingest(
        make_mail(
            subject="Re: Vraag over mijn paspoort",
            body="Aanvulling: het is verlopen.",
            headers={"In-Reply-To": "<vraag-2@example.nl>"},
        )
    )

    antwoord = services.inkomende_email_answer(
        email=follow_up, medewerker=agent, tekst="U kunt het paspoort dinsdag ophalen."
    )

    bericht = Bericht.objects.get(uuid=antwoord.bericht_uuid)
    assert bericht.onderwerp == f"Re: Vraag over mijn paspoort [{item.referentie}]"
    assert bericht.inhoud.startswith("U kunt het paspoort dinsdag ophalen.")
    assert "> Aanvulling: het is verlopen." in bericht.inhoud
    assert bericht.headers["In-Reply-To"] == f"<{follow_up.message_id}>"
    assert "<vraag-2@example.nl>" in bericht.headers["References"]
    assert antwoord.message_id == message_id_for(bericht)
    contact = Klantcontact.objects.get(uuid=bericht.klantcontact_uuid)
    assert contact.kanaal == Kanaal.EMAIL
    assert contact.afhandeling == Afhandeling.DIRECT_BEANTWOORD
    assert contact.partij == jan
    assert contact.medewerker == agent
    assert contact.vragen.get().antwoord == "U kunt het paspoort dinsdag ophalen."
    for mail in (item, follow_up):
        mail.refresh_from_db()
        assert mail.status == InkomendeEmail.Status.BEANTWOORD
        assert mail.klantcontact == contact


def test_an_anonymous_sender_is_answered_with_an_anonymous_contact(agent):
    item, _ = ingest(make_mail())

    antwoord = services.inkomende_email_answer(email=item, medewerker=agent, tekst="Antwoord.")

    contact = Klantcontact.objects.get(
        uuid=Bericht.objects.get(uuid=antwoord.bericht_uuid).klantcontact_uuid
    )
    assert contact.partij is None


def test_a_reply_to_our_answer_threads_onto_the_item(agent):
    item, _ = ingest(make_mail())
    antwoord = services.inkomende_email_answer(email=item, medewerker=agent, tekst="Antwoord.")

    reply, _ = ingest(
        make_mail(subject="Re: iets anders", headers={"In-Reply-To": f"<{antwoord.message_id}>"})
    )

    assert reply.origineel == item
    assert reply.status == InkomendeEmail.Status.NIEUW


def test_a_claimed_mail_cannot_be_answered_by_a_colleague(agent, make_medewerker):
    collega = make_medewerker(KLANTCONTACTMEDEWERKER)
    item, _ = ingest(make_mail())
    services.inkomende_email_claim(email=item, medewerker=agent)

    with pytest.raises(ValidationError, match="al opgepakt"):
        services.inkomende_email_answer(email=item, medewerker=collega, tekst="Ook een antwoord.")
    with pytest.raises(ValidationError, match="al opgepakt"):
        services.inkomende_email_claim(email=item, medewerker=collega)

    assert not EmailAntwoord.objects.exists()
    services.inkomende_email_release(email=item, medewerker=agent)
    assert services.inkomende_email_claim(email=item, medewerker=collega).behandelaar == collega


def test_an_answered_mail_cannot_be_answered_again(agent):
    item, _ = ingest(make_mail())
    services.inkomende_email_answer(email=item, medewerker=agent, tekst="Antwoord.")

    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.inkomende_email_answer(email=item, medewerker=agent, tekst="Nog eens.")
    assert EmailAntwoord.objects.count() == 1


def test_forwarding_creates_a_contactverzoek_for_the_afdeling(jan, agent):
    belastingen = AfdelingFactory(naam="Belastingen", code="belastingen")
    item, _ = ingest(make_mail(subject="Bezwaar WOZ"))

    services.inkomende_email_forward(
        email=item, medewerker=agent, afdeling=belastingen, toelichting="Graag voor vrijdag."
    )

    item.refresh_from_db()
    assert item.status == InkomendeEmail.Status.DOORGESTUURD
    verzoek = Contactverzoek.objects.get()
    assert verzoek.afdeling == belastingen
    assert verzoek.email == "jan.devries@example.nl"
    assert item.referentie in verzoek.gevraagde_handeling
    assert verzoek.klantcontact.kanaal == Kanaal.EMAIL
    assert verzoek.klantcontact.afhandeling == Afhandeling.DOORVERBONDEN
    assert verzoek.klantcontact.partij == jan


def test_closing_needs_a_reason_and_registers_no_contact(agent):
    item, _ = ingest(make_mail())

    with pytest.raises(ValidationError):
        services.inkomende_email_close(email=item, medewerker=agent, reden=" ")
    services.inkomende_email_close(email=item, medewerker=agent, reden="Spam")

    item.refresh_from_db()
    assert item.status == InkomendeEmail.Status.GESLOTEN
    assert item.afhandeling_toelichting == "Spam"
    assert not Klantcontact.objects.exists()
