"""The `e-mail ingest` benchmark gives every corpus mail a Message-ID of its own."""

from email import message_from_bytes

import pytest

from kanalen.email.benchmark import corpus, with_fresh_message_id
from kanalen.email.parser import parse_email

MAILS = corpus()


@pytest.mark.parametrize("raw", MAILS[::7])
def test_the_fresh_message_id_is_the_only_one_and_the_body_is_untouched(raw):
    fresh = with_fresh_message_id(raw, "bench-1@bench.test")

    ids = [value.strip() for value in message_from_bytes(fresh).get_all("Message-ID")]
    assert ids == ["<bench-1@bench.test>"]
    assert parse_email(fresh).message_id == "bench-1@bench.test"
    assert fresh.endswith(raw[-200:])


def test_a_folded_message_id_is_replaced_whole():
    raw = (
        b"From: a@example.nl\r\nMessage-ID:\r\n <old@x>\r\nSubject: s\r\n\r\n"
        b"Message-ID: <body@x>\r\n"
    )

    fresh = with_fresh_message_id(raw, "new@y")

    assert fresh == (
        b"Message-ID: <new@y>\r\nFrom: a@example.nl\r\nSubject: s\r\n\r\nMessage-ID: <body@x>\r\n"
    )
