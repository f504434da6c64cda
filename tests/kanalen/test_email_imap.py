"""IMAP polling against a real IMAP server: Debian's dovecot, started here."""

import imaplib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kanalen.models import InkomendeEmail
from kanalen.tasks import poll_imap_mailbox
from tests.conftest import BASE_DIR, free_port
from tests.kanalen.conftest import corpus_bytes, dovecot_path, make_mail

pytestmark = [pytest.mark.imap, pytest.mark.django_db(transaction=True)]

PASSWORD = "imap-test-geheim"
DOVECOT_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal_user}
default_login_user = {login_user}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/mail/%u
}}
"""


@pytest.fixture
def dovecot(settings):
    root = Path(tempfile.mkdtemp(prefix="kcc-dovecot-"))
    root.chmod(0o755)  # the mail user must reach its maildir
    (root / "mail").mkdir()
    if os.geteuid() == 0:
        internal_user, login_user, mail_user = "dovecot", "dovenull", "nobody"
    else:
        internal_user = login_user = mail_user = pwd.getpwuid(os.geteuid()).pw_name
    mail_group = pwd.getpwnam(mail_user).pw_gid
    shutil.chown(root / "mail", mail_user, mail_group)
    (root / "passwd").write_text(f"kcc:{{PLAIN}}{PASSWORD}\n")
    port = free_port()
    (root / "dovecot.conf").write_text(
        DOVECOT_CONF.format(
            root=root,
            port=port,
            internal_user=internal_user,
            login_user=login_user,
            mail_user=mail_user,
            mail_group=mail_group,
        )
    )
    server = subprocess.Popen(
        [dovecot_path(), "-F", "-c", str(root / "dovecot.conf")], cwd=BASE_DIR
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            imaplib.IMAP4("127.0.0.1", port, timeout=2).logout()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                pytest.fail(f"dovecot startte niet: {log[-2000:]}")
            time.sleep(0.1)
    settings.KCC_IMAP_HOST = "127.0.0.1"
    settings.KCC_IMAP_PORT = port
    settings.KCC_IMAP_SSL = False
    settings.KCC_IMAP_USER = "kcc"
    settings.KCC_IMAP_PASSWORD = PASSWORD
    settings.KCC_IMAP_FOLDER = "INBOX"
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login("kcc", PASSWORD)
    yield client
    client.logout()
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(root, ignore_errors=True)


def flags(client: imaplib.IMAP4) -> list[bytes]:
    client.select("INBOX")
    _, data = client.fetch("1:*", "(FLAGS)")
    return [line for line in data if line]


def test_unseen_mail_is_ingested_and_then_marked_seen(dovecot):
    dovecot.append("INBOX", None, None, make_mail(message_id="<imap-1@example.nl>").as_bytes())
    dovecot.append("INBOX", None, None, corpus_bytes("enmime__mail_erroneous.eml"))
    dovecot.append(
        "INBOX", "(\\Seen)", None, make_mail(message_id="<al-gelezen@example.nl>").as_bytes()
    )

    count = poll_imap_mailbox()

    assert count == 2
    item = InkomendeEmail.objects.get(message_id="imap-1@example.nl")
    assert item.bron == InkomendeEmail.Bron.IMAP
    assert InkomendeEmail.objects.filter(status=InkomendeEmail.Status.QUARANTAINE).count() == 1
    assert not InkomendeEmail.objects.filter(message_id="al-gelezen@example.nl").exists()
    assert all(b"\\Seen" in line for line in flags(dovecot))


def test_a_second_poll_finds_nothing_new(dovecot):
    dovecot.append("INBOX", None, None, make_mail().as_bytes())
    poll_imap_mailbox()

    assert poll_imap_mailbox() == 0
    assert InkomendeEmail.objects.count() == 1
