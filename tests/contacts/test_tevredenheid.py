"""Satisfaction survey after a contact: who gets one, through the outbox, answered once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from contacts import services
from contacts.models import Kanaal, Tevredenheidsmeting
from contacts.services import VraagData, klantcontact_register
from kcc.berichtsjablonen import default_text
from kcc.models import Bericht, BerichtSjabloon
from tests.contacts.factories import EmailFactory, PersoonFactory, TevredenheidsmetingFactory

pytestmark = pytest.mark.django_db


def _register(agent, partij, kanaal=Kanaal.TELEFOON, **kwargs):
    return klantcontact_register(
        medewerker=agent,
        partij=partij,
        kanaal=kanaal,
        vragen=[
            VraagData(
                onderwerp="Afvalkalender",
                vraag="Wanneer wordt het papier opgehaald?",
                antwoord="Elke tweede dinsdag.",
                afhandeling="direct_beantwoord",
            )
        ],
        **kwargs,
    )


def test_phone_contact_queues_one_survey_with_an_unguessable_link(agent, settings):
    email = EmailFactory(adres="j.de.vries@example.nl")

    klantcontact = _register(agent, email.partij)

    meting = Tevredenheidsmeting.objects.get()
    assert meting.klantcontact == klantcontact and meting.partij == email.partij
    assert meting.score is None and len(meting.token) >= 40
    bericht = Bericht.objects.get(klantcontact_uuid=klantcontact.uuid)
    assert bericht.kanaal == Bericht.Kanaal.EMAIL
    assert bericht.ontvanger == "j.de.vries@example.nl"
    assert f"{settings.KCC_PUBLIC_URL}/tevredenheid/{meting.token}" in bericht.inhoud
    assert bericht.partij_uuid == email.partij.uuid


def test_the_invitation_is_the_beheerders_template(agent, settings):
    # Seeded by a migration; transactional tests elsewhere may have emptied the table.
    onderwerp, inhoud = default_text("tevredenheid_uitnodiging", "email")
    template = BerichtSjabloon.objects.get_or_create(
        code="tevredenheid_uitnodiging",
        kanaal="email",
        defaults={"onderwerp": onderwerp, "inhoud": inhoud},
    )[0]
    template.onderwerp = "Uw mening over {{ contactdatum|date:'j F' }}"
    template.inhoud = "Hallo {{ naam }}, u belde ons ({{ kanaal }}). Klik: {{ tevredenheid_url }}"
    template.full_clean()
    template.save()
    email = EmailFactory(adres="s.visser@example.nl")
    moment = timezone.now() - datetime.timedelta(hours=2)

    klantcontact = _register(agent, email.partij, plaatsgevonden_op=moment)

    meting = Tevredenheidsmeting.objects.get()
    bericht = Bericht.objects.get(klantcontact_uuid=klantcontact.uuid)
    with translation.override("nl"):
        dag = formats.date_format(timezone.localdate(moment), "j F")
    assert bericht.onderwerp == f"Uw mening over {dag}"
    assert bericht.inhoud == (
        f"Hallo {email.partij.naam}, u belde ons (telefoon). "
        f"Klik: {settings.KCC_PUBLIC_URL}/tevredenheid/{meting.token}"
    )


@pytest.mark.parametrize("kanaal", ["telefoon", "balie", "e-mail", "chat"])
def test_default_kanalen_send_a_survey(agent, kanaal):
    _register(agent, EmailFactory().partij, kanaal=kanaal)
    assert Tevredenheidsmeting.objects.count() == 1


@pytest.mark.parametrize("kanaal", ["post", "webformulier"])
def test_other_kanalen_do_not(agent, kanaal):
    _register(agent, EmailFactory().partij, kanaal=kanaal)
    assert not Tevredenheidsmeting.objects.exists()
    assert not Bericht.objects.exists()


def test_the_kanalen_are_a_setting(agent, settings):
    settings.KCC_TEVREDENHEID_KANALEN = ["post"]
    partij = EmailFactory().partij
    _register(agent, partij, kanaal=Kanaal.TELEFOON)
    assert not Tevredenheidsmeting.objects.exists()
    _register(agent, partij, kanaal=Kanaal.POST)
    assert Tevredenheidsmeting.objects.get().klantcontact.kanaal == Kanaal.POST


def test_no_survey_without_an_email_address_or_for_an_anonymous_contact(agent):
    _register(agent, PersoonFactory())
    _register(agent, None)
    assert not Tevredenheidsmeting.objects.exists()
    assert not Bericht.objects.exists()


def test_an_unchecked_invalid_address_is_passed_over_for_a_valid_one(agent):
    # Imported addresses were not validated; the first one that is an address gets it.
    partij = EmailFactory(adres="geen-adres").partij
    EmailFactory(partij=partij, adres="klant@example.nl")
    _register(agent, partij)
    assert Bericht.objects.get().ontvanger == "klant@example.nl"


def test_no_survey_for_a_back_dated_registration(agent):
    _register(
        agent,
        EmailFactory().partij,
        plaatsgevonden_op=timezone.now() - datetime.timedelta(days=3),
    )
    assert not Tevredenheidsmeting.objects.exists()


def test_at_most_once_per_partij_per_n_days(agent, settings):
    settings.KCC_TEVREDENHEID_DAGEN = 30
    partij = EmailFactory().partij
    _register(agent, partij)
    _register(agent, partij, kanaal=Kanaal.BALIE)
    assert Tevredenheidsmeting.objects.count() == 1
    assert Bericht.objects.count() == 1

    Tevredenheidsmeting.objects.update(verstuurd_op=timezone.now() - datetime.timedelta(days=31))
    _register(agent, partij)
    assert Tevredenheidsmeting.objects.count() == 2


def test_the_answer_is_stored_once():
    meting = TevredenheidsmetingFactory()

    services.tevredenheidsmeting_answer(token=meting.token, score=4, toelichting=" Snel geholpen ")

    with pytest.raises(services.AlBeantwoord):
        services.tevredenheidsmeting_answer(token=meting.token, score=1)
    meting.refresh_from_db()
    assert (meting.score, meting.toelichting) == (4, "Snel geholpen")
    assert meting.beantwoord_op is not None


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_outside_1_to_5_is_refused(score):
    meting = TevredenheidsmetingFactory()
    with pytest.raises(ValidationError) as error:
        services.tevredenheidsmeting_answer(token=meting.token, score=score)
    assert "score" in error.value.message_dict
    meting.refresh_from_db()
    assert meting.score is None and meting.beantwoord_op is None


def test_an_unknown_token_is_refused():
    with pytest.raises(Tevredenheidsmeting.DoesNotExist):
        services.tevredenheidsmeting_answer(token="bestaat-niet", score=3)
