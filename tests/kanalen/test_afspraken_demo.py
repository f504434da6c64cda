import pytest
from django.core.management import call_command

from kanalen.afspraken import demo
from kanalen.models import Afspraak, AfspraakAanbod, AfspraakBlok

pytestmark = pytest.mark.django_db


def test_demo_data_has_a_schedule_and_is_idempotent():
    call_command("demo_data")
    afspraken = Afspraak.objects.count()

    demo.load()

    aanbod = AfspraakAanbod.objects.select_related("product").get(product__upl_naam="paspoort")
    assert aanbod.locatie.slug == "stadhuis" and aanbod.product.afspraak_duur == 30
    assert AfspraakBlok.objects.filter(locatie=aanbod.locatie).count() == 2
    # At least the next werkdag's bookings (today's only while there is time left).
    assert afspraken >= 3
    assert Afspraak.objects.count() == afspraken
