"""Free slots and booking: capacity minus bookings, closed days, bad input, cancel
and reschedule giving the place back."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from kanalen.afspraken import selectors, services
from kanalen.models import Afspraak, AfspraakSlot
from kcc.models import Bericht, SluitingsDag
from tests.kanalen.afspraken_helpers import om, werkdag_na
from tests.kanalen.factories import AfspraakAanbodFactory

pytestmark = pytest.mark.django_db


def _book(aanbod, begin, **extra):
    return services.afspraak_book(
        product=aanbod.product,
        locatie=aanbod.locatie,
        begin=begin,
        naam=extra.pop("naam", "Fleur van 't Hof"),
        email=extra.pop("email", "fleur@example.nl"),
        **extra,
    )


def test_free_slots_follow_the_block_and_the_product_duration():
    aanbod = AfspraakAanbodFactory()  # 09:00-12:00, 2 desks, 30 minutes
    day = werkdag_na()

    tijden = selectors.vrije_tijdsloten(product=aanbod.product, locatie=aanbod.locatie, datum=day)

    assert tijden[0] == om(day, 9)
    # 30 minutes need two 15-minute slots: the last start is 11:30.
    assert tijden[-1] == om(day, 11, 30)
    assert len(tijden) == 11


def test_a_full_slot_is_no_longer_offered():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()
    _book(aanbod, om(day, 10))
    _book(aanbod, om(day, 10), naam="Jan de Vries", email="jan@example.nl")

    tijden = selectors.vrije_tijdsloten(product=aanbod.product, locatie=aanbod.locatie, datum=day)

    # 10:00 and 10:15 are full: starting at 9:45 or 10:15 would overlap them too.
    assert om(day, 10) not in tijden
    assert om(day, 9, 45) not in tijden
    assert om(day, 10, 15) not in tijden
    assert om(day, 10, 30) in tijden
    assert AfspraakSlot.objects.get(locatie=aanbod.locatie, begin=om(day, 10)).geboekt == 2
    with pytest.raises(ValidationError) as exc:
        _book(aanbod, om(day, 10), naam="Derde klant", email="derde@example.nl")
    assert exc.value.message_dict["begin"] == [services.FULL]


def test_closed_days_and_weekends_have_no_slots():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()
    SluitingsDag.objects.create(datum=day, omschrijving="Personeelsdag")

    assert (
        selectors.vrije_tijdsloten(product=aanbod.product, locatie=aanbod.locatie, datum=day) == []
    )
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    assert (
        selectors.vrije_tijdsloten(product=aanbod.product, locatie=aanbod.locatie, datum=saturday)
        == []
    )
    with pytest.raises(ValidationError) as exc:
        _book(aanbod, om(day, 10))
    assert "begin" in exc.value.message_dict


def test_bad_input_stores_nothing():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()

    with pytest.raises(ValidationError) as exc:
        _book(aanbod, om(day, 10), naam=" ", email="geen-adres", telefoon="12")

    assert set(exc.value.message_dict) == {"naam", "email", "telefoon"}
    assert not Afspraak.objects.exists()
    assert not AfspraakSlot.objects.filter(geboekt__gt=0).exists()
    assert not Bericht.objects.exists()


def test_a_time_outside_the_schedule_or_too_far_ahead_is_refused():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()

    with pytest.raises(ValidationError) as exc:
        _book(aanbod, om(day, 11, 45))  # 30 minutes do not fit before 12:00
    with pytest.raises(ValidationError, match="dagen vooruit"):
        _book(aanbod, om(werkdag_na(selectors.BOOKING_HORIZON_DAYS + 1), 10))

    assert "begin" in exc.value.message_dict
    assert not Afspraak.objects.exists()


def test_booking_queues_the_confirmation_with_a_calendar_file():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()

    afspraak = _book(aanbod, om(day, 9, 30), telefoon="06 1234 5678")

    bericht = Bericht.objects.get(ontvanger="fleur@example.nl")
    assert afspraak.code in bericht.inhoud
    assert f"/afspraak/beheer/{afspraak.token}/" in bericht.inhoud
    bijlage = bericht.bijlagen.get()
    assert bijlage.formaat == "text/calendar"
    event = Calendar.from_ical(bijlage.bestand.read()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == afspraak.begin
    assert event.decoded("dtend") == om(day, 10)
    assert str(event["location"]) == aanbod.locatie.naam
    assert len(afspraak.token) >= 40


def test_cancel_frees_the_place_and_sends_a_cancellation():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()
    afspraak = _book(aanbod, om(day, 10))

    services.afspraak_cancel(afspraak=afspraak)

    assert AfspraakSlot.objects.filter(locatie=aanbod.locatie, geboekt__gt=0).count() == 0
    afspraak.refresh_from_db()
    assert afspraak.status == Afspraak.Status.GEANNULEERD
    annulering = Bericht.objects.get(aanleiding__endswith="annulering")
    event = Calendar.from_ical(annulering.bijlagen.get().bestand.read())
    assert str(event["method"]) == "CANCEL"
    with pytest.raises(ValidationError):
        services.afspraak_cancel(afspraak=afspraak)


def test_reschedule_moves_the_booking():
    aanbod = AfspraakAanbodFactory()
    day = werkdag_na()
    afspraak = _book(aanbod, om(day, 10))

    services.afspraak_reschedule(afspraak=afspraak, begin=om(day, 11))

    geboekt = dict(
        AfspraakSlot.objects.filter(locatie=aanbod.locatie).values_list("begin", "geboekt")
    )
    assert geboekt[om(day, 10)] == 0
    assert geboekt[om(day, 11)] == 1
    assert geboekt[om(day, 11, 15)] == 1
    afspraak.refresh_from_db()
    assert afspraak.eind == om(day, 11, 30)
    assert Bericht.objects.filter(aanleiding__endswith="verzet").count() == 1
