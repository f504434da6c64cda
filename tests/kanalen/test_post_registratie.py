"""Registering an incoming letter: number, answer date by the post norm, scan checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kanalen.models import Poststuk
from kanalen.post import services
from kcc import calendar
from kcc.models import AuditLogEntry, Eenheid, Servicenorm
from tests.contacts.factories import PersoonFactory
from tests.factories import MedewerkerFactory
from tests.kanalen.factories import scan_pdf, upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def register(**kwargs):
    fields = {
        "onderwerp": "Bezwaar tegen aanslag",
        "datum_ontvangen": datetime.date(2026, 11, 23),
        "scan": upload(PDF),
        "door": None,
        "partij": PersoonFactory(),
    }
    fields.update(kwargs)
    return services.poststuk_register(**fields)


def test_a_letter_gets_a_number_the_post_norms_answer_date_and_its_scan(settings):
    Servicenorm.objects.create(
        kanaal=Servicenorm.Kanaal.POST, termijn=5, eenheid=Eenheid.WERKDAGEN, omschrijving="5"
    )
    door = MedewerkerFactory()
    inhoud = scan_pdf(pages=3)
    poststuk = register(
        scan=upload(inhoud, name="../../brief van de buren.pdf"),
        kenmerk_afzender="  AB/123  ",
        door=door,
    )

    jaar = datetime.date.today().year
    assert poststuk.poststuknummer == f"POST-{jaar}-000001"
    assert register().poststuknummer == f"POST-{jaar}-000002"
    # Monday 23 November + 5 werkdagen.
    assert poststuk.deadline == calendar.add_working_days(datetime.date(2026, 11, 23), 5)
    assert poststuk.deadline == datetime.date(2026, 11, 30)
    assert poststuk.status == Poststuk.Status.TE_ROUTEREN
    assert poststuk.kenmerk_afzender == "AB/123"
    assert poststuk.scan_formaat == "application/pdf"
    assert poststuk.scan_bestandsnaam == "brief_van_de_buren.pdf"
    with poststuk.scan.open("rb") as scan:
        assert scan.read() == inhoud
    entry = AuditLogEntry.objects.get(object_uuid=poststuk.uuid)
    assert entry.actie == AuditLogEntry.Actie.CREATE
    assert entry.user == door.user
    assert entry.partij_uuid == poststuk.partij.uuid


def test_the_kwaliteitshandvest_sets_the_answer_date():
    Servicenorm.objects.create(
        kanaal=Servicenorm.Kanaal.POST, termijn=10, eenheid=Eenheid.WERKDAGEN, omschrijving="10"
    )
    assert register().deadline == calendar.add_working_days(datetime.date(2026, 11, 23), 10)


def test_an_unknown_sender_is_kept_by_name_and_address():
    poststuk = register(
        partij=None, afzender_naam="Stichting 't Hofje", afzender_adres="Hofweg 1\n1234 AB"
    )
    assert poststuk.afzender == "Stichting 't Hofje"
    assert poststuk.afzender_adres == "Hofweg 1\n1234 AB"


def test_an_image_scan_is_accepted():
    assert register(scan=upload(PNG, name="scan.png")).scan_formaat == "image/png"


@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "brief.pdf"),  # an executable named .pdf
        (b"PK\x03\x04" + b"\x00" * 100, "brief.docx"),
        (b"Gewone tekst, geen scan.", "brief.txt"),
    ],
)
def test_a_scan_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_stored(
    inhoud, naam, settings, tmp_path
):
    with pytest.raises(ValidationError) as exc:
        register(scan=upload(inhoud, name=naam))
    assert exc.value.message_dict["scan"] == [
        "Dit bestand is geen PDF of afbeelding (JPEG, PNG): gecontroleerd op de inhoud, "
        "niet op de naam."
    ]
    assert not Poststuk.objects.exists()
    assert not list((tmp_path / "media").rglob("*.*"))


def test_a_docx_is_refused_although_zaken_accept_it():
    import io
    from zipfile import ZipFile

    buffer = io.BytesIO()
    with ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "wordprocessingml.document.main+xml")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationError) as exc:
        register(scan=upload(buffer.getvalue(), name="brief.docx"))
    assert "geen PDF of afbeelding" in exc.value.message_dict["scan"][0]


def test_too_large_and_empty_scans_are_refused(settings):
    settings.KCC_ZAAK_DOCUMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as exc:
        register(scan=upload(PDF + b"0" * (1024 * 1024)))
    assert exc.value.message_dict["scan"] == ["De scan is groter dan 1 MB."]
    with pytest.raises(ValidationError) as exc:
        register(scan=upload(b""))
    assert exc.value.message_dict["scan"] == ["Het bestand is leeg."]


def test_every_missing_field_is_reported_at_once():
    with pytest.raises(ValidationError) as exc:
        register(
            partij=None,
            onderwerp=" ",
            datum_ontvangen=datetime.date.today() + datetime.timedelta(days=1),
            scan=None,
        )
    assert exc.value.message_dict == {
        "onderwerp": ["Vul het onderwerp van de brief in."],
        "datum_ontvangen": ["De datum van ontvangst ligt in de toekomst."],
        "afzender_naam": ["Kies een afzender of vul de naam van de afzender in."],
        "scan": ["Voeg de scan van de brief toe."],
    }
    assert not Poststuk.objects.exists()
