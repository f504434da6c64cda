"""Volume forecast per channel (weekday pattern + trend, backtested) and Erlang C staffing."""

import datetime
import math

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Kanaal
from kcc import roles
from kcc.dashboard import forecast
from tests.contacts.factories import KlantcontactFactory

pytestmark = pytest.mark.django_db  # the business calendar reads the closing days

# Monday 2026-11-02 .. ; weekday levels: Mon 10, Tue 20, Wed 30, Thu 20, Fri 10, weekend 0.
PATROON = [10, 20, 30, 20, 10, 0, 0]
START = datetime.date(2027, 3, 1)  # a Monday, no holidays in the 4 weeks after


def _history(weeks: int, *, scale=lambda week: 1.0) -> dict[datetime.date, int]:
    first = START - datetime.timedelta(weeks=weeks)
    return {
        first + datetime.timedelta(days=d): round(
            PATROON[(first + datetime.timedelta(days=d)).weekday()] * scale(d // 7)
        )
        for d in range(weeks * 7)
    }


def test_a_steady_weekday_pattern_is_forecast_as_it_is():
    verwacht = forecast.forecast_days(_history(12), kanaal=Kanaal.EMAIL, start=START, days=14)
    assert verwacht == [float(n) for n in PATROON * 2]


def test_a_growing_channel_carries_a_damped_trend():
    # The last four weeks doubled: the forecast rises by √2, not by 2.
    history = _history(12, scale=lambda week: 2.0 if week >= 8 else 1.0)
    verwacht = forecast.forecast_days(history, kanaal=Kanaal.EMAIL, start=START, days=7)
    monday_level = (4 * 10 + 4 * 20) / 8  # eight weeks back: four at 10, four at 20
    assert verwacht[0] == pytest.approx(round(monday_level * math.sqrt(2), 1))


def test_closed_days_get_nothing_on_staffed_channels_only():
    kerst = datetime.date(2026, 12, 21)  # Monday; 25 and 26 December are holidays
    history = {kerst - datetime.timedelta(days=d): 12 for d in range(1, 120)}
    telefoon = forecast.forecast_days(history, kanaal=Kanaal.TELEFOON, start=kerst, days=7)
    email = forecast.forecast_days(history, kanaal=Kanaal.EMAIL, start=kerst, days=7)
    assert telefoon[4] == 0.0 and telefoon[5] == 0.0 and telefoon[3] > 0  # Fri 25, Sat 26
    assert email[4] > 0


def test_the_backtest_of_a_steady_pattern_is_exact():
    history = _history(16)
    result = forecast.backtest(history, kanaal=Kanaal.EMAIL, today=START)
    assert result == forecast.Backtest(mape=0.0, mae=0.0)
    assert forecast.backtest({}, kanaal=Kanaal.EMAIL, today=START) is None


def test_phone_staffing_follows_the_forecast_and_the_intraday_pattern():
    vandaag = timezone.localdate()
    # Six weeks of phone calls, all at 10:00 on werkdagen: every agent is needed at ten.
    for dagen_terug in range(1, 43):
        dag = vandaag - datetime.timedelta(days=dagen_terug)
        if dag.weekday() < 5:
            moment = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10, 15)))
            KlantcontactFactory.create_batch(3, plaatsgevonden_op=moment, kanaal=Kanaal.TELEFOON)

    verwachting = forecast.channel_forecast(kanaal=Kanaal.TELEFOON, today=vandaag)
    bezetting = forecast.staffing(forecast=verwachting, today=vandaag)

    assert bezetting.uren[0] == 8 and 10 in bezetting.uren
    dag, aantallen = bezetting.dagen[0]
    per_uur = dict(zip(bezetting.uren, aantallen, strict=True))
    assert per_uur[10] >= 1 and per_uur[14] == 0
    assert bezetting.doel == "80% binnen 30 s"
    assert (
        forecast.staffing(
            forecast=forecast.channel_forecast(kanaal=Kanaal.EMAIL, today=vandaag), today=vandaag
        )
        is None
    )


def test_the_forecast_page_for_the_manager_only(client, make_medewerker, agent):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    page = client.get(reverse("dashboard-prognose"), {"kanaal": "chat"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Benodigde bezetting per uur" in text and "Chat: verwachte contacten" in text
    assert client.get(reverse("dashboard-prognose"), {"kanaal": "onzin"}).status_code == 200

    client.force_login(agent.user)
    assert client.get(reverse("dashboard-prognose")).status_code == 403
