from celery import shared_task

from kanalen import services


@shared_task
def poll_imap_mailbox() -> int:
    return len(services.inkomende_email_imap_poll())
