import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.zaken.factories import make_zaak
from zaken import documents, services
from zaken.models import ZaakDocument

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip(
    {
        "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b"<w:document/>",
    }
)
ODT = _zip({"mimetype": documents.ODT.encode(), "content.xml": b"<office:document/>"})


@pytest.mark.parametrize(
    ("name", "content", "formaat"),
    [
        ("scan.pdf", PDF, documents.PDF),
        ("foto.jpg", JPEG, documents.JPEG),
        ("tekening.png", PNG, documents.PNG),
        ("brief.docx", DOCX, documents.DOCX),
        ("brief.odt", ODT, documents.ODT),
        # The name is not what counts: a PNG called .pdf is stored as a PNG.
        ("misleidend.pdf", PNG, documents.PNG),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, formaat):
    zaak = make_zaak()
    document = services.zaak_document_add(
        zaak=zaak, bestand=SimpleUploadedFile(name, content), door=None
    )
    assert document.formaat == formaat
    assert document.bestandsomvang == len(content)
    with document.bestand.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    "content",
    [EXE, b"gewoon tekst", _zip({"virus.exe": EXE}), b"PK\x03\x04 kapotte zip"],
    ids=["exe", "tekst", "zip", "kapot"],
)
def test_other_content_with_a_pdf_name_is_refused(content):
    zaak = make_zaak()
    with pytest.raises(ValidationError) as exc:
        services.zaak_document_add(
            zaak=zaak, bestand=SimpleUploadedFile("factuur.pdf", content), door=None
        )
    assert "geen PDF, JPEG, PNG, DOCX of ODT" in exc.value.message_dict["bestand"][0]
    assert not ZaakDocument.objects.exists()


def test_too_large_is_refused(settings):
    settings.KCC_ZAAK_DOCUMENT_MAX_BYTES = 1024 * 1024
    zaak = make_zaak()
    with pytest.raises(ValidationError) as exc:
        services.zaak_document_add(
            zaak=zaak, bestand=SimpleUploadedFile("groot.pdf", PDF + b" " * 1024 * 1024), door=None
        )
    assert exc.value.message_dict["bestand"] == ["Het bestand is groter dan 1 MB."]
    assert not ZaakDocument.objects.exists()
