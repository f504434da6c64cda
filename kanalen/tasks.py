from celery import shared_task

from kanalen import services
from kanalen.afspraken import selectors as afspraken_selectors
from kanalen.afspraken import services as afspraken_services
from kanalen.models import Afspraak


@shared_task
def poll_imap_mailbox() -> int:
    return len(services.inkomende_email_imap_poll())


@shared_task
def send_afspraak_herinneringen() -> int:
    """Beat: tomorrow's reminders; each appointment once (see afspraak_remind)."""
    return sum(
        afspraken_services.afspraak_remind(afspraak=Afspraak.objects.get(pk=pk))
        for pk in afspraken_selectors.afspraken_te_herinneren()
    )


@shared_task
def mark_afspraken_no_show() -> int:
    return afspraken_services.afspraken_no_show_sweep()
