import datetime

import pytest
from django.utils import timezone

from kanalen.models import Telefoongesprek
from kanalen.telefonie.selectors import telefonie_kpis
from tests.kanalen.factories import TelefonieKoppelingFactory

pytestmark = pytest.mark.django_db

Status = Telefoongesprek.Status


def test_phone_kpis(make_medewerker):
    koppeling = TelefonieKoppelingFactory()
    start = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
    for n, (status, wacht, aangenomen) in enumerate(
        [
            (Status.ENDED, 10, True),
            (Status.ENDED, 30, True),
            (Status.ENDED, 90, True),
            (Status.ABANDONED, 120, False),
        ]
    ):
        Telefoongesprek.objects.create(
            koppeling=koppeling,
            extern_id=f"c{n}",
            status=status,
            wachttijd_seconden=wacht,
            begonnen_op=start,
            aangenomen_op=start if aangenomen else None,
        )
    # Outside the period: not counted.
    Telefoongesprek.objects.create(
        koppeling=koppeling, extern_id="old", begonnen_op=start - datetime.timedelta(days=2)
    )

    kpis = telefonie_kpis(van=start, tot=start + datetime.timedelta(days=1))

    assert kpis.gesprekken == 4
    assert kpis.aangenomen == 3
    assert kpis.opgehangen == 1
    assert kpis.aandeel_opgehangen == 0.25
    assert kpis.aandeel_binnen_30s == 0.5
    assert kpis.gemiddelde_wachttijd_seconden == 62.5
    assert kpis.langste_wachttijd_seconden == 120
