"""Reads on the shared parts: organisation, the audit log and the outbox."""

import uuid
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from kcc.calendar import deadline_for
from kcc.models import Afdeling, AuditLogEntry, Bericht, Medewerker, Servicenorm


def afdeling_list(*, actief: bool | None = None) -> QuerySet[Afdeling]:
    afdelingen = Afdeling.objects.select_related("parent")
    if actief is not None:
        afdelingen = afdelingen.filter(actief=actief)
    return afdelingen


def medewerker_list() -> QuerySet[Medewerker]:
    return Medewerker.objects.select_related("user", "afdeling", "team").prefetch_related(
        "user__groups"
    )


def afdeling_descendant_ids(afdeling: Afdeling) -> list[int]:
    """The afdeling and everything below it in the tree."""
    ids, frontier = [afdeling.pk], [afdeling.pk]
    while frontier:
        frontier = list(
            Afdeling.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


# Register look-ups are logged by the number looked up, before a partij exists.
REGISTER_LOOKUP_TYPES = ["brp-persoon", "kvk-bedrijf"]


def verwerkingen_for_partij(
    *, partij_uuid: uuid.UUID, identificatoren: list[str] = ()
) -> QuerySet[AuditLogEntry]:
    """Every logged look at one partij's data (for an inzageverzoek), newest first: the
    lines about the partij and the register look-ups of its BSN or KvK number."""
    about = Q(partij_uuid=partij_uuid)
    if identificatoren:
        about |= Q(object_type__in=REGISTER_LOOKUP_TYPES, object_uuid__in=list(identificatoren))
    return AuditLogEntry.objects.filter(about).order_by("-tijdstip", "-pk")


def partij_verwerkingen(*, uuid) -> tuple:
    """The partij (404 when unknown) and every logged look at its data."""
    from django.shortcuts import get_object_or_404

    # contacts reads the organisation from here: import it only when asked.
    from contacts.selectors import partij_list

    partij = get_object_or_404(partij_list(), uuid=uuid)
    verwerkingen = verwerkingen_for_partij(
        partij_uuid=partij.uuid, identificatoren=[i.waarde for i in partij.identificatoren.all()]
    )
    return partij, verwerkingen


def bericht_list(
    *,
    partij_uuid: uuid.UUID | None = None,
    zaak_uuid: uuid.UUID | None = None,
    status: str | None = None,
    kanaal: str | None = None,
) -> QuerySet[Bericht]:
    berichten = Bericht.objects.all()
    if partij_uuid:
        berichten = berichten.filter(partij_uuid=partij_uuid)
    if zaak_uuid:
        berichten = berichten.filter(zaak_uuid=zaak_uuid)
    if status:
        berichten = berichten.filter(status=status)
    if kanaal:
        berichten = berichten.filter(kanaal=kanaal)
    return berichten


def outbox_lag_seconds() -> float:
    """Age of the oldest unsent bericht (0 when none waits).

    Counted from its creation rather than its next attempt, so a mail server that
    stays down turns this red even while berichten wait out their backoff.
    """
    oldest = Bericht.objects.filter(status=Bericht.Status.TE_VERSTUREN).aggregate(
        oldest=Min("aangemaakt")
    )["oldest"]
    return 0.0 if oldest is None else max(0.0, (timezone.now() - oldest).total_seconds())


def servicenorm_for(*, kanaal: str, product=None) -> Servicenorm | None:
    """The norm that applies: for the product on this kanaal, else for the product,
    else for the kanaal."""
    candidates = Servicenorm.objects.filter(kanaal__in=[kanaal, ""])
    if product is not None:
        candidates = candidates.filter(Q(product=product) | Q(product__isnull=True))
    else:
        candidates = candidates.filter(product__isnull=True, kanaal=kanaal)
    # Product before kanaal-only; the exact kanaal before "any kanaal".
    ranked = sorted(candidates, key=lambda norm: (norm.product_id is None, norm.kanaal == ""))
    return ranked[0] if ranked else None


def servicenorm_deadline(
    *, kanaal: str, start: datetime, default_amount: int, default_unit: str, product=None
) -> datetime:
    """The deadline the kwaliteitshandvest promises for this kanaal (and product),
    counted by the business calendar; the default term when no norm is set."""
    norm = servicenorm_for(kanaal=kanaal, product=product)
    amount, unit = (norm.termijn, norm.eenheid) if norm else (default_amount, default_unit)
    return deadline_for(start, amount=amount, unit=unit)


def kpi_berichten(*, periode) -> dict:
    """Outgoing berichten created in the period, by delivery status."""
    Status = Bericht.Status
    return Bericht.objects.filter(
        aangemaakt__gte=periode.start, aangemaakt__lt=periode.eind
    ).aggregate(
        aangemaakt=Count("pk"),
        verstuurd=Count("pk", filter=Q(status=Status.VERSTUURD)),
        mislukt=Count("pk", filter=Q(status=Status.MISLUKT)),
        wachtend=Count("pk", filter=Q(status=Status.TE_VERSTUREN)),
    )
