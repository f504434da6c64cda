"""Parse one raw RFC 822 / MIME message into plain data, whatever arrives.

Built on Python's `email` package. Header values are decoded here from their raw
form (RFC 2047 words, unknown charsets, stray 8-bit bytes), so no header object
can raise later (see `_RawHeaders`).
`parse_email()` never raises for bad input: what cannot be read at all comes
back with a Dutch `quarantaine_reden`.
"""

import codecs
import email
import html as html_lib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

import filetype
import nh3
from django.conf import settings

from kcc.outbox import LOOP_HEADER

logger = logging.getLogger(__name__)


# A reference tag in a subject, e.g. "Re: Uw vraag [KCC-2026-000123]".
REFERENCE_TAG = re.compile(r"\[(KCC-\d{4}-\d{6,})\]", re.IGNORECASE)

_MESSAGE_ID = re.compile(r"<([^<>\s]{1,900})>")
_AUTO_SUBJECT = re.compile(
    r"^\s*(auto(matic|matisch)?[ -]?(reply|antwoord|response)|autoreply|out of office|"
    r"afwezigheidsbericht|undeliverable|onbestelbaar|returned mail|failure notice|"
    r"mail delivery failed|delivery status notification|non[- ]delivery)",
    re.IGNORECASE,
)
# Senders that are machines: bounces, or addresses that read no answers.
_MACHINE_SENDERS = {
    "mailer-daemon",
    "postmaster",
    "noreply",
    "no-reply",
    "donotreply",
    "do-not-reply",
}
_DELIVERY_REPORT_TYPES = {
    "message/delivery-status",
    "message/global-delivery-status",
    "message/disposition-notification",
    "message/feedback-report",
}
# Types we keep as declared when their content has no magic number to sniff.
_TEXTUAL_TYPES = ("text/", "message/")
_MAX_HEADER_CHARS = 10_000
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "table", "blockquote", "pre"}
_BLOCK_TAGS |= {f"h{level}" for level in range(1, 7)}
_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(\w+)[^>]*>")
_BLANK_LINES = re.compile(r"\n{3,}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class ParsedAttachment:
    bestandsnaam: str
    content_type: str  # sniffed from the content where possible
    opgegeven_content_type: str  # as the sender declared it
    inhoud: bytes
    inline: bool = False
    content_id: str = ""


@dataclass
class ParsedEmail:
    message_id: str = ""
    afzender_email: str = ""
    afzender_naam: str = ""
    antwoord_aan: str = ""
    aan: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    onderwerp: str = ""
    tekst: str = ""
    html: str = ""
    datum: datetime | None = None
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    bijlagen: list[ParsedAttachment] = field(default_factory=list)
    is_automatisch: bool = False
    automatisch_reden: str = ""
    quarantaine_reden: str = ""
    notities: list[str] = field(default_factory=list)
    mime_types: set[str] = field(default_factory=set)  # of the parts read, not of enclosed mail

    @property
    def referentie_tag(self) -> str:
        match = REFERENCE_TAG.search(self.onderwerp)
        return match.group(1).upper() if match else ""


# --- entry points -----------------------------------------------------------


def parse_email(raw: bytes, *, headers_only: bool = False) -> ParsedEmail:
    """Parse `raw`; with `headers_only` the body is not read (for oversized mail)."""
    try:
        message = _message_from_bytes(raw, headers_only=headers_only)
    except Exception as error:  # noqa: BLE001 - any parser failure means quarantine
        logger.warning("E-mail niet te lezen: %r", error)
        return ParsedEmail(quarantaine_reden=f"Het bericht kon niet worden gelezen: {error}")
    result = ParsedEmail()
    try:
        _read_headers(message, result)
        if not headers_only:
            _read_body(message, result)
        _detect_automatic(message, result)
        _detect_problems(message, result)
    except Exception as error:  # noqa: BLE001 - quarantine instead of losing the mail
        logger.exception("E-mail niet te verwerken")
        result.quarantaine_reden = f"Het bericht kon niet worden verwerkt: {error!r}"
    return result


class _RawHeaders(policy.EmailPolicy):
    """`policy.default`, but a header is fetched as the text it came as, unfolded.

    Header values are decoded by `decode_header_text` from their raw form, so the
    header objects of `policy.default` are never needed — and they cost: the
    parser and the generator ask for a part's Content-Type many times, and
    `policy.default` parses the header anew each time (a deeply nested mail took
    seconds). compat32 would do, but it turns 8-bit bytes into replacement
    characters on fetch and refolds header lines when writing an enclosed mail.
    """

    def header_fetch_parse(self, name: str, value: str) -> str:
        return _LINE_BREAK.sub("", value)


_POLICY = _RawHeaders()


def _message_from_bytes(raw: bytes, *, headers_only: bool) -> Message:
    parser = email.parser.BytesParser if not headers_only else email.parser.BytesHeaderParser
    return parser(policy=_POLICY).parsebytes(raw)


# --- headers ------------------------------------------------------------------


def raw_header_values(message: Message, name: str) -> list[str]:
    name = name.lower()
    return [str(value) for key, value in message.raw_items() if key.lower() == name]


def _raw_header(message: Message, name: str) -> str:
    values = raw_header_values(message, name)
    return values[0] if values else ""


def decode_bytes(data: bytes, charset: str | None, notes: list[str] | None = None) -> str:
    """Decode with the declared charset, else UTF-8, else Windows-1252; no NUL characters."""
    # PostgreSQL text cannot hold NUL.
    return _decode_bytes(data, charset, notes).replace("\x00", "")


def _decode_bytes(data: bytes, charset: str | None, notes: list[str] | None) -> str:
    charset = (charset or "").strip().strip("\"'").lower()
    if charset:
        try:
            codecs.lookup(charset)
        except LookupError:
            if notes is not None:
                notes.append(f"Onbekende tekenset '{charset[:40]}': gelezen als UTF-8/Latin-1.")
            charset = ""
    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Valid UTF-8 cut off mid-character (a mailer's length limit) is still UTF-8.
        if error.reason == "unexpected end of data" and not data[: error.start].isascii():
            return data.decode("utf-8", errors="replace")
        if charset:
            return data.decode(charset, errors="replace")
        return data.decode("cp1252", errors="replace")


def decode_header_text(raw: str) -> str:
    """A header value as readable text: RFC 2047 words decoded, one line, no control chars."""
    # Raw 8-bit bytes arrive as surrogate escapes; most senders meant UTF-8.
    raw = decode_bytes(raw.encode("utf-8", "surrogateescape"), None)
    raw = re.sub(r"\r\n|\r|\n", "", raw)[:_MAX_HEADER_CHARS]
    try:
        chunks = decode_header(raw)
    except Exception:  # noqa: BLE001 - malformed encoded words stay as they are
        chunks = [(raw, None)]
    parts = []
    for chunk, charset in chunks:
        parts.append(decode_bytes(chunk, charset) if isinstance(chunk, bytes) else chunk)
    text = "".join(ch if ch.isprintable() else " " for ch in "".join(parts))
    return re.sub(r"\s+", " ", text).strip()


def _addresses(message: Message, name: str) -> list[tuple[str, str]]:
    result = []
    for raw in raw_header_values(message, name):
        unfolded = re.sub(r"\r\n|\r|\n", " ", raw)[:_MAX_HEADER_CHARS]
        for display, address in getaddresses([unfolded]):
            address = decode_header_text(address).strip("<> ").lower()
            result.append((decode_header_text(display), address))
    return [(n, a) for n, a in result if a]


def _message_ids(raw: str) -> list[str]:
    raw = decode_header_text(raw)
    found = _MESSAGE_ID.findall(raw)
    if not found and raw.strip():
        found = raw.split()
    return [value.strip("<> ")[:998] for value in found if value.strip("<> ")]


def _read_headers(message: Message, result: ParsedEmail) -> None:
    ids = _message_ids(_raw_header(message, "message-id"))
    result.message_id = ids[0] if ids else ""
    senders = _addresses(message, "from") or _addresses(message, "sender")
    if senders:
        result.afzender_naam, result.afzender_email = senders[0]
        result.afzender_naam = result.afzender_naam[:255]
        result.afzender_email = result.afzender_email[:320]
    reply_to = _addresses(message, "reply-to")
    result.antwoord_aan = reply_to[0][1][:320] if reply_to else ""
    result.aan = [address for _, address in _addresses(message, "to")]
    result.cc = [address for _, address in _addresses(message, "cc")]
    result.onderwerp = decode_header_text(_raw_header(message, "subject"))
    result.in_reply_to = _message_ids(_raw_header(message, "in-reply-to"))
    result.references = _message_ids(" ".join(raw_header_values(message, "references")))
    result.datum = _parse_date(_raw_header(message, "date"))


def _parse_date(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        value = parsedate_to_datetime(decode_header_text(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if value is None or not 1970 <= value.year <= 2100:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# --- body ---------------------------------------------------------------------


def _content_type(part: Message) -> str:
    try:
        declared = part.get_content_type()
    except Exception:  # noqa: BLE001 - malformed Content-Type: treat as text
        return "text/plain"
    # Stored as the declared type of an attachment: no raw 8-bit bytes or NULs.
    return decode_header_text(declared).lower()


def _param(part: Message, name: str, header: str = "content-type") -> str:
    try:
        value = part.get_param(name, header=header)
    except Exception:  # noqa: BLE001
        return ""
    if isinstance(value, tuple):  # RFC 2231: (charset, language, value)
        try:
            value = email.utils.collapse_rfc2231_value(value)
        except Exception:  # noqa: BLE001
            value = value[2]
    return decode_header_text(str(value)) if value else ""


def _disposition(part: Message) -> str:
    raw = _raw_header(part, "content-disposition")
    return raw.split(";", 1)[0].strip().lower() if raw else ""


def _payload(part: Message, notes: list[str]) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - bad transfer encoding: keep the raw text
        notes.append("Een deel kon niet worden gedecodeerd en is onbewerkt bewaard.")
        data = None
    if data is None:
        payload = part.get_payload()
        if isinstance(payload, str):
            data = payload.encode("utf-8", "surrogateescape")
        else:
            data = b""
    return data


def _filename(part: Message) -> str:
    return _param(part, "filename", "content-disposition") or _param(part, "name")


def _read_body(message: Message, result: ParsedEmail) -> None:
    plain: list[str] = []
    htmls: list[str] = []
    _walk(message, result, plain, htmls)
    if htmls:
        result.html = sanitise_html("\n".join(htmls))
    if plain:
        result.tekst = "\n\n".join(text.strip("\n") for text in plain).strip()
    elif htmls:
        result.tekst = html_to_text("\n".join(htmls))
    if not result.tekst and not result.bijlagen:
        result.notities.append("Het bericht heeft geen tekst.")


def _walk(part: Message, result: ParsedEmail, plain, htmls, depth: int = 0) -> None:
    """Collect text and attachments; an enclosed message/rfc822 stays one attachment."""
    content_type = _content_type(part)
    result.mime_types.add(content_type)
    if part.is_multipart() and content_type.startswith("multipart/") and depth < 50:
        for child in part.get_payload():
            _walk(child, result, plain, htmls, depth + 1)
        return
    if content_type.startswith("multipart/"):
        # Its boundary was never found: the body is shown as text, nothing is hidden.
        plain.append(decode_bytes(_payload(part, result.notities), _param(part, "charset")))
        return
    disposition = _disposition(part)
    filename = _filename(part)
    is_text = content_type in {"text/plain", "text/html"}
    if is_text and disposition != "attachment" and not (filename and disposition != "inline"):
        data = _payload(part, result.notities)
        text = decode_bytes(data, _param(part, "charset"), result.notities)
        if content_type == "text/plain":
            plain.append(text)
        else:
            htmls.append(text)
        return
    result.bijlagen.append(_attachment(part, content_type, disposition, filename, result))


def _attachment(part, content_type, disposition, filename, result) -> ParsedAttachment:
    if part.is_multipart():  # message/rfc822 and friends: keep the enclosed message whole
        payload = part.get_payload()
        try:
            data = b"".join(p.as_bytes() for p in payload) if isinstance(payload, list) else b""
        except Exception:  # noqa: BLE001
            data = str(part).encode("utf-8", "replace")
    else:
        data = _payload(part, result.notities)
    content_id = decode_header_text(_raw_header(part, "content-id")).strip("<> ")[:255]
    return ParsedAttachment(
        bestandsnaam=filename,
        content_type=sniff_content_type(data, content_type),
        opgegeven_content_type=content_type[:255],
        inhoud=data,
        inline=disposition == "inline" or (bool(content_id) and disposition != "attachment"),
        content_id=content_id,
    )


def sniff_content_type(data: bytes, declared: str) -> str:
    """The type by content (magic number); text and message types as declared."""
    try:
        kind = filetype.guess_mime(data[:8192]) if data else None
    except Exception:  # noqa: BLE001
        kind = None
    if kind:
        return kind
    if declared.startswith(_TEXTUAL_TYPES) and b"\x00" not in data[:8192]:
        return declared
    return "application/octet-stream"


# --- HTML ---------------------------------------------------------------------


def _keep_safe_images(tag: str, attribute: str, value: str) -> str | None:
    # Remote images in mail are trackers: only inline (cid:) images stay.
    if tag == "img" and attribute == "src" and not value.lower().startswith("cid:"):
        return None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        url_schemes={"http", "https", "mailto", "cid"},
        attribute_filter=_keep_safe_images,
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(html: str) -> str:
    """Sanitised plain text: script/style dropped, blocks become lines."""
    cleaned = nh3.clean(html, tags=_BLOCK_TAGS, attributes={})

    def block(match: re.Match) -> str:
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "li":
            return "" if closing else "\n- "
        return "\n" if tag in _BLOCK_TAGS else ""

    text = html_lib.unescape(_BLOCK_TAG.sub(block, cleaned))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- classification -------------------------------------------------------------


def _detect_automatic(message: Message, result: ParsedEmail) -> None:
    def header(name: str) -> str:
        return decode_header_text(_raw_header(message, name)).lower()

    reasons = []
    auto_submitted = header("auto-submitted")
    if auto_submitted and not auto_submitted.startswith("no"):
        reasons.append(f"Auto-Submitted: {auto_submitted}")
    precedence = header("precedence")
    if precedence in {"bulk", "junk", "list", "auto_reply"}:
        reasons.append(f"Precedence: {precedence}")
    for name in ("List-Id", "List-Unsubscribe"):
        if raw_header_values(message, name):
            reasons.append(f"mailinglijst ({name})")
            break
    for name in ("X-Autoreply", "X-Autorespond", "X-Autogenerated", "X-Auto-Response"):
        if raw_header_values(message, name):
            reasons.append(f"automatisch antwoord ({name})")
            break
    return_paths = raw_header_values(message, "return-path")
    if return_paths and return_paths[0].strip() in {"<>", ""}:
        reasons.append("lege Return-Path (onbestelbaar-melding)")
    top_type = _content_type(message)
    if top_type == "multipart/report" or (result.mime_types | {top_type}) & _DELIVERY_REPORT_TYPES:
        reasons.append("afleverrapport (multipart/report)")
    local_part = result.afzender_email.split("@", 1)[0]
    if local_part in _MACHINE_SENDERS:
        reasons.append(f"afzender {local_part}")
    if not reasons and _AUTO_SUBJECT.match(result.onderwerp):
        reasons.append("onderwerp van een automatisch bericht")
    if reasons:
        result.is_automatisch = True
        result.automatisch_reden = "; ".join(reasons)[:255]


def _safe_walk(message: Message, depth: int = 0):
    yield message
    if depth < 50 and message.is_multipart():
        for child in message.get_payload():
            if isinstance(child, Message):
                yield from _safe_walk(child, depth + 1)


def _detect_problems(message: Message, result: ParsedEmail) -> None:
    defects = sorted(
        {type(defect).__name__ for part in _safe_walk(message) for defect in part.defects}
    )
    if defects:
        result.notities.append("MIME-fouten: " + ", ".join(defects))
    if raw_header_values(message, LOOP_HEADER):
        result.quarantaine_reden = (
            f"Mail-lus: het bericht draagt onze eigen kopregel {LOOP_HEADER}."
        )
        return
    received = len(raw_header_values(message, "received"))
    if received > settings.KCC_EMAIL_MAX_RECEIVED_HEADERS:
        result.quarantaine_reden = (
            f"Mail-lus: het bericht is {received} keer doorgestuurd "
            f"(grens {settings.KCC_EMAIL_MAX_RECEIVED_HEADERS})."
        )
        return
    if not list(message.raw_items()):
        result.quarantaine_reden = "Geen e-mailbericht: er zijn geen kopregels gevonden."
    elif not result.afzender_email:
        result.quarantaine_reden = "De afzender ontbreekt of is onleesbaar."
