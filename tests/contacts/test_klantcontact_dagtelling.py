"""The dashboard's roll-up of past days: built by Celery, trusted only while current,
and the KPIs the same whether they come from the roll-up or the contacts."""

import datetime

import pytest
from django.utils import timezone

from contacts import selectors
from contacts.models import (
    Afhandeling,
    Kanaal,
    Klantcontact,
    KlantcontactDagstatus,
    KlantcontactDagtelling,
    Vraag,
    VraagDagtelling,
)
from contacts.services import (
    ROLLUP_MARGE,
    VraagData,
    klantcontact_dagen_verouderd,
    klantcontact_dagtelling_vandaag_opbouwen,
    klantcontact_dagtellingen_bijwerken,
    klantcontact_dagtellingen_opbouwen,
    klantcontact_register,
    tevredenheidsmeting_answer,
)
from kcc.kpi import KpiFilters, Periode
from tests.contacts.factories import (
    KlantcontactFactory,
    PersoonFactory,
    ProductFactory,
    TevredenheidsmetingFactory,
)

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
EERGISTEREN = VANDAAG - datetime.timedelta(days=2)
WEEK = Periode(VANDAAG - datetime.timedelta(days=6), VANDAAG)
GISTEREN = VANDAAG - datetime.timedelta(days=1)


def _om(dag: datetime.date, uur: int = 11) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _kpis(filters: KpiFilters | None = None) -> dict:
    filters = filters or KpiFilters()
    return {
        "per_kanaal": selectors.kpi_contacts_per_kanaal(periode=WEEK, filters=filters),
        "trend": selectors.kpi_contacts_trend(periode=WEEK, filters=filters),
        "fcr": selectors.kpi_first_contact_resolution(periode=WEEK, filters=filters),
        "transfer": selectors.kpi_transfer_rate(periode=WEEK, filters=filters),
        "digitaal": selectors.kpi_digitaal_aandeel(periode=WEEK, filters=filters, maanden=2),
        "top": selectors.kpi_top_onderwerpen(periode=WEEK, filters=filters),
        "tevredenheid": selectors.kpi_tevredenheid(periode=WEEK, filters=filters),
    }


@pytest.fixture
def producten():
    gepubliceerd = {"publicatiestatus": "gepubliceerd"}
    return (
        ProductFactory(naam="Paspoort", **gepubliceerd),
        ProductFactory(naam="Parkeervergunning", **gepubliceerd),
    )


@pytest.fixture
def contacten(producten):
    paspoort, parkeren = producten
    for afhandeling in [Afhandeling.DIRECT_BEANTWOORD] * 3 + [Afhandeling.DOORVERBONDEN]:
        _vraag(
            KlantcontactFactory(plaatsgevonden_op=_om(EERGISTEREN), afhandeling=afhandeling),
            product=paspoort,
        )
    _vraag(
        KlantcontactFactory(plaatsgevonden_op=_om(EERGISTEREN), kanaal=Kanaal.EMAIL),
        onderwerp="Afvalkalender",
    )
    chat = KlantcontactFactory(
        plaatsgevonden_op=_om(EERGISTEREN, 23),  # late evening: still that local day
        kanaal=Kanaal.CHAT,
        in_een_keer_opgelost=False,
    )
    # Two vragen on one product and one on another: one contact for each product.
    for product in (parkeren, parkeren, paspoort):
        _vraag(chat, product=product)
    for klantcontact, score in zip(
        Klantcontact.objects.order_by("pk"), [4, 5, None, 2, 4], strict=False
    ):
        TevredenheidsmetingFactory(klantcontact=klantcontact, score=score)
    _vraag(
        KlantcontactFactory(plaatsgevonden_op=_om(VANDAAG, 9), kanaal=Kanaal.BALIE),
        product=paspoort,
    )


def _vraag(klantcontact, *, product=None, onderwerp=""):
    Vraag.objects.create(
        klantcontact=klantcontact,
        product=product,
        onderwerp=onderwerp or product.naam,
        vraag="?",
        afhandeling=klantcontact.afhandeling,
    )


