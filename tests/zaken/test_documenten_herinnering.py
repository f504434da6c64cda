"""'We wachten op uw documenten': a reminder per suspended zaak, once per period."""

import datetime

import pytest
from django.utils import timezone

from kcc import calendar
from kcc.models import Bericht
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import services

pytestmark = pytest.mark.django_db


def suspended_zaak(*, werkdagen_geleden: int, vandaag: datetime.date):
    zaak = make_zaak(zaaktype=make_zaaktype(opschorting_en_aanhouding_mogelijk=True))
    services.zaak_opschorten(zaak=zaak, reden="Kopie van het kentekenbewijs ontbreekt", door=None)
    sinds = calendar.add_working_days(vandaag, -werkdagen_geleden)
    zaak.opschorting_sinds = timezone.make_aware(
        datetime.datetime.combine(sinds, datetime.time(10))
    )
    zaak.save(update_fields=["opschorting_sinds"])
    return zaak


def herinneringen(zaak) -> list[Bericht]:
    return list(Bericht.objects.filter(zaak_uuid=zaak.uuid, aanleiding="Herinnering documenten"))


def test_a_zaak_suspended_long_enough_gets_one_reminder_per_period(settings):
    settings.KCC_DOCUMENTEN_HERINNERING_WERKDAGEN = 5
    vandaag = datetime.date(2026, 11, 27)
    zaak = suspended_zaak(werkdagen_geleden=5, vandaag=vandaag)
    recent = suspended_zaak(werkdagen_geleden=4, vandaag=vandaag)

    assert services.zaken_documenten_herinneren(vandaag=vandaag) == 1
    assert services.zaken_documenten_herinneren(vandaag=vandaag) == 0  # the same day again
    volgende = calendar.add_working_days(vandaag, 1)  # Friday, then Monday
    assert services.zaken_documenten_herinneren(vandaag=volgende) == 1

    [bericht] = herinneringen(zaak)
    assert bericht.onderwerp == f"Wij wachten op uw documenten voor zaak {zaak.identificatie}"
    assert "Kopie van het kentekenbewijs ontbreekt" in bericht.inhoud
    assert len(herinneringen(recent)) == 1  # its fifth werkdag was the next day

    later = calendar.add_working_days(vandaag, 5)
    assert services.zaken_documenten_herinneren(vandaag=later) == 1
    assert len(herinneringen(zaak)) == 2


def test_a_resumed_zaak_gets_no_reminder(settings):
    settings.KCC_DOCUMENTEN_HERINNERING_WERKDAGEN = 5
    vandaag = timezone.localdate()
    zaak = suspended_zaak(werkdagen_geleden=10, vandaag=vandaag)
    services.zaak_hervatten(zaak=zaak, door=None)
    assert services.zaken_documenten_herinneren(vandaag=vandaag) == 0
    assert herinneringen(zaak) == []
