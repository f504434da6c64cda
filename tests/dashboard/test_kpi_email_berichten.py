"""The e-mail and outbox KPIs of the dashboard."""

import datetime

import pytest
from django.utils import timezone

from contacts.models import Kanaal
from kanalen import selectors as kanalen_selectors
from kanalen.models import InkomendeEmail
from kcc import selectors as kcc_selectors
from kcc.kpi import KpiFilters, Periode
from kcc.models import Bericht, Eenheid, Servicenorm
from tests.dashboard.factories import InkomendeEmailFactory
from tests.factories import AfdelingFactory, BerichtFactory

pytestmark = pytest.mark.django_db

Status = InkomendeEmail.Status


def deze_week() -> Periode:
    today = timezone.localdate()
    return Periode(today - datetime.timedelta(days=6), today)


def test_emails_received_open_and_past_their_answer_date():
    Servicenorm.objects.create(
        kanaal="e-mail", termijn=2, eenheid=Eenheid.WERKDAGEN, omschrijving="Binnen 2 werkdagen"
    )
    today = timezone.localdate()
    InkomendeEmailFactory(status=Status.NIEUW, deadline=today + datetime.timedelta(days=2))
    InkomendeEmailFactory(status=Status.IN_BEHANDELING, deadline=today - datetime.timedelta(days=1))
    InkomendeEmailFactory(status=Status.BEANTWOORD, deadline=today - datetime.timedelta(days=1))
    InkomendeEmailFactory(status=Status.AUTOMATISCH)  # never work
    InkomendeEmailFactory(status=Status.QUARANTAINE)
    InkomendeEmailFactory(  # open but received long before the period
        status=Status.NIEUW,
        deadline=today - datetime.timedelta(days=20),
        ontvangen_op=timezone.now() - datetime.timedelta(days=30),
    )

    kpi = kanalen_selectors.kpi_emails(periode=deze_week(), filters=KpiFilters())

    assert kpi == {"ontvangen": 3, "open": 3, "te_laat": 2, "norm": "Binnen 2 werkdagen"}
    assert kanalen_selectors.email_kpi_list(periode=deze_week(), soort="te_laat").count() == 2


def test_emails_drop_out_under_filters_they_do_not_have():
    periode = deze_week()
    assert kanalen_selectors.kpi_emails(periode=periode, filters=KpiFilters(kanaal=Kanaal.EMAIL))
    assert kanalen_selectors.kpi_emails(periode=periode, filters=KpiFilters(kanaal="chat")) is None
    assert (
        kanalen_selectors.kpi_emails(
            periode=periode, filters=KpiFilters(afdeling=AfdelingFactory())
        )
        is None
    )


def test_berichten_by_status_in_the_period():
    BerichtFactory(status=Bericht.Status.VERSTUURD)
    BerichtFactory(status=Bericht.Status.VERSTUURD)
    BerichtFactory(status=Bericht.Status.MISLUKT)
    BerichtFactory(status=Bericht.Status.TE_VERSTUREN)
    BerichtFactory(aangemaakt=timezone.now() - datetime.timedelta(days=40))

    assert kcc_selectors.kpi_berichten(periode=deze_week()) == {
        "aangemaakt": 4,
        "verstuurd": 2,
        "mislukt": 1,
        "wachtend": 1,
    }
