"""The SLA sweep: what it reports, to whom, and exactly once."""

import datetime

import pytest
from django.utils import timezone

from contacts import services as contacts_services
from kcc import roles
from kcc.models import (
    Bericht,
    Escalatieregel,
    Notificatie,
    SlaGebeurtenis,
    SlaSoort,
    SlaSweepStand,
)
from kcc.selectors import kpi_sla_gebeurtenissen, sla_gebeurtenis_list
from kcc.services import sla_dagoverzicht_send, sla_sweep
from tests.contacts.factories import KlantcontactFactory
from tests.factories import AfdelingFactory, MedewerkerFactory, TeamFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import services as zaken_services

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def _verzoek(**data):
    data.setdefault("afdeling", AfdelingFactory(email="burgerzaken@gemeente.example"))
    return contacts_services.contactverzoek_create(
        klantcontact=KlantcontactFactory(),
        data=contacts_services.ContactverzoekData(gevraagde_handeling="Terugbellen", **data),
        door=None,
    )


def _from(moment):
    SlaSweepStand.objects.update_or_create(pk=1, defaults={"tot": moment})


def _teamleider(**fields):
    return MedewerkerFactory(user__roles=[roles.TEAMLEIDER], **fields)


def test_every_soort_is_recorded_once_with_the_item_details():
    behandelaar = MedewerkerFactory()
    verzoek = _verzoek(medewerker=behandelaar)
    _from(timezone.now() - SECOND)

    assert sla_sweep(now=verzoek.sla_ernstig_op) == 4
    assert sla_sweep(now=verzoek.sla_ernstig_op + SECOND) == 0

    gebeurtenissen = sla_gebeurtenis_list(object_type="contactverzoek")
    assert {g.soort for g in gebeurtenissen} == set(SlaSoort.values)
    first = gebeurtenissen.get(soort=SlaSoort.VERLOPEN)
    assert (first.object_uuid, first.deadline, first.tijdstip) == (
        verzoek.uuid,
        verzoek.deadline,
        verzoek.deadline,
    )
    assert (first.afdeling, first.behandelaar, first.kanaal) == (
        verzoek.afdeling,
        behandelaar,
        "contactverzoek",
    )


def test_sweeping_the_same_window_again_records_and_notifies_nothing_new():
    verzoek = _verzoek(medewerker=MedewerkerFactory())
    start = timezone.now() - SECOND
    _from(start)
    sla_sweep(now=verzoek.sla_ernstig_op)
    # As if a second sweep had read the old stand at the same time.
    _from(start)
    assert sla_sweep(now=verzoek.sla_ernstig_op) == 0

    assert SlaGebeurtenis.objects.count() == 4
    assert Notificatie.objects.count() == 4


def _close_verzoek(verzoek):
    contacts_services.contactverzoek_complete(
        contactverzoek=verzoek, medewerker=MedewerkerFactory()
    )


def test_a_handled_contactverzoek_is_never_reported():
    verzoek = _verzoek()
    _from(timezone.now() - SECOND)
    _close_verzoek(verzoek)

    assert sla_sweep(now=verzoek.sla_ernstig_op + SECOND) == 0


def test_a_closed_zaak_is_never_reported():
    zaak = make_zaak()
    zaak.__class__.objects.filter(pk=zaak.pk).update(einddatum=timezone.localdate())
    _from(timezone.now() - SECOND)

    assert sla_sweep(now=zaak.sla_ernstig_op + SECOND) == 0


def test_zaak_intake_stores_the_thresholds_of_its_legal_term():
    zaak = make_zaak()

    assert timezone.localtime(zaak.sla_verlopen_op).date() == zaak.uiterlijke_einddatum_afdoening
    assert zaak.sla_waarschuwing_op < zaak.sla_verlopen_op < zaak.sla_ernstig_op


