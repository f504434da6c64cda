"""The demo shows meldingen at once; recomputing fills thresholds missing from old rows."""

import pytest
from django.core.management import call_command

from kcc import sla
from kcc.models import Notificatie, SlaGebeurtenis, SlaSoort
from tests.zaken.factories import make_zaak
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


def test_demo_data_has_overdue_and_nearly_due_items_with_meldingen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data")

    gebeurtenissen = SlaGebeurtenis.objects.filter(object_type="zaak")
    assert gebeurtenissen.filter(soort=SlaSoort.VERLOPEN).count() >= 3
    assert (
        gebeurtenissen.filter(soort=SlaSoort.WAARSCHUWING)
        .exclude(
            object_uuid__in=gebeurtenissen.filter(soort=SlaSoort.VERLOPEN).values("object_uuid")
        )
        .exists()
    )
    assert Notificatie.objects.filter(ontvanger__username="backoffice", gelezen=False).exists()

    count = SlaGebeurtenis.objects.count()
    call_command("demo_data")
    assert SlaGebeurtenis.objects.count() == count


def test_recompute_fills_missing_thresholds_of_open_items_only():
    open_zaak, closed = make_zaak(), make_zaak()
    Zaak.objects.filter(pk=closed.pk).update(einddatum=closed.startdatum)
    Zaak.objects.update(**dict.fromkeys(sla.DREMPEL_VELDEN.values()))

    counts = sla.recompute_all()

    assert counts["zaak"] == 1
    open_zaak.refresh_from_db()
    closed.refresh_from_db()
    assert open_zaak.sla_verlopen_op is not None
    assert closed.sla_verlopen_op is None
