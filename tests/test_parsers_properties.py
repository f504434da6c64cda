"""Property-based tests (hypothesis) for everything that parses outside input:
e-mail (headers and MIME), the UPL CSV import, CTI events and the identifier
normalisers. Fixed derandomised runs, so CI sees the same cases every time."""

import csv
import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from stdnum.nl import bsn as stdnum_bsn

from catalogus import services as catalogus_services
from contacts import identifiers, registers
from kanalen.email.parser import ParsedEmail, parse_email
from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from tests.kanalen.factories import PLATFORM_TOKEN, TelefonieKoppelingFactory

PURE = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
WITH_DB = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def rolled_back():
    """Each generated example in its own savepoint, so that examples do not meet."""

    class _Block:
        def __enter__(self):
            self.atomic = transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, *exc):
            transaction.set_rollback(True)
            return self.atomic.__exit__(*exc)

    return _Block()


# --- e-mail ---------------------------------------------------------------

HEADER_NAMES = [
    "From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To",
    "References", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
    "MIME-Version", "Auto-Submitted", "Precedence", "X-Loop", "Return-Path",
]  # fmt: skip
header_value = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "=?utf-8?b?w6k=?=",
            "=?x-unknown?q?caf=E9?=",
            "=?utf-8?q?broken",
            'multipart/mixed; boundary="b"',
            "multipart/alternative; boundary=",
            "text/html; charset=utf-7",
            "text/plain; charset=does-not-exist",
            "base64",
            "quoted-printable",
            'attachment; filename="../../etc/passwd"',
            "attachment; filename*=utf-8''%E2%80%AE.pdf",
            "<a@b>, <c@d>",
            '"Jan, de Vries" <jan@example.nl>',
            "undisclosed-recipients:;",
            "Mon, 32 Foo 99999 25:61:61 +9999",
        ]
    ),
)
body_part = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [
            b"--b\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script><p>x</p>\r\n--b--",
            b"--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!",
            b"--b\r\n\r\n--b\r\n--b--\r\n--b--",
            b"<img src=x onerror=alert(1)>",
            b"=C3=A9=\r\n=ZZ",
        ]
    ),
)


@st.composite
def raw_mails(draw) -> bytes:
    headers = draw(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), header_value), max_size=10))
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("utf-8", errors="surrogateescape") + b"\r\n" + draw(body_part)


# Every stored header longer than its column.
LONG_HEADERS = (
    f"Message-ID: <{'m' * 1200}@example.nl>\r\n"
    f'From: "{"Naam " * 80}" <{"a" * 300}@{"d" * 300}.nl>\r\n'
    f"Reply-To: {'r' * 400}@example.nl\r\n"
    f"Auto-Submitted: auto-replied; {'x' * 400}\r\n"
    'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
    "--b\r\nContent-Type: text/plain\r\n\r\nhoi\r\n"
    f"--b\r\nContent-Type: application/{'p' * 300}\r\nContent-ID: <{'c' * 300}>\r\n"
    f'Content-Disposition: attachment; filename="{"f" * 400}.pdf"\r\n\r\n%PDF-1.4\r\n--b--\r\n'
).encode()


@PURE
@given(raw=st.one_of(st.binary(max_size=500), raw_mails()))
@example(raw=LONG_HEADERS)
def test_the_mail_parser_never_raises_and_never_keeps_script(raw):
    for headers_only in (True, False):
        parsed = parse_email(raw, headers_only=headers_only)
        assert isinstance(parsed, ParsedEmail)
        assert "<script" not in parsed.html.lower()
        assert "onerror" not in parsed.html.lower()


@pytest.mark.django_db
@WITH_DB
@given(raw=raw_mails())
@example(raw=LONG_HEADERS)
def test_every_mail_is_stored_as_an_item_or_in_quarantine_with_a_reason(raw, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with rolled_back():
        item, _ = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.API)
        item.refresh_from_db()
        assert item.raw.read() == raw
        if item.status == InkomendeEmail.Status.QUARANTAINE:
            assert item.quarantaine_reden


# --- UPL CSV import -----------------------------------------------------------

cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["X", "", "A1;B2", "http://standaarden.overheid.nl/owms/terms/x"]),
)
upl_row = st.one_of(
    st.lists(cell, max_size=25),
    st.tuples(
        st.text(min_size=0, max_size=300),
        st.one_of(
            st.text("abcdefghij-", max_size=600).map(
                lambda rest: "http://standaarden.overheid.nl/owms/terms/" + rest
            ),
            st.text(max_size=40),
        ),
        st.lists(st.sampled_from(["", "X", "x"]), min_size=17, max_size=17),
    ).map(lambda t: [t[0], t[1], *t[2]]),
)


LONG_NAME_ROW = ["n" * 300, "http://standaarden.overheid.nl/owms/terms/lang", "", "", "", "X"]
LONG_URI_ROW = ["lang", "http://standaarden.overheid.nl/owms/terms/" + "u" * 600, "", "", "", "X"]


