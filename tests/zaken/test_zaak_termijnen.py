"""Opschorting and verlenging move the deadlines in the zaaktype's unit, over weekends
and holidays (kcc.calendar)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kcc.models import Eenheid
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import services
from zaken.models import Zaak, ZaakNotitie

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
FRIDAY = datetime.datetime(2026, 3, 6, 10, 0, tzinfo=AMS)
MONDAY = datetime.datetime(2026, 3, 9, 11, 0, tzinfo=AMS)


def _zaak(unit, *, deadline, gepland=None, **fields):
    zaaktype = make_zaaktype(
        termijn_eenheid=unit, opschorting_en_aanhouding_mogelijk=True, **fields
    )
    zaak = make_zaak(zaaktype=zaaktype)
    Zaak.objects.filter(pk=zaak.pk).update(
        uiterlijke_einddatum_afdoening=deadline, einddatum_gepland=gepland or deadline
    )
    zaak.refresh_from_db()
    return zaak


def _suspend(zaak, since):
    services.zaak_opschorten(zaak=zaak, reden="Wacht op tekening van de aanvrager", door=None)
    Zaak.objects.filter(pk=zaak.pk).update(opschorting_sinds=since)
    zaak.refresh_from_db()


@pytest.mark.parametrize(
    ("unit", "deadline", "expected"),
    [
        # Friday → Monday is one werkdag: Wednesday becomes Thursday.
        (Eenheid.WERKDAGEN, datetime.date(2026, 3, 18), datetime.date(2026, 3, 19)),
        # A deadline on Friday moves over the weekend to Monday.
        (Eenheid.WERKDAGEN, datetime.date(2026, 3, 20), datetime.date(2026, 3, 23)),
        # Three calendar days from Thursday is Sunday: the term ends on Monday.
        (Eenheid.KALENDERDAGEN, datetime.date(2026, 3, 19), datetime.date(2026, 3, 23)),
    ],
)
def test_resume_moves_the_deadline_by_the_suspended_time(unit, deadline, expected):
    zaak = _zaak(unit, deadline=deadline)
    _suspend(zaak, FRIDAY)

    zaak = services.zaak_hervatten(zaak=zaak, door=None, hervat_op=MONDAY)

    assert zaak.uiterlijke_einddatum_afdoening == expected
    assert zaak.einddatum_gepland == expected
    assert not zaak.opschorting_indicatie
    assert zaak.opschorting_sinds is None
    assert zaak.notities.filter(soort=ZaakNotitie.Soort.HERVAT).exists()


def test_suspension_within_one_day_does_not_move_a_werkdagen_deadline():
    zaak = _zaak(Eenheid.WERKDAGEN, deadline=datetime.date(2026, 3, 18))
    _suspend(zaak, FRIDAY)
    zaak = services.zaak_hervatten(zaak=zaak, door=None, hervat_op=FRIDAY.replace(hour=16))
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2026, 3, 18)


def test_werkdagen_extension_skips_easter():
    zaak = _zaak(
        Eenheid.WERKDAGEN,
        deadline=datetime.date(2026, 4, 2),  # Thursday before Good Friday
        verlenging_mogelijk=True,
        verlengingstermijn=5,
    )
    zaak = services.zaak_verlengen(zaak=zaak, reden="Advies brandweer nodig", duur=1, door=None)
    # Good Friday, the weekend and Easter Monday do not count.
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2026, 4, 7)
    assert zaak.verlenging_duur == 1
    assert zaak.notities.filter(soort=ZaakNotitie.Soort.VERLENGD).exists()


def test_kalenderdagen_extension_ending_on_sunday_ends_on_monday():
    zaak = _zaak(
        Eenheid.KALENDERDAGEN,
        deadline=datetime.date(2026, 3, 19),
        verlenging_mogelijk=True,
        verlengingstermijn=14,
    )
    zaak = services.zaak_verlengen(zaak=zaak, reden="Zienswijze", duur=3, door=None)
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2026, 3, 23)


def test_second_extension_is_refused_and_changes_nothing():
    zaak = _zaak(
        Eenheid.WERKDAGEN,
        deadline=datetime.date(2026, 3, 18),
        verlenging_mogelijk=True,
        verlengingstermijn=10,
    )
    zaak = services.zaak_verlengen(zaak=zaak, reden="Advies", duur=5, door=None)
    with pytest.raises(ValidationError) as exc:
        services.zaak_verlengen(zaak=zaak, reden="Nog meer advies", duur=2, door=None)
    assert "maar één keer" in exc.value.message_dict["duur"][0]
    zaak.refresh_from_db()
    assert zaak.verlenging_duur == 5
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2026, 3, 25)


def test_extension_longer_than_allowed_is_refused():
    zaak = _zaak(
        Eenheid.WERKDAGEN,
        deadline=datetime.date(2026, 3, 18),
        verlenging_mogelijk=True,
        verlengingstermijn=10,
    )
    with pytest.raises(ValidationError) as exc:
        services.zaak_verlengen(zaak=zaak, reden="Advies", duur=11, door=None)
    assert exc.value.message_dict["duur"] == ["De verlenging mag hoogstens 10 werkdagen zijn."]
    zaak.refresh_from_db()
    assert zaak.verlenging_duur is None


def test_extension_on_a_zaaktype_that_does_not_allow_it_is_refused():
    zaak = _zaak(Eenheid.WERKDAGEN, deadline=datetime.date(2026, 3, 18))
    with pytest.raises(ValidationError) as exc:
        services.zaak_verlengen(zaak=zaak, reden="Advies", duur=2, door=None)
    assert exc.value.message_dict["duur"] == ["Dit zaaktype kan niet worden verlengd."]
    zaak.refresh_from_db()
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2026, 3, 18)


def test_suspend_twice_or_resume_unsuspended_is_refused():
    zaak = _zaak(Eenheid.WERKDAGEN, deadline=datetime.date(2026, 3, 18))
    with pytest.raises(ValidationError, match="niet opgeschort"):
        services.zaak_hervatten(zaak=zaak, door=None)
    _suspend(zaak, FRIDAY)
    with pytest.raises(ValidationError, match="al opgeschort"):
        services.zaak_opschorten(zaak=zaak, reden="Nogmaals", door=None)


def test_zaaktype_without_opschorting_cannot_be_suspended():
    zaak = make_zaak(zaaktype=make_zaaktype(opschorting_en_aanhouding_mogelijk=False))
    with pytest.raises(ValidationError, match="kan niet worden opgeschort"):
        services.zaak_opschorten(zaak=zaak, reden="Wacht", door=None)
    zaak.refresh_from_db()
    assert not zaak.opschorting_indicatie
