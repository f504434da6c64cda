"""Every way a file comes in is checked by content, size and name: zaak documents
(screen and API) and e-mail attachments. An executable called .pdf, a file over
the limit and a path-traversal name, at each entry point."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from kcc import roles
from kcc.uploads import safe_filename
from tests.kanalen.conftest import make_mail
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken.models import ZaakDocument

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
TRAVERSAL = "../../../etc/cron.d/..\\..\\evil\u202efdp.pdf"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KCC_ZAAK_DOCUMENT_MAX_BYTES = 1024 * 1024
    settings.KCC_EMAIL_MAX_ATTACHMENT_BYTES = 1024 * 1024
    return settings.MEDIA_ROOT


def inside(path: str, root: Path) -> bool:
    return Path(path).resolve().is_relative_to(root.resolve())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\cmd.exe", "cmd.exe"),
        (".htaccess", "htaccess"),
        ("factuur\u202efdp.exe", "factuurfdp.exe"),
        ("a\x00b\r\n.pdf", "ab.pdf"),
        ("..", "reserve.bin"),
        ("", "reserve.bin"),
        ("x" * 300 + ".pdf", "x" * 87 + ".pdf"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name, fallback="reserve.bin") == expected


# --- zaak documents, API ------------------------------------------------------


@pytest.fixture
def backoffice_api(make_medewerker, api_client):
    medewerker = make_medewerker(roles.BACKOFFICE)
    api_client.force_authenticate(medewerker.user)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=medewerker.afdeling))
    api_client.url = f"/api/v1/zaken/{zaak.uuid}/documenten"
    return api_client


def test_api_refuses_an_executable_named_pdf(backoffice_api):
    upload = SimpleUploadedFile("factuur.pdf", EXE)
    response = backoffice_api.post(backoffice_api.url, {"bestand": upload}, format="multipart")
    assert response.status_code == 400
    assert "geen PDF" in response.json()["bestand"][0]
    assert not ZaakDocument.objects.exists()


def test_api_refuses_an_oversize_file(backoffice_api):
    upload = SimpleUploadedFile("groot.pdf", PDF + b" " * 1024 * 1024)
    response = backoffice_api.post(backoffice_api.url, {"bestand": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["bestand"] == ["Het bestand is groter dan 1 MB."]
    assert not ZaakDocument.objects.exists()


def test_api_stores_a_traversal_name_safely_inside_media_root(backoffice_api, media_root):
    upload = SimpleUploadedFile("scan.pdf", PDF)
    upload.name = TRAVERSAL  # as a hostile client sends it, past Django's basename
    response = backoffice_api.post(backoffice_api.url, {"bestand": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    document = ZaakDocument.objects.get()
    assert document.bestandsnaam == "evilfdp.pdf"
    assert inside(document.bestand.path, media_root)
    assert "/" not in document.bestandsnaam and ".." not in document.bestandsnaam


# --- zaak documents, screen ---------------------------------------------------


@pytest.fixture
def backoffice_page(make_medewerker, client):
    medewerker = make_medewerker(roles.BACKOFFICE)
    client.force_login(medewerker.user)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=medewerker.afdeling))
    client.url = f"/zaken/{zaak.uuid}/document/"
    return client


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("factuur.pdf", EXE), "geen PDF, JPEG, PNG, DOCX of ODT"),
        (
            lambda: SimpleUploadedFile("groot.pdf", PDF + b" " * 1024 * 1024),
            "groter dan 1 MB",
        ),
    ],
    ids=["exe-als-pdf", "te-groot"],
)
def test_the_screen_refuses_with_a_dutch_message(backoffice_page, upload, message):
    response = backoffice_page.post(backoffice_page.url, {"bestand": upload()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ZaakDocument.objects.exists()


def test_the_screen_stores_a_traversal_name_safely(backoffice_page, media_root):
    upload = SimpleUploadedFile("x.pdf", PDF)
    upload.name = TRAVERSAL
    response = backoffice_page.post(backoffice_page.url, {"bestand": upload})
    assert response.status_code == 302
    document = ZaakDocument.objects.get()
    assert document.bestandsnaam == "evilfdp.pdf"
    assert inside(document.bestand.path, media_root)


# --- e-mail attachments -------------------------------------------------------


def ingest_with(content: bytes, filename: str) -> InkomendeEmail:
    message = make_mail()
    message.add_attachment(content, maintype="application", subtype="pdf", filename=filename)
    item, _ = inkomende_email_ingest(raw=message.as_bytes(), bron=InkomendeEmail.Bron.API)
    return item


def test_mail_drops_an_executable_named_pdf():
    item = ingest_with(EXE, "factuur.pdf")
    assert not item.bijlagen.exists()
    assert "factuur.pdf" in item.verwerkingsnotities


def test_mail_drops_an_oversize_attachment():
    item = ingest_with(PDF + b" " * 1024 * 1024, "groot.pdf")
    assert not item.bijlagen.exists()
    assert "groter dan 1 MB" in item.verwerkingsnotities


def test_mail_stores_a_traversal_name_safely(media_root):
    item = ingest_with(PDF, TRAVERSAL)
    bijlage = item.bijlagen.get()
    # The mail's header encoding may turn the bidi character into "_" first.
    assert bijlage.bestandsnaam in ("evilfdp.pdf", "evil_fdp.pdf")
    assert inside(bijlage.bestand.path, media_root)
