"""Checks shared by every way a file comes in (zaak documents in UI and API,
e-mail attachments): a safe stored name and a size limit with a Dutch message.
What a file *is* comes from its content: zaken/documents.py (allow-list for
documents) and the e-mail parser's sniffing (block-list for attachments)."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.utils.text import get_valid_filename

MAX_NAME_LENGTH = 100


def safe_filename(name: str | None, *, fallback: str) -> str:
    """Only the last path element ('../../x', 'C:\\x'), only letters, digits, '-', '_'
    and '.', no hidden-file dot, at most 100 characters with the extension kept;
    `fallback` when nothing is left. Strips control and bidi characters (an
    'invoice\u202efdp.exe' shows as 'invoiceexe.pdf' no more)."""
    name = PurePosixPath((name or "").replace("\\", "/")).name
    try:
        name = get_valid_filename(name)
    except SuspiciousFileOperation:
        name = ""
    name = name.lstrip(".")
    if not name:
        return fallback
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        keep = MAX_NAME_LENGTH - 10 - len(extension[:9])
        name = f"{stem[:keep]}.{extension[:9]}" if dot else name[:MAX_NAME_LENGTH]
    return name


def too_large_message(size: int, limit: int) -> str:
    """'' when the size is fine, else the Dutch reason."""
    if size > limit:
        return f"Het bestand is groter dan {limit // (1024 * 1024)} MB."
    return ""
