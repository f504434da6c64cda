"""Reads on the channel intake."""

from django.db.models import Count, Q
from django.utils import timezone

from contacts.models import Kanaal
from kanalen.models import InkomendeEmail
from kcc.kpi import KpiFilters, Periode
from kcc.selectors import servicenorm_for

# Auto-replies and quarantined mail are no work for the KCC: they never count.
_WERK = ~Q(status__in=[InkomendeEmail.Status.AUTOMATISCH, InkomendeEmail.Status.QUARANTAINE])
_OPEN = Q(status__in=[InkomendeEmail.Status.NIEUW, InkomendeEmail.Status.IN_BEHANDELING])


def kpi_emails(*, periode: Periode, filters: KpiFilters) -> dict | None:
    """E-mails received in the period; open and past their answer date now. None when
    the filters exclude e-mail (the mail has no afdeling, product or medewerker yet)."""
    if (filters.kanaal and filters.kanaal != Kanaal.EMAIL) or any(
        (filters.afdeling, filters.product, filters.medewerker)
    ):
        return None
    today = timezone.localdate()
    row = InkomendeEmail.objects.filter(_WERK).aggregate(
        ontvangen=Count(
            "pk", filter=Q(ontvangen_op__gte=periode.start, ontvangen_op__lt=periode.eind)
        ),
        open=Count("pk", filter=_OPEN),
        te_laat=Count("pk", filter=_OPEN & Q(deadline__lt=today)),
    )
    norm = servicenorm_for(kanaal="email")
    return {**row, "norm": str(norm.omschrijving) if norm else ""}