@pytest.mark.django_db
@WITH_DB
@given(rows=st.lists(upl_row, max_size=8), tail=st.binary(max_size=40))
@example(rows=[LONG_NAME_ROW + [""] * 13], tail=b"")
@example(rows=[LONG_URI_ROW + [""] * 13], tail=b"")
def test_the_upl_import_takes_or_rejects_every_row_and_never_crashes(rows, tail, tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(catalogus_services.UPL_COLUMNS)
    writer.writerows(rows)
    upl = tmp_path / "upl.csv"
    upl.write_bytes(buffer.getvalue().encode("utf-8", errors="surrogateescape") + tail)
    sdg = tmp_path / "sdg.csv"
    sdg.write_text("code,gebied,gebied_uri,thema,thema_uri\n")
    upl_sdg = tmp_path / "upl_sdg.csv"
    upl_sdg.write_text("a,b,c,d,e,f\n")
    with rolled_back():
        report = catalogus_services.upl_import(path=upl, sdg_path=sdg, upl_sdg_path=upl_sdg)
        assert all(isinstance(line, int) and reason for line, reason in report.rejected)
        assert report.created + report.updated + report.unchanged + report.skipped <= len(rows)


# --- register CSV (contacts/data) --------------------------------------------

PERSOON_COLUMNS = [
    "bsn", "voornamen", "voorvoegsel", "geslachtsnaam", "geboortedatum", "geheimhouding",
    "overlijdensdatum", "straat", "huisnummer", "huisletter", "toevoeging", "postcode",
    "woonplaats",
]  # fmt: skip
register_cell = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["", "ja", "nee", "1965-05-04", "1965-13-45", "12", "x", "1234 AB"]),
    st.integers(1, 10**8 - 1).map(identifiers.bsn_from_number),
)


@PURE
@given(
    rows=st.lists(st.lists(register_cell, min_size=0, max_size=15), max_size=6),
    tail=st.binary(max_size=30),
)
def test_the_register_csv_serves_the_good_rows_and_names_the_bad_lines(rows, tail, tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PERSOON_COLUMNS)
    writer.writerows(rows)
    folder = tmp_path / f"register-{uuid.uuid4()}"
    folder.mkdir()
    (folder / "personen.csv").write_bytes(buffer.getvalue().encode() + tail)
    register = registers.LocalRegister(folder)
    personen = register.personen()
    assert all(stdnum_bsn.is_valid(persoon.bsn) for persoon in personen)
    lines = len((folder / "personen.csv").read_bytes().splitlines()) + 1
    assert all(2 <= line <= lines and reason for _, line, reason in register.rejected)


# --- CTI events -------------------------------------------------------------

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=5,
)
EVENT_FIELDS = [
    "extern_id", "event", "beller", "gebeld_nummer", "toestelnummer", "wachtrij",
    "wachttijd_seconden", "tijdstip",
]  # fmt: skip
plausible = {
    "extern_id": st.text(max_size=250),
    "event": st.sampled_from(["ringing", "answered", "ended", "missed", "transferred", "?"]),
    "beller": st.text("0123456789+-() ", max_size=45),
    "tijdstip": st.sampled_from(["2026-03-02T10:00:00+01:00", "gisteren", "", None]),
    "wachttijd_seconden": st.one_of(st.integers(), st.none(), st.text(max_size=5)),
}
event_payload = st.fixed_dictionaries(
    {},
    optional={name: plausible.get(name, json_value) for name in EVENT_FIELDS},
)


@pytest.mark.django_db
@WITH_DB
@given(payload=st.one_of(event_payload, json_value))
def test_a_cti_event_is_accepted_or_a_400_per_field_never_a_5xx(payload):
    with rolled_back():
        TelefonieKoppelingFactory()
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {PLATFORM_TOKEN}")
        response = client.post("/api/v1/telefonie/gesprekken", payload, format="json")
        assert response.status_code in (200, 201, 400), response.content
        if response.status_code == 400:
            body = response.json()
            assert isinstance(body, dict) and body
            assert all(
                isinstance(messages, list | str | dict) and messages for messages in body.values()
            )


# --- identifiers ------------------------------------------------------------

NORMALISERS = [
    identifiers.normalise_bsn,
    identifiers.normalise_kvk_nummer,
    identifiers.normalise_vestigingsnummer,
    identifiers.normalise_postcode,
    identifiers.normalise_phone,
    identifiers.normalise_email,
]
noisy_text = st.one_of(
    st.text(max_size=40),
    st.text("0123456789 -().+", max_size=20),
    st.from_regex(r"[1-9][0-9]{3} ?[a-zA-Z]{2}", fullmatch=True),
)


@pytest.mark.parametrize("normalise", NORMALISERS, ids=lambda f: f.__name__)
@PURE
@given(value=noisy_text)
def test_a_normaliser_answers_a_value_or_a_dutch_field_error_and_is_idempotent(normalise, value):
    try:
        normalised = normalise(value)
    except ValidationError as error:
        assert error.messages and all(message for message in error.messages)
        return
    assert normalise(normalised) == normalised


@PURE
@given(number=st.integers(min_value=1, max_value=10**8 - 1), noise=st.sampled_from(["", " ", "."]))
def test_a_valid_bsn_survives_formatting_noise(number, noise):
    bsn = identifiers.bsn_from_number(number)
    assert stdnum_bsn.is_valid(bsn)
    spaced = noise.join([bsn[:4], bsn[4:6], bsn[6:]])
    assert identifiers.normalise_bsn(spaced) == bsn


@PURE
@given(subscriber=st.from_regex(r"6[0-9]{8}", fullmatch=True), style=st.integers(0, 3))
def test_dutch_mobile_numbers_in_any_writing_normalise_to_one_e164(subscriber, style):
    written = [
        f"0{subscriber}",
        f"0{subscriber[0]}-{subscriber[1:]}",
        f"+31 {subscriber}",
        f"0031({subscriber[0]}){subscriber[1:]}",
    ][style]
    assert identifiers.normalise_phone(written) == f"+31{subscriber}"
