"""Reads of the kanalen app: the e-mail work queue and its dashboard numbers."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from contacts.models import Kanaal
from kanalen.models import EmailAntwoord, InkomendeEmail
from kcc import sla
from kcc.calendar import next_werkdag
from kcc.kpi import KpiFilters, Periode
from kcc.models import Servicenorm
from kcc.selectors import afdeling_list, servicenorm_for
from kcc.sla import SlaItem

# Waiting for an answer (the SLA index covers exactly these).
OPEN_EMAIL_STATUSSEN = [InkomendeEmail.Status.NIEUW, InkomendeEmail.Status.IN_BEHANDELING]

# The queue's filter: "open" is the default, the rest are the item states.
QUEUE_FILTERS = {
    "open": OPEN_EMAIL_STATUSSEN,
    **{status.value: [status.value] for status in InkomendeEmail.Status},
}


def email_queue(*, status: str = "open") -> QuerySet[InkomendeEmail]:
    """Items in these states, nearest deadline first (no deadline last)."""
    statuses = QUEUE_FILTERS.get(status, QUEUE_FILTERS["open"])
    return (
        InkomendeEmail.objects.filter(status__in=statuses)
        .select_related("partij", "behandelaar__user", "origineel")
        .order_by("deadline", "ontvangen_op", "pk")
    )


def deadline_urgency(deadline, today=None) -> str:
    """'te_laat' past the deadline, 'bijna' when due today or the next werkdag, else ''."""
    if deadline is None:
        return ""
    today = today or timezone.localdate()
    if deadline < today:
        return "te_laat"
    if deadline <= next_werkdag(today + timedelta(days=1)):
        return "bijna"
    return ""


def email_detail(*, uuid) -> InkomendeEmail:
    return InkomendeEmail.objects.select_related(
        "partij", "behandelaar__user", "origineel", "klantcontact"
    ).get(uuid=uuid)


@dataclass(frozen=True)
class ThreadEntry:
    soort: str  # "in" or "uit"
    moment: object
    afzender: str
    onderwerp: str
    tekst: str
    email: InkomendeEmail | None = None


def email_thread(*, item: InkomendeEmail) -> list[ThreadEntry]:
    """The whole conversation, oldest first: incoming mails and our answers."""
    root = item.origineel or item
    mails = InkomendeEmail.objects.filter(Q(pk=root.pk) | Q(origineel=root)).prefetch_related(
        "bijlagen"
    )
    antwoorden = EmailAntwoord.objects.filter(email__in=mails).select_related("medewerker__user")
    entries = [
        ThreadEntry(
            "in",
            mail.ontvangen_op,
            mail.afzender_naam or mail.afzender_email,
            mail.onderwerp,
            mail.tekst,
            mail,
        )
        for mail in mails
    ] + [
        ThreadEntry("uit", a.verstuurd_op, str(a.medewerker), a.onderwerp, a.tekst)
        for a in antwoorden
    ]
    return sorted(entries, key=lambda entry: entry.moment)


_OPEN = Q(status__in=[InkomendeEmail.Status.NIEUW, InkomendeEmail.Status.IN_BEHANDELING])


def email_filters_apply(filters: KpiFilters) -> bool:
    """Incoming mail has no afdeling, product or medewerker yet: those filters, or
    another kanaal, leave no e-mail to count."""
    return (not filters.kanaal or filters.kanaal == Kanaal.EMAIL) and not any(
        (filters.afdeling, filters.product, filters.medewerker)
    )


def email_kpi_list(*, periode: Periode, soort: str = "") -> QuerySet[InkomendeEmail]:
    """Mail that is work for the KCC (no auto-replies, no quarantine). soort:
    ontvangen (in the period), open / te_laat (now, against the answer date)."""
    emails = InkomendeEmail.objects.exclude(
        status__in=[InkomendeEmail.Status.AUTOMATISCH, InkomendeEmail.Status.QUARANTAINE]
    )
    if soort == "ontvangen":
        emails = emails.filter(ontvangen_op__gte=periode.start, ontvangen_op__lt=periode.eind)
    elif soort == "open":
        emails = emails.filter(_OPEN)
    elif soort == "te_laat":
        emails = emails.filter(_OPEN, deadline__lt=timezone.localdate())
    return emails


def kpi_emails(*, periode: Periode, filters: KpiFilters) -> dict | None:
    """E-mails received in the period; open and past their answer date now."""
    if not email_filters_apply(filters):
        return None
    row = email_kpi_list(periode=periode).aggregate(
        ontvangen=Count(
            "pk", filter=Q(ontvangen_op__gte=periode.start, ontvangen_op__lt=periode.eind)
        ),
        open=Count("pk", filter=_OPEN),
        te_laat=Count("pk", filter=_OPEN & Q(deadline__lt=timezone.localdate())),
    )
    norm = servicenorm_for(kanaal=Servicenorm.Kanaal.EMAIL)
    return {**row, "norm": norm.omschrijving if norm else ""}


def sla_crossings(van: datetime, tot: datetime) -> list[SlaItem]:
    """Unanswered e-mails with a threshold in (van, tot], one SlaItem per threshold (the
    SLA provider of kanalen, registered in KanalenConfig.ready). They belong to the KCC's
    afdeling."""
    emails = sla.crossing(
        InkomendeEmail.objects.filter(status__in=OPEN_EMAIL_STATUSSEN), van, tot
    ).only("uuid", "referentie", "onderwerp", "behandelaar_id", *sla.DREMPEL_VELDEN.values())
    emails = list(emails)
    if not emails:
        return []
    afdeling = afdeling_list().filter(code=settings.KCC_AFDELING_CODE).first()
    return [
        SlaItem(
            soort=soort,
            tijdstip=tijdstip,
            object_uuid=email.uuid,
            omschrijving=f"e-mail {email.referentie} {email.onderwerp[:80]}".strip(),
            link=reverse("kanalen:email-detail", args=[email.uuid]),
            deadline=email.sla_verlopen_op,
            afdeling_id=afdeling.pk if afdeling else None,
            behandelaar_id=email.behandelaar_id,
            kanaal=Servicenorm.Kanaal.EMAIL,
        )
        for email in emails
        for soort, tijdstip in sla.crossed(email, van, tot)
    ]
