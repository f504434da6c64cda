"""SLA monitoring: the threshold moments of a term and the registry of monitored items.

Every app whose items carry a deadline (zaken, contactverzoeken, e-mails) stores the
four threshold moments of `drempels()` on each open item, with an index per moment,
and registers a provider in its AppConfig.ready. The sweep (`kcc.services.sla_sweep`)
asks each provider which items crossed a threshold in (van, tot]: an index range
scan, so its cost follows the items crossing, not the items open.

The fractions of a term are counted in opening time of the business calendar, so a
weekend or holiday neither brings a warning forward nor lets "3× de termijn" pass
while the municipality is closed.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from kcc.calendar import add_opening_time, local_moment, opening_time_between, openingstijden
from kcc.models import SlaSoort


@dataclass(frozen=True)
class Drempels:
    """The moments a term's thresholds are crossed."""

    waarschuwing_op: datetime
    vandaag_op: datetime
    verlopen_op: datetime
    ernstig_op: datetime

    def as_fields(self, prefix: str = "sla_") -> dict[str, datetime]:
        """As the model fields every monitored app uses (`sla_waarschuwing_op`, …)."""
        return {
            f"{prefix}waarschuwing_op": self.waarschuwing_op,
            f"{prefix}vandaag_op": self.vandaag_op,
            f"{prefix}verlopen_op": self.verlopen_op,
            f"{prefix}ernstig_op": self.ernstig_op,
        }


# The model field per soort, the same name in every monitored app.
DREMPEL_VELDEN = {
    SlaSoort.WAARSCHUWING: "sla_waarschuwing_op",
    SlaSoort.VANDAAG_VERLOPEND: "sla_vandaag_op",
    SlaSoort.VERLOPEN: "sla_verlopen_op",
    SlaSoort.ERNSTIG_VERLOPEN: "sla_ernstig_op",
}


def drempels(start: datetime, deadline: datetime, *, percentage: int | None = None) -> Drempels:
    """The threshold moments of the term from start to deadline.

    waarschuwing: `percentage` (KCC_SLA_WAARSCHUWING_PERCENTAGE) of the term;
    vandaag: opening time on the deadline's day; verlopen: the deadline;
    ernstig: three times the term.
    """
    if percentage is None:
        percentage = settings.KCC_SLA_WAARSCHUWING_PERCENTAGE
    start, deadline = local_moment(start), local_moment(deadline)
    term = opening_time_between(start, deadline)
    opens, _closes = openingstijden()
    vandaag = datetime.combine(deadline.date(), opens, tzinfo=deadline.tzinfo)
    if term <= timedelta(0):
        # A term without opening time (e.g. set in the past): all but ernstig at once.
        return Drempels(
            waarschuwing_op=min(start, deadline),
            vandaag_op=min(max(start, vandaag), deadline),
            verlopen_op=deadline,
            ernstig_op=deadline,
        )
    return Drempels(
        waarschuwing_op=min(add_opening_time(start, term * percentage / 100), deadline),
        vandaag_op=min(max(start, vandaag), deadline),
        verlopen_op=deadline,
        ernstig_op=max(add_opening_time(start, term * 3), deadline),
    )


@dataclass(frozen=True)
class SlaItem:
    """What a provider tells the sweep about one item that crossed a threshold."""

    soort: str
    tijdstip: datetime
    object_uuid: uuid.UUID
    omschrijving: str
    link: str
    deadline: datetime
    afdeling_id: int | None = None
    team_id: int | None = None
    behandelaar_id: int | None = None
    kanaal: str = ""
    zaaktype_id: int | None = None
    product_id: int | None = None


# (van, tot) → one SlaItem per threshold of an open, not suspended item in (van, tot].
SlaProvider = Callable[[datetime, datetime], Iterable[SlaItem]]

_providers: dict[str, SlaProvider] = {}
_recomputers: dict[str, Callable[[], int]] = {}


def register_provider(
    object_type: str, provider: SlaProvider, *, recompute: Callable[[], int]
) -> None:
    """Called from an app's AppConfig.ready: `provider` from its selectors, `recompute`
    a service that stores the thresholds of all its open items anew (for data that
    was loaded without them, and after changing the warning percentage)."""
    _providers[object_type] = provider
    _recomputers[object_type] = recompute


def providers() -> dict[str, SlaProvider]:
    return dict(_providers)


def recompute_all() -> dict[str, int]:
    """Store the thresholds of every open monitored item anew; counts per object type."""
    return {object_type: recompute() for object_type, recompute in _recomputers.items()}


def recompute_rows(queryset: QuerySet, term: Callable[[object], tuple | None]) -> int:
    """Recompute the thresholds of the items of `queryset`; `term(item)` gives its
    (start, deadline), or None when it has no deadline. In chunks, for big tables."""
    fields = list(DREMPEL_VELDEN.values())
    changed, batch = 0, []

    def flush() -> int:
        count = queryset.model.objects.bulk_update(batch, fields) if batch else 0
        batch.clear()
        return count

    for item in queryset.iterator(chunk_size=2000):
        span = term(item)
        if span is None:
            continue
        for field, moment in drempels(*span).as_fields().items():
            setattr(item, field, moment)
        batch.append(item)
        if len(batch) == 2000:
            changed += flush()
    return changed + flush()


def drempels_na_opschorting(
    vorige: Drempels | None,
    *,
    start: datetime,
    deadline: datetime,
    suspended_from: datetime,
    resumed_at: datetime,
) -> Drempels:
    """The thresholds after a suspension: the clock stood still, so each one moves by
    the opening time of the suspension; the deadline itself was moved by its own unit."""
    if vorige is None:
        return drempels(start, deadline)
    stilstand = opening_time_between(suspended_from, resumed_at)
    nieuw = drempels(start, deadline)
    return Drempels(
        waarschuwing_op=min(add_opening_time(vorige.waarschuwing_op, stilstand), deadline),
        vandaag_op=nieuw.vandaag_op,
        verlopen_op=nieuw.verlopen_op,
        ernstig_op=max(add_opening_time(vorige.ernstig_op, stilstand), deadline),
    )


def drempels_of(item) -> Drempels | None:
    """The thresholds stored on a monitored item (None before they were set)."""
    if item.sla_verlopen_op is None:
        return None
    return Drempels(
        waarschuwing_op=item.sla_waarschuwing_op,
        vandaag_op=item.sla_vandaag_op,
        verlopen_op=item.sla_verlopen_op,
        ernstig_op=item.sla_ernstig_op,
    )


def crossing(queryset: QuerySet, van: datetime, tot: datetime) -> QuerySet:
    """The items of `queryset` (open ones, matching the app's partial indexes) with a
    threshold moment in (van, tot]: one query, a bitmap OR over the four indexes."""
    in_window = Q()
    for field in DREMPEL_VELDEN.values():
        in_window |= Q(**{f"{field}__gt": van, f"{field}__lte": tot})
    return queryset.filter(in_window).order_by()


def crossed(item, van: datetime, tot: datetime) -> list[tuple[str, datetime]]:
    """The (soort, moment) of the thresholds of `item` that lie in (van, tot]."""
    return [
        (soort, moment)
        for soort, field in DREMPEL_VELDEN.items()
        if (moment := getattr(item, field)) is not None and van < moment <= tot
    ]
