"""Done when (c): time moves across a long holiday weekend and every warning and breach
fires exactly once, at the right moment.

Hemelvaart 2027: Wednesday 5 May (Bevrijdingsdag, counted by the Algemene
termijnenwet), Thursday 6 May (Hemelvaartsdag), Friday 7 May (a closing day of the
municipality) and the weekend: closed from Tuesday evening until Monday 10 May.
Pinkstermaandag (17 May) follows a week later. The sweep is called every half hour
with an explicit `now` (every hour over the long run).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest

from contacts import services as contacts_services
from contacts.models import Contactverzoek
from kanalen.models import InkomendeEmail
from kanalen.services import email_antwoord_deadline, inkomende_email_ingest
from kcc import sla
from kcc.calendar import end_of_day, is_werkdag
from kcc.models import Eenheid, Notificatie, SlaGebeurtenis, SlaSoort, SlaSweepStand, SluitingsDag
from kcc.services import sla_sweep
from tests.contacts.factories import KlantcontactFactory
from tests.factories import MedewerkerFactory
from tests.kanalen.conftest import make_mail
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import services as zaken_services
from zaken.models import Zaak

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
W, V, X, E = (
    SlaSoort.WAARSCHUWING,
    SlaSoort.VANDAAG_VERLOPEND,
    SlaSoort.VERLOPEN,
    SlaSoort.ERNSTIG_VERLOPEN,
)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.KCC_OPENINGSTIJDEN = "08:30-17:00"
    settings.KCC_SLA_WAARSCHUWING_PERCENTAGE = 75
    settings.KCC_SLA_INHAALPERIODE_UREN = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    SluitingsDag.objects.create(datum=datetime.date(2027, 5, 7), omschrijving="Dag na Hemelvaart")


def _started(model, item, start, einde, **fields):
    """Put an item taken in today back to `start`, with the thresholds its service
    would have stored then for a term ending at `einde`."""
    model.objects.filter(pk=item.pk).update(**fields, **sla.drempels(start, einde).as_fields())
    item.refresh_from_db()
    return item


def _zaak(behandelaar=None, **zaaktype_fields):
    """A zaak of 5 werkdagen started Monday 3 May: deadline Thursday 13 May."""
    zaaktype = make_zaaktype(doorlooptijd=5, termijn_eenheid=Eenheid.WERKDAGEN, **zaaktype_fields)
    zaak = make_zaak(zaaktype=zaaktype)
    start_day, deadline_day = datetime.date(2027, 5, 3), datetime.date(2027, 5, 13)
    return _started(
        Zaak,
        zaak,
        at(start_day.year, start_day.month, start_day.day),
        end_of_day(deadline_day),
        startdatum=start_day,
        uiterlijke_einddatum_afdoening=deadline_day,
        behandelaar=behandelaar,
    )


def _sweep_until(end: datetime.datetime, start: datetime.datetime, *, step_minutes=30):
    """Sweep every step; returns {(object_uuid, soort): the sweep's now that recorded it}."""
    seen = {}
    now = start
    while now <= end:
        before = set(SlaGebeurtenis.objects.values_list("pk", flat=True))
        sla_sweep(now=now)
        for gebeurtenis in SlaGebeurtenis.objects.exclude(pk__in=before):
            key = (gebeurtenis.object_uuid, gebeurtenis.soort)
            assert key not in seen, f"{key} fired twice"
            seen[key] = now
        now += datetime.timedelta(minutes=step_minutes)
    return seen


def test_warnings_and_breaches_fire_once_at_the_right_moments_across_hemelvaart():
    behandelaar = MedewerkerFactory()
    zaak = _zaak(behandelaar=behandelaar)
    # A callback request (1 werkdag) made Tuesday 4 May at 15:00: due Monday 10 May.
    verzoek = contacts_services.contactverzoek_create(
        klantcontact=KlantcontactFactory(),
        data=contacts_services.ContactverzoekData(
            gevraagde_handeling="Terugbellen over de afvalpas", medewerker=behandelaar
        ),
        door=None,
    )
    verzoek = _started(
        Contactverzoek,
        verzoek,
        at(2027, 5, 4, 15, 0),
        end_of_day(datetime.date(2027, 5, 10)),
        deadline=end_of_day(datetime.date(2027, 5, 10)),
    )
    # An e-mail received Tuesday 4 May at 10:00: 2 werkdagen → Tuesday 11 May.
    email, _ = inkomende_email_ingest(raw=make_mail().as_bytes(), bron=InkomendeEmail.Bron.API)
    ontvangen = at(2027, 5, 4, 10, 0)
    assert email_antwoord_deadline(ontvangen) == datetime.date(2027, 5, 11)
    email = _started(
        InkomendeEmail,
        email,
        ontvangen,
        end_of_day(datetime.date(2027, 5, 11)),
        ontvangen_op=ontvangen,
        deadline=datetime.date(2027, 5, 11),
        behandelaar=behandelaar,
    )

    seen = _sweep_until(at(2027, 6, 2, 18, 0), start=at(2027, 5, 3, 0, 0), step_minutes=60)

    expected = {
        # Zaak: 6 werkdagen of 8.5 h = 51 h; 75% = 38.25 h → Wed 12 May 12:45;
        # 3× = 153 h = 18 werkdagen (Pinkstermaandag skipped) → Tue 1 June 17:00.
        (zaak.uuid, W): at(2027, 5, 12, 12, 45),
        (zaak.uuid, V): at(2027, 5, 13, 8, 30),
        (zaak.uuid, X): at(2027, 5, 13, 23, 59, 59),
        (zaak.uuid, E): at(2027, 6, 1, 17, 0),
        # Contactverzoek: Tue 2 h + Mon 8.5 h = 10.5 h; 75% = 7.875 h → Mon 14:22:30;
        # 3× = 31.5 h → Thu 13 May 12:30. Nothing fires while the municipality is closed.
        (verzoek.uuid, W): at(2027, 5, 10, 14, 22, 30),
        (verzoek.uuid, V): at(2027, 5, 10, 8, 30),
        (verzoek.uuid, X): at(2027, 5, 10, 23, 59, 59),
        (verzoek.uuid, E): at(2027, 5, 13, 12, 30),
        # E-mail: 7 + 8.5 + 8.5 = 24 h; 75% = 18 h → Tue 11 May 11:00;
        # 3× = 72 h → Thu 20 May 14:00 (after Pinkstermaandag).
        (email.uuid, W): at(2027, 5, 11, 11, 0),
        (email.uuid, V): at(2027, 5, 11, 8, 30),
        (email.uuid, X): at(2027, 5, 11, 23, 59, 59),
        (email.uuid, E): at(2027, 5, 20, 14, 0),
    }
    recorded = {
        (g.object_uuid, g.soort): g.tijdstip.astimezone(AMS) for g in SlaGebeurtenis.objects.all()
    }
    assert recorded == expected
    assert SlaGebeurtenis.objects.count() == len(expected)
    for key, moment in expected.items():
        # Recorded by the first sweep at or after the moment, never before it.
        assert moment <= seen[key] < moment + datetime.timedelta(minutes=60)
    # Warnings that count in wall-clock time would fall in the closed days; ours do not.
    assert all(is_werkdag(moment.date()) for moment in expected.values())
    # Each crossing told the behandelaar once.
    assert Notificatie.objects.filter(ontvanger=behandelaar.user).count() == len(expected)

    # Going over the same weeks again records nothing new.
    SlaSweepStand.objects.update(tot=at(2027, 5, 1))
    sla_sweep(now=at(2027, 6, 2, 18, 0))
    assert SlaGebeurtenis.objects.count() == len(expected)


def test_a_suspended_zaak_does_not_fire_and_its_thresholds_move_on_resume():
    zaak = _zaak(opschorting_en_aanhouding_mogelijk=True)
    zaken_services.zaak_opschorten(zaak=zaak, reden="Wacht op de tekening", door=None)
    # Suspended from Tuesday 4 May 12:00 until Tuesday 11 May 12:00: 3 werkdagen.
    Zaak.objects.filter(pk=zaak.pk).update(opschorting_sinds=at(2027, 5, 4, 12, 0))
    zaak.refresh_from_db()

    seen = _sweep_until(at(2027, 5, 11, 12, 0), start=at(2027, 5, 3, 0, 0))
    assert seen == {}

    zaak = zaken_services.zaak_hervatten(zaak=zaak, door=None, hervat_op=at(2027, 5, 11, 12, 0))
    # 4 May (12:00-17:00), 10 May and 11 May (08:30-12:00) = 5 + 8.5 + 3.5 = 17 h of
    # opening time stood still; the deadline moved 3 werkdagen to Tuesday 18 May.
    assert zaak.uiterlijke_einddatum_afdoening == datetime.date(2027, 5, 18)
    assert zaak.sla_waarschuwing_op == at(2027, 5, 14, 12, 45)
    assert zaak.sla_vandaag_op == at(2027, 5, 18, 8, 30)
    assert zaak.sla_verlopen_op == end_of_day(datetime.date(2027, 5, 18))

    seen = _sweep_until(at(2027, 5, 19, 9, 0), start=at(2027, 5, 11, 12, 30))
    assert {soort: moment for (_uuid, soort), moment in seen.items()} == {
        W: at(2027, 5, 14, 13, 0),
        V: at(2027, 5, 18, 8, 30),
        X: at(2027, 5, 19, 0, 0),
    }
