import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from catalogus import services
from catalogus.services import StatustypeData
from kcc.models import AuditLogEntry, Eenheid
from tests.catalogus.factories import KennisartikelFactory, StatustypeFactory, ZaaktypeFactory
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


def test_script_and_event_handlers_never_reach_the_database():
    product = services.product_create(
        naam="Paspoort",
        beschrijving='<p onclick="steal()">Tekst<script>alert(1)</script> '
        '<a href="javascript:x()">x</a></p>',
    )
    artikel = KennisartikelFactory(inhoud="<img src=x onerror=alert(1)><b>ok</b>")
    product.refresh_from_db()
    artikel.refresh_from_db()
    assert product.beschrijving == '<p>Tekst <a rel="noopener noreferrer">x</a></p>'
    assert artikel.inhoud == '<img src="x"><b>ok</b>'


def test_a_zaaktype_gets_ordered_statustypen_and_the_last_is_the_end_status():
    afdeling = AfdelingFactory(code="burgerzaken")
    zaaktype = services.zaaktype_create(
        identificatie="BZ-1",
        omschrijving="Aanvraag reisdocument",
        doorlooptijd=5,
        behandelende_afdeling=afdeling,
        statustypen=[StatustypeData("Ontvangen"), StatustypeData("Klaar", "Ligt klaar", True)],
        resultaattypen=["Verleend"],
    )
    statustypen = list(zaaktype.statustypen.all())
    assert [(s.volgnummer, s.omschrijving, s.informeren) for s in statustypen] == [
        (1, "Ontvangen", False),
        (2, "Klaar", True),
    ]
    assert [s.is_eindstatus for s in statustypen] == [False, True]
    assert AuditLogEntry.objects.filter(object_type="catalogus.zaaktype", actie="create").exists()


def test_a_zaaktype_needs_a_begin_and_an_end_status():
    with pytest.raises(ValidationError):
        services.zaaktype_create(
            identificatie="X", omschrijving="X", doorlooptijd=5, statustypen=[StatustypeData("A")]
        )


def test_statustype_order_is_unique_per_zaaktype():
    statustype = StatustypeFactory(volgnummer=1)
    with pytest.raises(IntegrityError):
        StatustypeFactory(zaaktype=statustype.zaaktype, volgnummer=1)


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"verlenging_mogelijk": True}, "verlengingstermijn"),
        ({"verlengingstermijn": 10}, "verlengingstermijn"),
        ({"servicenorm": 20, "doorlooptijd": 10}, "servicenorm"),
        # kcc.Eenheid's hours are for servicenormen; a zaak's terms are in days.
        ({"termijn_eenheid": Eenheid.UREN}, "termijn_eenheid"),
    ],
)
def test_zaaktype_terms_are_validated(fields, error_field):
    zaaktype = ZaaktypeFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        zaaktype.full_clean()
    assert error_field in error.value.message_dict


@pytest.mark.parametrize("unit", [Eenheid.WERKDAGEN, Eenheid.KALENDERDAGEN])
def test_zaaktype_terms_are_in_kccs_units_of_days(unit):
    zaaktype = ZaaktypeFactory(termijn_eenheid=unit)
    zaaktype.full_clean()
    zaaktype.refresh_from_db()
    assert zaaktype.termijn_eenheid == unit.value
    assert zaaktype.get_termijn_eenheid_display() == unit.label
