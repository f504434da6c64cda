"""Every message of the corpus of odd real-world mail is stored: never lost, never a crash."""

import pytest

from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from tests.kanalen.conftest import CORPUS, corpus_bytes

FILES = sorted(path.name for path in CORPUS.glob("*.eml"))


def test_the_corpus_is_complete():
    assert len(FILES) == 103


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_every_corpus_message_is_stored(name):
    raw = corpus_bytes(name)

    item, created = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.COMMANDO)

    assert created
    item.refresh_from_db()
    with item.raw.open("rb") as stored:
        assert stored.read() == raw
    assert item.raw_grootte == len(raw)
    assert item.referentie.startswith("KCC-")
    if item.status == InkomendeEmail.Status.QUARANTAINE:
        assert item.quarantaine_reden
    else:
        assert item.afzender_email
    if item.status == InkomendeEmail.Status.AUTOMATISCH:
        assert item.is_automatisch and item.automatisch_reden and item.deadline is None
    if item.status == InkomendeEmail.Status.NIEUW:
        assert item.deadline is not None
    for bijlage in item.bijlagen.all():
        with bijlage.bestand.open("rb") as stored:
            assert len(stored.read()) == bijlage.grootte


BOUNCES_AND_AUTO_REPLIES = [
    "enmime__dsn_delayed_dsn.eml",
    "enmime__dsn_dsn_with_multipart_alternative.eml",
    "enmime__dsn_multi_recipient_dsn.eml",
    "enmime__mail_multipart-wo-boundary.eml",
    "flanker__bounce_broken-mime.eml",
    "flanker__bounce_mailbox-full.eml",
    "flanker__bounce_office365.eml",
    "flanker__bounce_zed.eml",
    "flanker__disposition-notification.eml",
    "sisimai__bsd_lhost-exim-01.eml",
    "sisimai__bsd_lhost-qmail-01.eml",
    "sisimai__bsd_lhost-kddi-01.eml",
    "sisimai__bsd_rfc3464-38.eml",
    "sisimai__bsd_rfc3834-01.eml",
    "sisimai__bsd_rfc3834-02.eml",
    "sisimai__bsd_rfc3834-03.eml",
    "sisimai__bsd_rfc3834-04.eml",
    "sisimai__bsd_rfc3834-05.eml",
    "sisimai__bsd_rfc3834-06.eml",
    "sisimai__mac_rfc3834-01.eml",
    "sisimai__mac_lhost-postfix-01.eml",
    "mail-parser__mail_test_16.eml",  # Precedence: junk
    "flanker__from-encoding.eml",  # mailing list, Precedence: bulk
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", BOUNCES_AND_AUTO_REPLIES)
def test_bounces_auto_replies_and_lists_are_flagged(name):
    item, _ = inkomende_email_ingest(raw=corpus_bytes(name), bron=InkomendeEmail.Bron.COMMANDO)

    assert item.status == InkomendeEmail.Status.AUTOMATISCH
    assert item.is_automatisch
    assert item.deadline is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["sisimai__not_is-not-bounce-01.eml", "enmime__mail_ctype-bug.eml", "flanker__8bitmime.eml"],
)
def test_ordinary_mail_is_not_flagged(name):
    item, _ = inkomende_email_ingest(raw=corpus_bytes(name), bron=InkomendeEmail.Bron.COMMANDO)

    assert item.status == InkomendeEmail.Status.NIEUW
    assert not item.is_automatisch


@pytest.mark.django_db
def test_mail_that_is_no_message_is_quarantined_with_its_reason():
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__mail_erroneous.eml"), bron=InkomendeEmail.Bron.COMMANDO
    )

    assert item.status == InkomendeEmail.Status.QUARANTAINE
    assert "geen kopregels" in item.quarantaine_reden


@pytest.mark.django_db
def test_the_header_that_crashes_pythons_default_policy_is_read():
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__mail_qp-utf8-header-recursed.eml"),
        bron=InkomendeEmail.Bron.COMMANDO,
    )

    assert item.status == InkomendeEmail.Status.NIEUW
    assert item.onderwerp == "MIME UTF8 Test \u00a2 More Text"
    assert item.afzender_email == "jamehi03@jamehi03lx.noa.com"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "subject"),
    [
        ("flanker__bilingual-simple.eml", "Как ты поживаешь?"),
        ("enmime__mail_qp-utf8-header-no-break.eml", "MIME UTF8 Test \u00a2 More Text"),
        ("sisimai__not_is-not-bounce-01.eml", "にゃんこ"),
    ],
)
def test_encoded_headers_are_decoded(name, subject):
    item, _ = inkomende_email_ingest(raw=corpus_bytes(name), bron=InkomendeEmail.Bron.COMMANDO)

    assert subject in item.onderwerp
    assert "=?" not in item.onderwerp


@pytest.mark.django_db
def test_html_only_mail_becomes_text_with_its_inline_image():
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__mail_html-only-inline.eml"), bron=InkomendeEmail.Bron.COMMANDO
    )

    assert item.tekst == "Test of HTML section"
    assert 'src="cid:' in item.html
    image = item.bijlagen.get()
    assert image.inline
    assert image.content_id == "8B8481A2-25CA-4886-9B5A-8EB9115DD064@skynet"
    assert image.content_type == "image/png"


@pytest.mark.django_db
def test_attachment_type_comes_from_the_content_not_the_header():
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__mail_attachment-only-no-disposition.eml"),
        bron=InkomendeEmail.Bron.COMMANDO,
    )

    bijlage = item.bijlagen.get()
    assert bijlage.opgegeven_content_type == "image/jpeg"
    assert bijlage.content_type == "image/png"
    assert bijlage.bestandsnaam == "favicon.jpg"
    with bijlage.bestand.open("rb") as stored:
        assert stored.read().startswith(b"\x89PNG")


@pytest.mark.django_db
def test_unknown_charset_is_read_and_noted():
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__low-quality_unk-charset-part.eml"),
        bron=InkomendeEmail.Bron.COMMANDO,
    )

    assert item.tekst == "A text section"
    assert "Onbekende tekenset 'fakescii'" in item.verwerkingsnotities