@pytest.mark.parametrize("filter_op", ["", "kanaal", "afdeling", "product"])
def test_the_kpis_from_the_roll_up_equal_those_from_the_contacts(contacten, producten, filter_op):
    chat = Klantcontact.objects.get(kanaal=Kanaal.CHAT)
    filters = {
        "": KpiFilters(),
        "kanaal": KpiFilters(kanaal=Kanaal.CHAT),
        "afdeling": KpiFilters(afdeling=chat.medewerker.afdeling),
        "product": KpiFilters(product=producten[0]),
    }[filter_op]
    uit_contacten = _kpis(filters)
    assert klantcontact_dagtellingen_bijwerken(terug=7) == 7
    # Today's roll-up as beat makes it at noon: it holds the 09:00 balie contact.
    klantcontact_dagtelling_vandaag_opbouwen(nu=_om(VANDAAG, 12))
    assert KlantcontactDagtelling.objects.filter(dag=VANDAAG, kanaal=Kanaal.BALIE).exists()
    assert VraagDagtelling.objects.exists()
    assert _kpis(filters) == uit_contacten
    totaal = uit_contacten["fcr"]["totaal"]["aantal"]
    assert totaal == {"": 7, "kanaal": 1, "afdeling": 1, "product": 6}[filter_op]
    if not filter_op:
        assert uit_contacten["tevredenheid"]["totaal"] == {
            "verstuurd": 5,
            "beantwoord": 4,
            "respons": 80.0,
            "gemiddelde": 3.75,
        }


def test_an_answer_to_a_survey_makes_the_contacts_day_stale(contacten):
    klantcontact = Klantcontact.objects.get(kanaal=Kanaal.CHAT)  # no survey yet
    meting = TevredenheidsmetingFactory(klantcontact=klantcontact)
    klantcontact_dagtellingen_bijwerken(terug=7)
    assert _kpis()["tevredenheid"]["totaal"]["beantwoord"] == 4

    tevredenheidsmeting_answer(token=meting.token, score=1)

    verwacht = {"verstuurd": 6, "beantwoord": 5, "respons": 83.3, "gemiddelde": 3.2}
    assert _kpis()["tevredenheid"]["totaal"] == verwacht
    assert klantcontact_dagtellingen_bijwerken(terug=7) == 1
    assert _kpis()["tevredenheid"]["totaal"] == verwacht


def test_top_subjects_from_the_roll_up(contacten):
    klantcontact_dagtellingen_bijwerken(terug=7)
    # Behind the services' back: only the roll-up can still answer for that day.
    Vraag.objects.filter(klantcontact__plaatsgevonden_op__date=EERGISTEREN).delete()
    top = selectors.kpi_top_onderwerpen(periode=WEEK, filters=KpiFilters())
    telefoon = [
        (r["onderwerp"], r["aantal"]) for r in top["onderwerpen"] if r["kanaal"] == "telefoon"
    ]
    chat = [(r["onderwerp"], r["aantal"]) for r in top["onderwerpen"] if r["kanaal"] == "chat"]
    assert telefoon == [("Paspoort", 4)]
    assert chat == [("Parkeervergunning", 2), ("Paspoort", 1)]
    assert [(r["kanaal"], r["vragen"], r["online"]) for r in top["per_kanaal"]] == [
        ("telefoon", 4, 4),
        ("balie", 1, 1),
        ("e-mail", 1, 0),
        ("chat", 3, 3),
    ]


def test_past_days_are_read_from_the_roll_up_while_it_is_current(contacten):
    klantcontact_dagtellingen_bijwerken(terug=7)
    # Behind the services' back: the current roll-up still answers for that day...
    Klantcontact.objects.filter(plaatsgevonden_op__date=EERGISTEREN).update(kanaal=Kanaal.POST)
    per_kanaal = {r["kanaal"]: r["aantal"] for r in _kpis()["per_kanaal"]}
    assert per_kanaal[Kanaal.TELEFOON] == 4 and per_kanaal[Kanaal.POST] == 0
    # ...until the day is marked stale: then the contacts answer, until it is rebuilt.
    klantcontact_dagen_verouderd(momenten=[_om(EERGISTEREN)])
    per_kanaal = {r["kanaal"]: r["aantal"] for r in _kpis()["per_kanaal"]}
    assert per_kanaal[Kanaal.POST] == 6 and per_kanaal[Kanaal.TELEFOON] == 0
    assert klantcontact_dagtellingen_bijwerken(terug=7) == 1
    assert {r["kanaal"]: r["aantal"] for r in _kpis()["per_kanaal"]} == per_kanaal


def test_a_backdated_registration_counts_at_once(contacten, agent):
    klantcontact_dagtellingen_bijwerken(terug=7)
    klantcontact_register(
        medewerker=agent,
        kanaal=Kanaal.POST,
        plaatsgevonden_op=_om(EERGISTEREN, 14),
        vragen=[VraagData(onderwerp="Afval", vraag="Wanneer?", afhandeling="direct_beantwoord")],
    )
    status = KlantcontactDagstatus.objects.get(dag=EERGISTEREN)
    assert status.versie != status.ververst_versie
    assert _kpis()["fcr"]["totaal"]["aantal"] == 8