def test_an_extension_moves_the_future_thresholds():
    zaak = make_zaak(zaaktype=make_zaaktype(verlenging_mogelijk=True, verlengingstermijn=10))
    oud = zaak.sla_verlopen_op
    _from(timezone.now() - SECOND)

    zaak = zaken_services.zaak_verlengen(zaak=zaak, reden="Advies nodig", duur=5, door=None)

    assert zaak.sla_verlopen_op > oud
    # Nothing fires at the old deadline's moments; the new term's do.
    assert sla_sweep(now=oud + SECOND) == 0
    sla_sweep(now=zaak.sla_verlopen_op)
    verlopen = SlaGebeurtenis.objects.get(soort=SlaSoort.VERLOPEN)
    assert verlopen.deadline == zaak.sla_verlopen_op


@pytest.mark.parametrize(
    ("situatie", "expected"),
    [
        ("toegewezen", {"behandelaar"}),
        # Without a team, all teamleiders of the afdeling (the team's included).
        ("niet toegewezen", {"teamleider afdeling", "teamleider team"}),
        ("team zonder behandelaar", {"teamleider team"}),
        ("regel teamleider", {"teamleider afdeling", "teamleider team"}),
        ("regel postvak", {"postvak"}),
        ("regel behandelaar en postvak", {"behandelaar", "postvak"}),
    ],
)
def test_who_hears_of_a_breach(situatie, expected):
    afdeling = AfdelingFactory(email="burgerzaken@gemeente.example")
    team = TeamFactory(afdeling=afdeling)
    people = {
        "behandelaar": MedewerkerFactory(afdeling=afdeling),
        "teamleider afdeling": _teamleider(afdeling=afdeling),
        "teamleider team": _teamleider(afdeling=afdeling, team=team),
    }
    _teamleider()  # another afdeling's: never told
    data = {"afdeling": afdeling}
    if situatie in ("toegewezen", "regel teamleider", "regel behandelaar en postvak"):
        data["medewerker"] = people["behandelaar"]
    if situatie == "team zonder behandelaar":
        data["team"] = team
    for ontvanger in {
        "regel teamleider": ["teamleider"],
        "regel postvak": ["postvak"],
        "regel behandelaar en postvak": ["behandelaar", "postvak"],
    }.get(situatie, []):
        Escalatieregel.objects.create(
            afdeling=afdeling, soort=SlaSoort.VERLOPEN, ontvanger=ontvanger
        )
    verzoek = _verzoek(**data)
    _from(verzoek.sla_verlopen_op - SECOND)

    sla_sweep(now=verzoek.sla_verlopen_op)

    told = {
        name
        for name, medewerker in people.items()
        if Notificatie.objects.filter(ontvanger=medewerker.user).exists()
    }
    if Bericht.objects.filter(ontvanger="burgerzaken@gemeente.example").exists():
        told.add("postvak")
    assert told == expected
    assert Notificatie.objects.filter(ontvanger__medewerker__afdeling=afdeling).count() == len(
        expected - {"postvak"}
    )


def test_the_daily_digest_goes_only_to_who_opted_in_once_a_day():
    wil = MedewerkerFactory(sla_dagoverzicht=True)
    wil_niet = MedewerkerFactory()
    for medewerker in (wil, wil_niet):
        _verzoek(medewerker=medewerker)
    verzoek = _verzoek(medewerker=wil)
    _from(timezone.now() - SECOND)
    sla_sweep(now=verzoek.sla_verlopen_op)
    ochtend = verzoek.sla_verlopen_op + datetime.timedelta(hours=7)

    assert sla_dagoverzicht_send(now=ochtend) == 1
    assert sla_dagoverzicht_send(now=ochtend + SECOND) == 1  # the same bericht again
    berichten = Bericht.objects.filter(aanleiding__icontains="overzicht")
    assert [b.ontvanger for b in berichten] == [wil.user.email]
    assert "Termijn verlopen" in berichten[0].inhoud


def test_breach_counts_per_soort_for_the_dashboard():
    verzoek = _verzoek()
    _from(timezone.now() - SECOND)
    sla_sweep(now=verzoek.sla_verlopen_op)
    periode = type(
        "Periode",
        (),
        {"start": timezone.now() - datetime.timedelta(days=1), "eind": verzoek.sla_ernstig_op},
    )

    counts = kpi_sla_gebeurtenissen(periode=periode)

    assert counts == {"waarschuwing": 1, "vandaag_verlopend": 1, "verlopen": 1}
