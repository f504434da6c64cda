"""What an uploaded file really is, read from its content and never from its name."""

import zipfile

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", DOCX: ".docx", ODT: ".odt"}

_MAGIC = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
_ZIP = b"PK\x03\x04"


def _office_type(upload) -> str | None:
    """DOCX and ODT are zip files; the entries inside tell which one (or neither)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                content_types = archive.read("[Content_Types].xml")
                if b"wordprocessingml.document.main+xml" in content_types:
                    return DOCX
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def detect_formaat(upload) -> str | None:
    """The MIME type of an allowed file, or None for anything else (e.g. an executable)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, formaat in _MAGIC:
        if head.startswith(magic):
            return formaat
    if head.startswith(_ZIP):
        formaat = _office_type(upload)
        upload.seek(0)
        return formaat
    return None