def test_a_repeat_contact_makes_the_earlier_day_stale(agent):
    partij = PersoonFactory()
    vraag = VraagData(onderwerp="Afval", vraag="Wanneer?", afhandeling="direct_beantwoord")
    klantcontact_register(
        medewerker=agent,
        partij=partij,
        kanaal=Kanaal.TELEFOON,
        plaatsgevonden_op=_om(EERGISTEREN),
        vragen=[vraag],
    )
    klantcontact_dagtellingen_bijwerken(terug=7)
    assert _kpis()["fcr"]["totaal"]["echt"] == 1

    klantcontact_register(medewerker=agent, partij=partij, kanaal=Kanaal.TELEFOON, vragen=[vraag])

    assert _kpis()["fcr"]["totaal"]["echt"] == 1  # the new one; the earlier one no longer
    assert _kpis()["fcr"]["totaal"]["aantal"] == 2


def test_filters_the_roll_up_cannot_answer_count_the_contacts(contacten):
    klantcontact_dagtellingen_bijwerken(terug=7)
    medewerker = Klantcontact.objects.filter(kanaal=Kanaal.CHAT).get().medewerker
    alleen = _kpis(KpiFilters(medewerker=medewerker))
    assert alleen["fcr"]["totaal"]["aantal"] == 1
    afdeling = _kpis(KpiFilters(afdeling=medewerker.afdeling))
    assert afdeling["fcr"]["totaal"]["aantal"] == 1


def _per_kanaal() -> dict[str, int]:
    return {r["kanaal"]: r["aantal"] for r in _kpis()["per_kanaal"]}


def test_today_is_rolled_up_until_some_minutes_ago_and_counted_live_after(contacten):
    middag = _om(VANDAAG, 12)
    KlantcontactFactory(plaatsgevonden_op=middag - ROLLUP_MARGE / 2, kanaal=Kanaal.POST)
    uit_contacten = _kpis()

    klantcontact_dagtelling_vandaag_opbouwen(nu=middag)

    assert KlantcontactDagstatus.objects.get(dag=VANDAAG).ververst_tot == middag - ROLLUP_MARGE
    vandaag = KlantcontactDagtelling.objects.filter(dag=VANDAAG)
    assert [(r.kanaal, r.aantal) for r in vandaag] == [(Kanaal.BALIE, 1)]
    assert _kpis() == uit_contacten
    # Behind the services' back: the roll-up answers for the morning, the contacts
    # for the minutes after it.
    Klantcontact.objects.filter(plaatsgevonden_op__date=VANDAAG).update(kanaal=Kanaal.CHAT)
    per_kanaal = _per_kanaal()
    assert (per_kanaal[Kanaal.BALIE], per_kanaal[Kanaal.POST]) == (1, 0)
    assert per_kanaal[Kanaal.CHAT] == 1 + 1  # eergisteren's chat and the late post contact


def test_only_a_write_about_a_contact_a_roll_up_can_hold_makes_today_stale():
    middag = _om(VANDAAG, 12)
    klantcontact_dagtelling_vandaag_opbouwen(nu=middag)
    versie = KlantcontactDagstatus.objects.get(dag=VANDAAG).versie

    # Later than half the margin ago: after every roll-up's end, counted live anyway.
    klantcontact_dagen_verouderd(momenten=[middag - ROLLUP_MARGE / 3], nu=middag)
    assert KlantcontactDagstatus.objects.get(dag=VANDAAG).versie == versie

    klantcontact_dagen_verouderd(momenten=[middag - ROLLUP_MARGE], nu=middag)
    assert KlantcontactDagstatus.objects.get(dag=VANDAAG).versie == versie + 1


def test_a_roll_up_made_yesterday_is_completed_once_the_day_is_over(contacten):
    KlantcontactFactory(plaatsgevonden_op=_om(GISTEREN, 23), kanaal=Kanaal.POST)
    klantcontact_dagtellingen_opbouwen(dagen=[GISTEREN], tot=_om(GISTEREN, 22))
    assert _per_kanaal()[Kanaal.POST] == 1  # the evening counted live

    assert klantcontact_dagtellingen_bijwerken(terug=7) == 7
    status = KlantcontactDagstatus.objects.get(dag=GISTEREN)
    assert status.ververst_tot == Periode(GISTEREN, GISTEREN).eind
    assert KlantcontactDagtelling.objects.get(dag=GISTEREN).kanaal == Kanaal.POST
