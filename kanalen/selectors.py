"""Reads on the channel intake."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from contacts.models import Kanaal
from kanalen.models import InkomendeEmail
from kcc.kpi import KpiFilters, Periode
from kcc.selectors import servicenorm_for

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
    norm = servicenorm_for(kanaal="email")
    return {**row, "norm": norm.omschrijving if norm else ""}
