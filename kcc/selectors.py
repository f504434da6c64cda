"""Reads on the shared parts: organisation, the audit log and the outbox."""

import uuid
from datetime import datetime

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from kcc import lookups, roles
from kcc.calendar import deadline_for
from kcc.models import (
    Afdeling,
    AuditLogEntry,
    Bericht,
    Medewerker,
    Notificatie,
    Servicenorm,
    SlaGebeurtenis,
)


def afdeling_list(*, actief: bool | None = None) -> QuerySet[Afdeling]:
    afdelingen = Afdeling.objects.select_related("parent")
    if actief is not None:
        afdelingen = afdelingen.filter(actief=actief)
    return afdelingen


def medewerker_list() -> QuerySet[Medewerker]:
    return Medewerker.objects.select_related("user", "afdeling", "team").prefetch_related(
        "user__groups"
    )


def afdeling_by_uuid(uuid) -> Afdeling:
    """An afdeling, kept per process with all the others (watched): every
    contactverzoek names one. Raises Afdeling.DoesNotExist."""
    return lookups.by_uuid("afdelingen", Afdeling.objects.all(), uuid)


def afdeling_descendant_ids(afdeling: Afdeling) -> list[int]:
    """The afdeling and everything below it in the tree."""
    ids, frontier = [afdeling.pk], [afdeling.pk]
    while frontier:
        frontier = list(
            Afdeling.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def afdeling_ancestor_ids(afdeling_ids: set[int]) -> dict[int, list[int]]:
    """Per afdeling: itself, its parent, and so on up to the top of the tree."""
    parents = dict(Afdeling.objects.values_list("pk", "parent_id"))
    chains = {}
    for afdeling_id in afdeling_ids:
        chain, current = [], afdeling_id
        while current is not None and current not in chain:  # a cycle ends the walk
            chain.append(current)
            current = parents.get(current)
        chains[afdeling_id] = chain
    return chains


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
    else for the kanaal (kept per process: every contactverzoek asks)."""
    return lookups.cached(
        "servicenorm",
        (kanaal, product.pk if product is not None else None),
        lambda: _servicenorm_for(kanaal=kanaal, product=product),
    )


def _servicenorm_for(*, kanaal: str, product) -> Servicenorm | None:
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


# --- SLA monitoring ---------------------------------------------------------


def teamleider_user_ids(*, afdeling_id: int | None, team_id: int | None = None) -> list[int]:
    """The active teamleiders of the team, or of the afdeling when the team has none."""
    teamleiders = Medewerker.objects.filter(
        user__groups__name=roles.TEAMLEIDER, user__is_active=True
    ).order_by("user_id")
    if team_id and (
        in_team := list(teamleiders.filter(team_id=team_id).values_list("user_id", flat=True))
    ):
        return in_team
    if afdeling_id is None:
        return []
    return list(teamleiders.filter(afdeling_id=afdeling_id).values_list("user_id", flat=True))


def sla_gebeurtenis_list(
    *,
    van: datetime | None = None,
    tot: datetime | None = None,
    soort: str | None = None,
    afdeling: Afdeling | None = None,
    kanaal: str | None = None,
    object_type: str | None = None,
) -> QuerySet[SlaGebeurtenis]:
    """The breach history: thresholds crossed in [van, tot), newest first."""
    gebeurtenissen = SlaGebeurtenis.objects.select_related("afdeling", "behandelaar__user")
    if van:
        gebeurtenissen = gebeurtenissen.filter(tijdstip__gte=van)
    if tot:
        gebeurtenissen = gebeurtenissen.filter(tijdstip__lt=tot)
    if soort:
        gebeurtenissen = gebeurtenissen.filter(soort=soort)
    if afdeling:
        gebeurtenissen = gebeurtenissen.filter(afdeling_id__in=afdeling_descendant_ids(afdeling))
    if kanaal:
        gebeurtenissen = gebeurtenissen.filter(kanaal=kanaal)
    if object_type:
        gebeurtenissen = gebeurtenissen.filter(object_type=object_type)
    return gebeurtenissen


def kpi_sla_gebeurtenissen(
    *, periode, afdeling: Afdeling | None = None, kanaal: str = ""
) -> dict[str, int]:
    """Thresholds crossed in the period, per soort (for the dashboard)."""
    rows = (
        sla_gebeurtenis_list(van=periode.start, tot=periode.eind, afdeling=afdeling, kanaal=kanaal)
        .order_by()
        .values("soort")
        .annotate(aantal=Count("pk"))
    )
    return {row["soort"]: row["aantal"] for row in rows}


def kpi_sla_per(
    *, periode, per: str, afdeling: Afdeling | None = None, kanaal: str = ""
) -> list[dict]:
    """Thresholds crossed in the period per kanaal or per afdeling, one row each:
    {"sleutel", "label", <soort>: aantal}; `sleutel` is what the drill-down filters on."""
    velden = ["kanaal"] if per == "kanaal" else ["afdeling__code", "afdeling__naam"]
    rows = (
        sla_gebeurtenis_list(van=periode.start, tot=periode.eind, afdeling=afdeling, kanaal=kanaal)
        .order_by()
        .values(*velden, "soort")
        .annotate(aantal=Count("pk"))
    )
    kanalen = dict(Servicenorm.Kanaal.choices)
    result: dict = {}
    for row in rows:
        if per == "kanaal":
            sleutel, label = row["kanaal"], capfirst(kanalen.get(row["kanaal"], row["kanaal"]))
        else:
            sleutel, label = row["afdeling__code"], row["afdeling__naam"]
        entry = result.setdefault(sleutel, {"sleutel": sleutel or "", "label": label or ""})
        entry[row["soort"]] = row["aantal"]
    return sorted(result.values(), key=lambda entry: str(entry["label"]))


def notificatie_list(*, user) -> QuerySet[Notificatie]:
    return Notificatie.objects.filter(ontvanger=user).order_by("-aangemaakt", "-pk")


# The header's count on every page, in fixed SQL: the ORM compiled the same COUNT each
# time (~1 ms of CPU on the benchmark machine). `NOT gelezen` as written keeps the
# partial index notificatie_ongelezen usable for a prepared (generic) plan.
_ONGELEZEN_SQL = "SELECT count(*) FROM kcc_notificatie WHERE ontvanger_id = %s AND NOT gelezen"


def notificaties_ongelezen_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_ONGELEZEN_SQL, [user.pk])
        return cursor.fetchone()[0]


# What the beheer page calls the state of a bericht: queued and retrying are both
# unsent; retrying has failed at least once.
BERICHT_FASEN = {
    "wachtend": Q(status=Bericht.Status.TE_VERSTUREN, pogingen=0),
    "opnieuw": Q(status=Bericht.Status.TE_VERSTUREN, pogingen__gt=0),
    "verstuurd": Q(status=Bericht.Status.VERSTUURD),
    "mislukt": Q(status=Bericht.Status.MISLUKT),
}


def bericht_beheer_list(*, fase: str = "", kanaal: str = "", zoek: str = "") -> QuerySet[Bericht]:
    """Berichten for the beheer page, newest first; `zoek` matches recipient or subject."""
    berichten = Bericht.objects.order_by("-aangemaakt", "-pk")
    if fase in BERICHT_FASEN:
        berichten = berichten.filter(BERICHT_FASEN[fase])
    if kanaal:
        berichten = berichten.filter(kanaal=kanaal)
    if zoek := zoek.strip():
        berichten = berichten.filter(Q(ontvanger__icontains=zoek) | Q(onderwerp__icontains=zoek))
    return berichten


def partij_parked_berichten(*, partij_uuid: uuid.UUID, limit: int = 5) -> list[Bericht]:
    """The partij's berichten that could not be delivered (parked), newest first:
    the agent tells the customer why they heard nothing."""
    return list(
        Bericht.objects.filter(partij_uuid=partij_uuid, status=Bericht.Status.MISLUKT).order_by(
            "-aangemaakt"
        )[:limit]
    )
