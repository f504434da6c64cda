import pytest
from django.core import mail
from django.test import override_settings


@pytest.mark.django_db
def test_mail_sent_over_smtp_shows_in_the_dev_mailbox(client, dev_mail_server, beheerder):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_PORT=dev_mail_server.port,
        KCC_DEV_MAILBOX=dev_mail_server.mailbox_dir,
    ):
        mail.send_mail(
            "Uw aanvraag is ontvangen",
            "Wij nemen binnen 2 werkdagen contact op.",
            "noreply@gemeente-voorbeeld.example",
            ["j.jansen@example.nl"],
        )
        client.force_login(beheerder.user)
        listing = client.get("/dev/mail/").content.decode()
        assert "Uw aanvraag is ontvangen" in listing
        assert "j.jansen@example.nl" in listing


@pytest.mark.django_db
def test_dev_mailbox_is_for_staff_only(client, agent):
    client.force_login(agent.user)
    assert client.get("/dev/mail/").status_code == 302
