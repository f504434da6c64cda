"""The MIME parser on its own: header decoding, HTML, detection; never raises."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kanalen.email.parser import (
    decode_header_text,
    html_to_text,
    parse_email,
    sanitise_html,
)
from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest

HEADER_NAMES = st.sampled_from(
    [
        "From",
        "To",
        "Cc",
        "Reply-To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "Auto-Submitted",
        "Return-Path",
        "List-Id",
        "X-Anything",
    ]
)


def _message(headers: list[tuple[str, bytes]], body: bytes = b"tekst\r\n") -> bytes:
    return (
        b"".join(name.encode() + b": " + value + b"\r\n" for name, value in headers)
        + b"\r\n"
        + body
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(HEADER_NAMES, st.binary(max_size=200)), max_size=8), st.binary(max_size=300)
)
def test_random_bytes_in_headers_and_body_never_crash_the_parser(headers, body):
    result = parse_email(_message(headers, body))

    assert isinstance(result.onderwerp, str)
    assert result.quarantaine_reden or result.afzender_email


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(HEADER_NAMES, st.text(max_size=200)), max_size=8))
def test_random_unicode_in_headers_never_crashes_the_parser(headers):
    encoded = [(name, value.encode("utf-8", "surrogatepass")) for name, value in headers]

    result = parse_email(_message(encoded))

    assert "\n" not in result.onderwerp and "\r" not in result.onderwerp


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_decoded_header_text_is_one_printable_line(value):
    decoded = decode_header_text(value)

    assert all(ch.isprintable() for ch in decoded)


@given(st.text(min_size=1, max_size=80).filter(lambda s: s.strip() and s.isprintable()))
def test_an_rfc2047_encoded_subject_comes_back_as_written(subject):
    from email.header import Header

    encoded = Header(subject, "utf-8").encode()

    assert decode_header_text(encoded) == " ".join(subject.split())


def test_address_headers_are_decoded_and_lowercased():
    raw = _message(
        [
            ("From", b"=?utf-8?q?Jos=C3=A9_M=C3=BCller?= <Jose.Muller@Example.NL>"),
            ("To", b"info@gemeente-voorbeeld.example, "),
            ("Subject", b"=?iso-8859-1?q?Caf=E9?= en meer"),
        ]
    )

    result = parse_email(raw)

    assert result.afzender_naam == "José Müller"
    assert result.afzender_email == "jose.muller@example.nl"
    assert result.aan == ["info@gemeente-voorbeeld.example"]
    assert result.onderwerp == "Café en meer"


def test_raw_8bit_header_bytes_are_read_as_utf8():
    result = parse_email(
        _message([("From", b"a@example.nl"), ("Subject", "Brief over één ding".encode())])
    )

    assert result.onderwerp == "Brief over één ding"


def test_a_raw_utf8_attachment_name_cut_off_mid_character_stays_utf8():
    name = "Картинка с очень длинным именем".encode()[:-1]  # a mailer's length limit
    raw = _message(
        [
            ("From", b"a@example.nl"),
            ("Content-Type", b'multipart/mixed; boundary="b"'),
        ],
        b"--b\r\nContent-Type: text/plain\r\n\r\ntekst\r\n--b\r\n"
        b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="'
        + name
        + b'"\r\n\r\n%PDF-1.4\r\n--b--\r\n',
    )

    result = parse_email(raw)

    assert result.bijlagen[0].bestandsnaam == "Картинка с очень длинным имене\ufffd"


def test_raw_latin1_header_bytes_are_not_taken_for_cut_off_utf8():
    latin1 = "Café".encode("cp1252")

    result = parse_email(_message([("From", b"a@example.nl"), ("Subject", latin1)]))

    assert result.onderwerp == "Café"


def test_html_to_text_drops_scripts_and_keeps_lines():
    html = (
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head>"
        "<body><p>Beste gemeente,</p><p>Mijn adres is <b>Dorpsstraat&nbsp;1</b>.</p>"
        "<ul><li>een</li><li>twee</li></ul></body></html>"
    )

    text = html_to_text(html)

    assert text == "Beste gemeente,\n\nMijn adres is Dorpsstraat 1.\n\n- een\n- twee"


def test_sanitised_html_has_no_script_handlers_or_remote_images():
    html = (
        '<p onclick="x()">Hoi<script>alert(1)</script></p>'
        '<img src="https://tracker.example/pixel.gif"><img src="cid:logo@x">'
        '<a href="javascript:alert(1)">klik</a>'
    )

    clean = sanitise_html(html)

    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "tracker.example" not in clean
    assert 'src="cid:logo@x"' in clean


def test_auto_submitted_no_is_an_ordinary_mail():
    result = parse_email(_message([("From", b"a@example.nl"), ("Auto-Submitted", b"no")]))

    assert not result.is_automatisch


def test_list_mail_is_automatic():
    result = parse_email(_message([("From", b"a@example.nl"), ("List-Id", b"<nieuws.example.nl>")]))

    assert result.is_automatisch
    assert "List-Id" in result.automatisch_reden


def test_a_malformed_boundary_is_read_and_noted():
    raw = (
        b"From: a@example.nl\r\nSubject: kapot\r\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        b"--ABC\r\nContent-Type: text/plain\r\n\r\nHallo\r\n"
    )

    result = parse_email(raw)

    assert not result.quarantaine_reden
    assert "Hallo" in result.tekst
    assert "MIME-fouten" in " ".join(result.notities)


def test_header_in_an_unknown_charset_is_read():
    raw = _message([("From", b"a@example.nl"), ("Subject", b"=?x-onbekend?q?Caf=E9?=")])

    result = parse_email(raw)

    assert result.onderwerp.startswith("Caf")


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.tuples(HEADER_NAMES, st.binary(max_size=120)), max_size=6), st.binary(max_size=200)
)
def test_random_bytes_are_always_stored(tmp_path, headers, body):
    raw = _message([("From", b"a@example.nl"), *headers], body)

    item, created = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.API)

    # Examples share one transaction: a repeated Message-ID is a duplicate.
    assert item.raw_grootte == len(raw) if created else item.message_id
