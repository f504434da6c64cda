import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import Contactverzoek, Klantcontact, Vraag
from contacts.services import (
    ContactverzoekData,
    VraagData,
    _default_deadline,
    contactverzoek_claim,
    contactverzoek_complete,
    klantcontact_register,
)
from kcc.models import Eenheid, Servicenorm
from tests.contacts.factories import ContactverzoekFactory, PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


def test_contact_with_two_questions_one_turned_into_a_contactverzoek(agent):
    partij = PersoonFactory()
    product = ProductFactory(naam="Paspoort")
    burgerzaken = AfdelingFactory(code="burgerzaken", naam="Burgerzaken")
    klantcontact = klantcontact_register(
        medewerker=agent,
        partij=partij,
        kanaal="telefoon",
        vragen=[
            VraagData(
                product=product,
                vraag="Hoe lang is mijn paspoort geldig?",
                antwoord="Tien jaar.",
                afhandeling="direct_beantwoord",
            ),
            VraagData(
                onderwerp="Verhuizing",
                vraag="Is mijn verhuizing verwerkt?",
                afhandeling="terugbelverzoek",
                contactverzoek=ContactverzoekData(
                    gevraagde_handeling="Terugbellen over verhuizing",
                    afdeling=burgerzaken,
                    terugbelnummer="06-12345678",
                ),
            ),
        ],
    )
    assert klantcontact.onderwerp == "Paspoort"
    assert klantcontact.afhandeling == "direct_beantwoord"
    assert list(klantcontact.vragen.values_list("volgnummer", "onderwerp")) == [
        (1, "Paspoort"),
        (2, "Verhuizing"),
    ]
    verzoek = Contactverzoek.objects.get()
    assert verzoek.vraag.volgnummer == 2
    assert verzoek.terugbelnummer == "+31612345678"
    assert verzoek.status == "te_verwerken"
    assert verzoek.deadline > timezone.now()
    assert list(verzoek.gebeurtenissen.values_list("soort", flat=True)) == ["aangemaakt"]


def test_anonymous_contact_is_allowed(agent):
    klantcontact = klantcontact_register(
        medewerker=agent,
        kanaal="balie",
        vragen=[VraagData(onderwerp="Afval", vraag="Wanneer?", afhandeling="direct_beantwoord")],
    )
    assert klantcontact.partij is None


def test_bad_input_stores_nothing_and_names_each_field(agent):
    with pytest.raises(ValidationError) as error:
        klantcontact_register(
            medewerker=agent,
            kanaal="duif",
            vragen=[
                VraagData(onderwerp="Afval", vraag="Wanneer?", afhandeling="direct_beantwoord"),
                VraagData(onderwerp="", vraag="", afhandeling="terugbelverzoek"),
                VraagData(
                    onderwerp="X",
                    vraag="Y",
                    afhandeling="terugbelverzoek",
                    contactverzoek=ContactverzoekData(gevraagde_handeling="", terugbelnummer="12"),
                ),
            ],
        )
    errors = error.value.message_dict
    assert set(errors) == {
        "kanaal",
        "vragen.1.vraag",
        "vragen.1.onderwerp",
        "vragen.1.afdeling",
        "vragen.2.contactverzoek.afdeling",
        "vragen.2.contactverzoek.gevraagde_handeling",
        "vragen.2.contactverzoek.terugbelnummer",
    }
    assert not Klantcontact.objects.exists()
    assert not Vraag.objects.exists()


def test_no_questions_is_an_error(agent):
    with pytest.raises(ValidationError, match="ten minste één vraag"):
        klantcontact_register(medewerker=agent, kanaal="telefoon", vragen=[])


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), datetime.date(2026, 11, 24)),
        (datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC), datetime.date(2026, 11, 30)),
        (datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC), datetime.date(2026, 11, 30)),
        # Christmas: Thursday → past both Christmas days and the weekend.
        (datetime.datetime(2026, 12, 24, 10, 0, tzinfo=datetime.UTC), datetime.date(2026, 12, 28)),
    ],
)
def test_default_deadline_is_the_callback_norm_of_one_working_day(start, expected):
    deadline = _default_deadline(start).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert (deadline.date(), deadline.hour, deadline.minute) == (expected, 23, 59)


