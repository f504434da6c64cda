"""The calendar file (RFC 5545) sent with an appointment's e-mails."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from kanalen.models import Afspraak


def afspraak_ics(afspraak: Afspraak, *, beheer_url: str, sequence: int = 0) -> bytes:
    """One VEVENT; the same UID with a higher SEQUENCE replaces it in the customer's
    calendar after a reschedule, METHOD:CANCEL removes it after a cancellation."""
    cancelled = afspraak.status == Afspraak.Status.GEANNULEERD
    cal = Calendar()
    cal.add("prodid", f"-//{settings.KCC_ORGANISATION_NAME}//KCC afspraken//NL")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"afspraak-{afspraak.uuid}@kcc")
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    # In UTC ("…Z"): a fixed-offset time would be written as a floating local time.
    event.add("dtstart", afspraak.begin.astimezone(datetime.UTC))
    event.add("dtend", afspraak.eind.astimezone(datetime.UTC))
    event.add("summary", f"{afspraak.product.naam} – {settings.KCC_ORGANISATION_NAME}")
    event.add("location", afspraak.locatie.naam)
    event.add(
        "description",
        f"Afspraakcode: {afspraak.code}\n"
        "Check bij aankomst in bij de zuil met deze code.\n"
        f"Verzetten of annuleren: {beheer_url}",
    )
    event.add("url", beheer_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
