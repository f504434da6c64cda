"""The dashboard's roll-ups of many days at once (the beat after a quiet night, the demo
data's year): each run of consecutive days is counted with one query per roll-up, and
every day gets its own rows and its own status."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.models import (
    Kanaal,
    KlantcontactDagstatus,
    KlantcontactDagtelling,
    TevredenheidDagtelling,
)
from contacts.services import klantcontact_dagtellingen_opbouwen
from kcc.kpi import Periode
from tests.contacts.factories import KlantcontactFactory, TevredenheidsmetingFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()


def _dag(terug: int) -> datetime.date:
    return VANDAAG - datetime.timedelta(days=terug)


def _om(dag: datetime.date, uur: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


def _aantallen() -> dict[datetime.date, int]:
    aantallen: dict[datetime.date, int] = {}
    for telling in KlantcontactDagtelling.objects.all():
        aantallen[telling.dag] = aantallen.get(telling.dag, 0) + telling.aantal
    return aantallen


def test_days_with_a_gap_each_get_their_own_counts_and_status():
    for terug, uren in {10: [8, 23], 9: [0, 12], 3: [14]}.items():
        for uur in uren:
            KlantcontactFactory(plaatsgevonden_op=_om(_dag(terug), uur), kanaal=Kanaal.TELEFOON)
    TevredenheidsmetingFactory(
        klantcontact=KlantcontactFactory(plaatsgevonden_op=_om(_dag(3), 9)), score=5
    )
    # An older roll-up of a day in the list is replaced, not added to.
    KlantcontactDagtelling.objects.create(
        dag=_dag(9),
        kanaal=Kanaal.BALIE,
        afhandeling="beantwoord",
        in_een_keer_opgelost=True,
        aantal=99,
    )

    dagen = [_dag(10), _dag(9), _dag(5), _dag(3)]
    klantcontact_dagtellingen_opbouwen(dagen=dagen)

    assert _aantallen() == {_dag(10): 2, _dag(9): 2, _dag(3): 2}
    assert TevredenheidDagtelling.objects.get().dag == _dag(3)
    statussen = KlantcontactDagstatus.objects.order_by("dag")
    assert [status.dag for status in statussen] == dagen
    for status in statussen:
        assert status.ververst_versie == status.versie
        assert status.ververst_tot == Periode(status.dag, status.dag).eind


def test_a_month_costs_as_many_queries_as_a_day():
    for terug in range(1, 31):
        KlantcontactFactory(plaatsgevonden_op=_om(_dag(terug), 10))

    with CaptureQueriesContext(connection) as een_dag:
        klantcontact_dagtellingen_opbouwen(dagen=[_dag(1)])
    with CaptureQueriesContext(connection) as maand:
        klantcontact_dagtellingen_opbouwen(dagen=[_dag(terug) for terug in range(1, 31)])

    assert len(maand) == len(een_dag)
    assert sum(_aantallen().values()) == 30
