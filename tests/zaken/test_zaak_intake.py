import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import DigitaalAdres, Kanaal
from kcc import calendar
from kcc.models import Bericht, Eenheid
from tests.contacts.factories import ProductFactory
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype
from zaken import services
from zaken.models import Status, Zaak

pytestmark = pytest.mark.django_db


def test_intake_routes_to_the_products_afdeling_with_first_status_and_deadlines():
    zaaktype = make_zaaktype(doorlooptijd=10, servicenorm=5, vertrouwelijkheidaanduiding="intern")
    afdeling = AfdelingFactory()
    product = ProductFactory(zaaktype=zaaktype, behandelende_afdeling=afdeling)
    initiator = make_initiator()

    zaak = services.zaak_intake(product=product, initiator=initiator, kanaal=Kanaal.BALIE)

    vandaag = timezone.localdate()
    assert zaak.behandelende_afdeling == afdeling
    assert zaak.zaaktype == zaaktype
    assert zaak.omschrijving == product.naam
    assert zaak.identificatie == f"ZAAK-{vandaag.year}-{int(zaak.identificatie[-7:]):07d}"
    assert zaak.startdatum == zaak.registratiedatum == vandaag
    assert zaak.einddatum_gepland == calendar.add_working_days(vandaag, 5)
    assert zaak.uiterlijke_einddatum_afdoening == calendar.add_working_days(vandaag, 10)
    assert zaak.vertrouwelijkheidaanduiding == "intern"
    assert zaak.status.statustype.volgnummer == 1
    assert zaak.status_token and len(zaak.status_token) >= 40


def test_kalenderdagen_deadline_moves_off_the_weekend():
    zaaktype = make_zaaktype(doorlooptijd=8, termijn_eenheid=Eenheid.KALENDERDAGEN)
    zaak = make_zaak(zaaktype=zaaktype)
    expected = calendar.termijn_einddag(zaak.startdatum + datetime.timedelta(days=8))
    assert zaak.uiterlijke_einddatum_afdoening == expected
    assert expected.weekday() < 5


def test_intake_queues_confirmation_and_informing_first_status_to_the_initiator():
    initiator = make_initiator()
    email = initiator.digitale_adressen.get().adres

    zaak = make_zaak(initiator=initiator)

    berichten = Bericht.objects.filter(zaak_uuid=zaak.uuid).order_by("aanleiding")
    assert [b.aanleiding for b in berichten] == [
        "Ontvangstbevestiging",
        "Status 'Aanvraag ontvangen'",
    ]
    assert {b.ontvanger for b in berichten} == {email}
    bevestiging = berichten[0]
    assert zaak.identificatie in bevestiging.inhoud
    assert f"/zaak/{zaak.status_token}" in bevestiging.inhoud
    assert "Wij hebben uw aanvraag ontvangen." in berichten[1].inhoud


def test_initiator_without_email_gets_no_bericht_but_the_zaak_starts():
    zaak = make_zaak(initiator=make_initiator(email=False))
    assert zaak.status is not None
    assert not Bericht.objects.filter(zaak_uuid=zaak.uuid).exists()


def test_an_invalid_stored_email_does_not_stop_the_intake():
    """An address imported unchecked (found by the benchmark data): no message, the
    zaak still starts."""
    initiator = make_initiator(email=False)
    DigitaalAdres.objects.create(partij=initiator, soort="email", adres="chloé.dijk@example.nl")
    zaak = make_zaak(initiator=initiator)
    assert zaak.status is not None
    assert not Bericht.objects.filter(zaak_uuid=zaak.uuid).exists()


def test_deelzaaktypen_give_one_deelzaak_each_at_their_own_afdeling():
    openbare_ruimte = AfdelingFactory(code="openbare-ruimte-test")
    deelzaaktype = make_zaaktype(afdeling=openbare_ruimte)
    zaaktype = make_zaaktype(deelzaaktypen=[deelzaaktype])

    zaak = make_zaak(zaaktype=zaaktype)

    deelzaak = zaak.deelzaken.get()
    assert deelzaak.zaaktype == deelzaaktype
    assert deelzaak.behandelende_afdeling == openbare_ruimte
    assert deelzaak.initiator == zaak.initiator
    assert deelzaak.status.statustype.volgnummer == 1
    assert deelzaak.status_token is None
    assert deelzaak.identificatie != zaak.identificatie


def test_product_without_zaaktype_is_refused_and_nothing_is_written():
    product = ProductFactory(zaaktype=None)
    with pytest.raises(ValidationError) as exc:
        services.zaak_intake(product=product, initiator=make_initiator(), kanaal=Kanaal.TELEFOON)
    assert "geen zaaktype" in exc.value.message_dict["product"][0]
    assert not Zaak.objects.exists()
    assert not Status.objects.exists()
    assert not Bericht.objects.exists()


def test_unknown_kanaal_is_refused():
    with pytest.raises(ValidationError) as exc:
        make_zaak(kanaal="duif")
    assert exc.value.message_dict["kanaal"] == ["Kies een kanaal."]
    assert not Zaak.objects.exists()


def test_identificatie_pattern_is_configurable(settings):
    settings.KCC_ZAAK_IDENTIFICATIE = "Z{jaar}-{nummer:05d}"
    eerste, tweede = make_zaak().identificatie, make_zaak().identificatie
    jaar = timezone.localdate().year
    assert re.fullmatch(rf"Z{jaar}-\d{{5}}", eerste)
    assert tweede == f"Z{jaar}-{int(eerste[-5:]) + 1:05d}"
