"""The benchmark city's open zaken carry their SLA thresholds, and the sla sweep
scenario runs in process."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone

from kcc import sla
from kcc.benchmark.load import run_inline
from kcc.benchmark.scales import Scale
from kcc.benchmark.scenarios import SCENARIOS
from kcc.calendar import end_of_day
from zaken import benchmark
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


def test_generated_open_zaken_have_thresholds_and_the_sweep_scenario_runs():
    call_command("demo_data")
    demo = Zaak.objects.aggregate(last=Max("pk"))["last"]
    benchmark.generate_zaken(scale=Scale("tiny", 0.002), rng=random.Random(1))
    generated = Zaak.objects.filter(pk__gt=demo)

    assert not generated.filter(einddatum__isnull=False, sla_verlopen_op__isnull=False).exists()
    for zaak in generated.filter(einddatum__isnull=True)[:20]:
        start = timezone.make_aware(datetime.datetime.combine(zaak.startdatum, datetime.time.min))
        expected = sla.drempels(start, end_of_day(zaak.uiterlijke_einddatum_afdoening))
        assert sla.drempels_of(zaak) == expected

    scenario = next(s for s in SCENARIOS if s.name == "sla sweep")
    assert scenario.inline
    result = run_inline(scenario.prepare(None), requests=3)
    assert result["requests"] == 3
    assert result["errors"] == 0
