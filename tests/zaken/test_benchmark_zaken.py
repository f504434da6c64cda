"""The benchmark city's zaken and the two zaak scenarios, on a tiny scale."""

import random

import pytest
from django.core.management import call_command
from django.db.models import F, Max
from django.test import Client

from kcc.benchmark.scales import Scale
from zaken import benchmark
from zaken.models import Resultaat, Status, Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    call_command("demo_data")
    demo = Zaak.objects.aggregate(last=Max("pk"))["last"]
    counts = benchmark.generate_zaken(scale=Scale("tiny", 0.003), rng=random.Random(1))
    return demo, counts


def test_generated_zaken_are_consistent(city):
    demo, counts = city
    assert counts["zaken"] >= 3000
    generated = Zaak.objects.filter(pk__gt=demo)
    assert generated.count() == counts["zaken"]
    assert Status.objects.filter(zaak__in=generated).count() == counts["statussen"]
    # As issue 5 measures: five statussen per zaak and more (most zaken are closed).
    assert counts["statussen"] >= 5 * counts["zaken"]
    # Every zaak's current status is one of its own, the last one set.
    assert not generated.exclude(status__zaak=F("pk")).exists()
    assert not generated.filter(uiterlijke_einddatum_afdoening__lt=F("startdatum")).exists()
    assert not generated.filter(einddatum_gepland__gt=F("uiterlijke_einddatum_afdoening")).exists()
    gesloten = generated.filter(einddatum__isnull=False)
    assert Resultaat.objects.filter(zaak__in=gesloten).count() == gesloten.count()
    eind = gesloten.annotate(eind=Max("zaaktype__statustypen__volgnummer"))
    assert not eind.exclude(status__statustype__volgnummer=F("eind")).exists()
    open_eind = generated.filter(einddatum__isnull=True).annotate(
        eind=Max("zaaktype__statustypen__volgnummer")
    )
    assert not open_eind.filter(status__statustype__volgnummer__gte=F("eind")).exists()
    evenementen = generated.filter(zaaktype__identificatie="VG-EVEN")
    assert evenementen.exists()
    assert Zaak.objects.filter(hoofdzaak__in=evenementen).count() == evenementen.count()
    burgerzaken_open = generated.filter(
        behandelende_afdeling__code="burgerzaken", einddatum__isnull=True
    ).count()
    burgerzaken = generated.filter(behandelende_afdeling__code="burgerzaken").count()
    assert 0.05 < burgerzaken_open / burgerzaken < 0.15
    assert len(set(generated.values_list("identificatie", flat=True))) == generated.count()


def test_scenarios_answer_as_the_harness_expects(city):
    client = Client()

    lijst = benchmark.werkvoorraad_first_page(None)(0)
    response = client.get(lijst.path, headers=lijst.headers)
    assert response.status_code in lijst.expect
    data = response.json()
    assert (
        data["count"]
        == Zaak.objects.filter(
            behandelende_afdeling__code="burgerzaken", einddatum__isnull=True
        ).count()
    )
    deadlines = [z["uiterlijke_einddatum_afdoening"] for z in data["results"]]
    assert deadlines == sorted(deadlines)

    intake = benchmark.zaak_intake(None)
    for i in range(2):
        request = intake(i)
        response = client.post(
            request.path,
            data=request.body,
            content_type="application/json",
            headers={k: v for k, v in request.headers.items() if k != "Content-Type"},
        )
        assert response.status_code in request.expect, response.content
    # The generated numbers were claimed: new intakes do not collide with them.
    assert Zaak.objects.filter(identificatie=response.json()["identificatie"]).count() == 1