def test_default_deadline_follows_the_kwaliteitshandvest():
    Servicenorm.objects.create(
        kanaal=Servicenorm.Kanaal.CONTACTVERZOEK, termijn=3, eenheid=Eenheid.WERKDAGEN
    )
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    assert _default_deadline(start).date() == datetime.date(2026, 11, 26)


def test_contactverzoek_is_claimed_then_completed(make_medewerker):
    from kcc import roles

    backoffice = make_medewerker(roles.BACKOFFICE)
    verzoek = ContactverzoekFactory()
    verzoek = contactverzoek_claim(contactverzoek=verzoek, medewerker=backoffice)
    assert (verzoek.status, verzoek.medewerker) == ("in_behandeling", backoffice)
    with pytest.raises(ValidationError, match="nog te verwerken"):
        contactverzoek_claim(contactverzoek=verzoek, medewerker=backoffice)
    verzoek = contactverzoek_complete(
        contactverzoek=verzoek, medewerker=backoffice, toelichting="Teruggebeld."
    )
    assert verzoek.status == "verwerkt"
    assert verzoek.afgehandeld_op is not None
    assert list(verzoek.gebeurtenissen.values_list("soort", flat=True)) == [
        "opgepakt",
        "afgehandeld",
    ]
    with pytest.raises(ValidationError, match="al verwerkt"):
        contactverzoek_complete(contactverzoek=verzoek, medewerker=backoffice)


def test_the_same_form_posted_twice_registers_one_contact(agent):
    import uuid

    form_uuid = uuid.uuid4()
    kwargs = {
        "medewerker": agent,
        "kanaal": "telefoon",
        "vragen": [VraagData(onderwerp="Afval", vraag="Wanneer?", afhandeling="direct_beantwoord")],
        "uuid": form_uuid,
    }
    first = klantcontact_register(**kwargs)
    second = klantcontact_register(**kwargs)
    assert first.pk == second.pk
    assert Klantcontact.objects.count() == 1


def test_contactverzoek_goes_to_the_products_afdeling_by_default(agent):
    product = ProductFactory()
    klantcontact_register(
        medewerker=agent,
        kanaal="telefoon",
        vragen=[
            VraagData(
                product=product,
                vraag="Kan ik teruggebeld worden?",
                afhandeling="terugbelverzoek",
                contactverzoek=ContactverzoekData(gevraagde_handeling="Terugbellen"),
            )
        ],
    )
    assert Contactverzoek.objects.get().afdeling == product.behandelende_afdeling


def test_coming_back_about_the_same_subject_marks_the_earlier_contact(agent, settings):
    settings.KCC_FCR_DAYS = 7
    partij = PersoonFactory()
    product = ProductFactory()
    now = timezone.now()

    def register(days_ago, **vraag):
        return klantcontact_register(
            medewerker=agent,
            partij=partij,
            kanaal="telefoon",
            plaatsgevonden_op=now - datetime.timedelta(days=days_ago),
            vragen=[VraagData(vraag="?", afhandeling="direct_beantwoord", **vraag)],
        )

    lang_geleden = register(20, product=product)
    vorige_week = register(5, product=product)
    ander_onderwerp = register(4, onderwerp="Afval")
    zelfde_tekst = register(3, onderwerp="afval")
    nu = register(0, product=product)
    for contact in (lang_geleden, vorige_week, ander_onderwerp, zelfde_tekst, nu):
        contact.refresh_from_db()
    assert lang_geleden.in_een_keer_opgelost is True
    assert vorige_week.in_een_keer_opgelost is False
    assert ander_onderwerp.in_een_keer_opgelost is False  # "afval" came back 1 day later
    assert zelfde_tekst.in_een_keer_opgelost is True
    assert nu.in_een_keer_opgelost is True
