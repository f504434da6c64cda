"""At the counter: check in with the code at the kiosk, appointments called first
from their time on, no-shows, and the reminder the day before (once)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kanalen.afspraken import selectors, services
from kanalen.balie import services as balie_services
from kanalen.models import Afspraak, Ticket
from kanalen.tasks import mark_afspraken_no_show, send_afspraak_herinneringen
from kcc import roles
from kcc.models import Bericht
from tests.kanalen.afspraken_helpers import afspraak_op, om, werkdag_na
from tests.kanalen.factories import AfspraakAanbodFactory, BalieFactory, BalieLocatieFactory

pytestmark = pytest.mark.django_db


def test_check_in_gives_a_ticket_marked_as_appointment():
    aanbod = AfspraakAanbodFactory()
    afspraak = afspraak_op(aanbod, timezone.now() + datetime.timedelta(minutes=10))

    ticket = services.afspraak_check_in(locatie=aanbod.locatie, code=" k7m2qx ")

    assert ticket.productgroep == aanbod.productgroep
    assert ticket.status == Ticket.Status.WACHTEND
    afspraak.refresh_from_db()
    assert afspraak.status == Afspraak.Status.INGECHECKT
    assert afspraak.ticket == ticket
    # Twice: the same ticket, not a second one.
    assert services.afspraak_check_in(locatie=aanbod.locatie, code="K7M2QX") == ticket
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(120, "U kunt inchecken vanaf"), (-30, "u bent te laat")],
)
def test_check_in_too_early_or_too_late_is_refused(minutes, message):
    aanbod = AfspraakAanbodFactory()
    begin = timezone.now() + datetime.timedelta(minutes=minutes)
    if timezone.localtime(begin).date() != timezone.localdate():
        pytest.skip("the window crosses midnight at this hour")
    afspraak_op(aanbod, begin)

    with pytest.raises(ValidationError) as exc:
        services.afspraak_check_in(locatie=aanbod.locatie, code="K7M2QX")

    assert message in exc.value.message_dict["code"][0]
    assert not Ticket.objects.exists()


def test_check_in_with_an_unknown_code_or_at_another_location():
    aanbod = AfspraakAanbodFactory()
    afspraak_op(aanbod, timezone.now() + datetime.timedelta(minutes=5))

    with pytest.raises(ValidationError, match="kennen wij niet"):
        services.afspraak_check_in(locatie=aanbod.locatie, code="ZZZZZZ")
    with pytest.raises(ValidationError, match=f"andere locatie: {aanbod.locatie.naam}"):
        services.afspraak_check_in(locatie=BalieLocatieFactory(), code="K7M2QX")


def test_an_appointment_whose_time_has_come_is_called_before_walk_ins(make_medewerker, client):
    aanbod = AfspraakAanbodFactory()
    walk_in = balie_services.ticket_create(productgroep=aanbod.productgroep)
    afspraak_op(aanbod, timezone.now() - datetime.timedelta(minutes=1))
    afspraak_ticket = services.afspraak_check_in(locatie=aanbod.locatie, code="K7M2QX")
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, vaardigheden=["burgerzaken"])
    balie_services.balie_take(medewerker=agent, balie=BalieFactory(locatie=aanbod.locatie))

    called = balie_services.ticket_call_next(medewerker=agent)

    assert called == afspraak_ticket
    assert walk_in.aangemaakt_op < afspraak_ticket.aangemaakt_op
    client.force_login(agent.user)
    desk = client.get("/balie/").content.decode()
    assert 'id="huidig-afspraak"' in desk
    assert "K7M2QX" in desk


def test_no_show_by_hand_and_by_the_sweep():
    aanbod = AfspraakAanbodFactory()
    now = timezone.now()
    te_laat = afspraak_op(aanbod, now - datetime.timedelta(minutes=20))
    net_begonnen = afspraak_op(
        aanbod, now - datetime.timedelta(minutes=5), code="AAAAAA", token="a" * 43
    )
    straks = afspraak_op(aanbod, now + datetime.timedelta(hours=1), code="BBBBBB", token="b" * 43)

    assert mark_afspraken_no_show() == 1

    te_laat.refresh_from_db()
    assert te_laat.status == Afspraak.Status.NO_SHOW
    services.afspraak_no_show(afspraak=net_begonnen)
    net_begonnen.refresh_from_db()
    assert net_begonnen.status == Afspraak.Status.NO_SHOW
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        services.afspraak_no_show(afspraak=straks)
    overzicht = selectors.capaciteit_overzicht(
        locatie=aanbod.locatie, datum=timezone.localtime(straks.begin).date()
    )
    assert overzicht["totaal"]["gepland"] == 1


def test_the_reminder_goes_once_the_day_before():
    aanbod = AfspraakAanbodFactory()
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    afspraak = afspraak_op(aanbod, om(morgen, 10))
    afspraak_op(aanbod, om(werkdag_na(3), 10), code="CCCCCC", token="c" * 43)

    assert send_afspraak_herinneringen() == 1
    assert send_afspraak_herinneringen() == 0

    herinnering = Bericht.objects.get(aanleiding__endswith="herinnering")
    assert herinnering.ontvanger == afspraak.email
    assert afspraak.code in herinnering.inhoud
    assert herinnering.bijlagen.get().bestandsnaam == "afspraak.ics"
