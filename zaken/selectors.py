"""Reads on zaken: the werkvoorraad, the klantbeeld's zaken, regie, detail and timeline."""

import datetime
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from kcc import authz, sla, statements
from kcc.kpi import KpiFilters, Periode
from kcc.models import Afdeling, Bericht, Medewerker
from kcc.selectors import afdeling_descendant_ids
from kcc.sla import SlaItem
from zaken.models import Status, Zaak


def zaaknummer_tellers() -> dict[int, int]:
    """The last zaaknummer handed out per year (the years' sequences)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT substring(sequencename FROM '[0-9]+$')::integer, last_value "
            "FROM pg_sequences WHERE sequencename ~ '^zaken_zaaknummer_[0-9]+$'"
        )
        return {jaar: laatste for jaar, laatste in cursor.fetchall() if laatste is not None}


def _medewerker(user):
    return getattr(user, "medewerker", None)


def zaak_list() -> QuerySet[Zaak]:
    """Zaken with what the screens and the API show of them.

    Only the small catalogue tables and the status are joined: joining every relation
    made Postgres spend ~20 ms planning each work-list query (measured on the
    benchmark city); the others come in one small query each.
    """
    return Zaak.objects.select_related(
        "zaaktype", "behandelende_afdeling", "status__statustype"
    ).prefetch_related("product", "initiator", "behandelaar__user", "hoofdzaak")


def can_choose_afdeling(user) -> bool:
    """A teamleider looks at any afdeling's werkvoorraad; others at their own."""
    return authz.can(user, authz.ASSIGN, "zaak")


def _week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())


def open_zaken_aantal(*, afdeling_id: int) -> int:
    """How many zaken the afdeling has open, from the counts the database keeps
    (models.OpenZakenTelling): a few rows summed, not its open zaken counted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(aantal), 0) FROM zaken_openzakentelling WHERE afdeling_id = %s",
            [afdeling_id],
        )
        return cursor.fetchone()[0]


@dataclass
class Werkvoorraad:
    zaken: QuerySet[Zaak]
    counts: dict[str, int]
    afdeling_id: int | None
    # len(zaken), known from the counts: the page needs no COUNT query of its own.
    total: int | None = None


def _werkvoorraad_list() -> QuerySet[Zaak]:
    """What a work-list row shows: no product or initiator (the API adds what it needs)."""
    return Zaak.objects.select_related(
        "zaaktype", "behandelende_afdeling", "status__statustype"
    ).prefetch_related(
        "behandelaar__user", Prefetch("hoofdzaak", Zaak.objects.only("uuid", "identificatie"))
    )


def werkvoorraad(
    *,
    user,
    afdeling=None,
    team=None,
    alleen_mij: bool = False,
    zaaktype=None,
    status=None,
    behandelaar=None,
    te_laat: bool = False,
    deze_week: bool = False,
    with_counts: bool = True,
) -> Werkvoorraad:
    """Open zaken of an afdeling (default: the user's), nearest deadline first.

    Served by the partial index zaak_werkvoorraad_afd_incl (open zaken only).
    `counts` answers the filter buttons: all, mine, unassigned, overdue, due this week;
    the index includes behandelaar_id, so they come from the index alone.
    """
    medewerker = _medewerker(user)
    own_afdeling_id = medewerker.afdeling_id if medewerker else None
    afdeling_id = afdeling.pk if afdeling is not None else own_afdeling_id
    if not can_choose_afdeling(user) and not user.is_superuser:
        afdeling_id = own_afdeling_id
    if afdeling_id is None:
        return Werkvoorraad(Zaak.objects.none(), {}, None)
    today = timezone.localdate()
    base = _werkvoorraad_list().filter(einddatum__isnull=True, behandelende_afdeling_id=afdeling_id)
    if afdeling_id != own_afdeling_id:
        base = base.filter(authz.scope_q(user, authz.VIEW_CONTENT, Zaak))
    if team is not None:
        base = base.filter(behandelaar__team=team)
    if zaaktype is not None:
        base = base.filter(zaaktype=zaaktype)
    if status is not None:
        base = base.filter(status__statustype=status)
    if behandelaar is not None:
        base = base.filter(behandelaar=behandelaar)
    counts = {}
    if with_counts:
        counts = base.order_by().aggregate(
            alle=Count("pk"),
            mij=Count("pk", filter=Q(behandelaar=medewerker)) if medewerker else Count(None),
            onbehandeld=Count("pk", filter=Q(behandelaar__isnull=True)),
            te_laat=Count("pk", filter=Q(uiterlijke_einddatum_afdoening__lt=today)),
            deze_week=Count(
                "pk",
                filter=Q(
                    uiterlijke_einddatum_afdoening__gte=today,
                    uiterlijke_einddatum_afdoening__lte=_week_end(today),
                ),
            ),
        )
    zaken = base
    total = counts.get("alle")
    if alleen_mij:
        # Without a medewerker nothing is "mine" (not: every unassigned zaak).
        zaken = zaken.filter(behandelaar=medewerker) if medewerker else zaken.none()
        total = counts.get("mij")
    if te_laat:
        zaken = zaken.filter(uiterlijke_einddatum_afdoening__lt=today)
        total = counts.get("te_laat")
    if deze_week:
        zaken = zaken.filter(
            uiterlijke_einddatum_afdoening__gte=today,
            uiterlijke_einddatum_afdoening__lte=_week_end(today),
        )
        total = counts.get("deze_week")
    if sum((alleen_mij, te_laat, deze_week)) > 1:
        total = None  # filters combined: no count answers them
    unfiltered = not any((team, zaaktype, status, behandelaar, alleen_mij, te_laat, deze_week))
    if total is None and unfiltered and afdeling_id == own_afdeling_id:
        total = open_zaken_aantal(afdeling_id=afdeling_id)
    return Werkvoorraad(
        zaken.order_by("uiterlijke_einddatum_afdoening", "id"), counts, afdeling_id, total
    )


# What the API's list shows of a zaak, in one statement: its own columns, then what it
# shows of its relations. Written out rather than built by the ORM, whose compiling of
# the query cost more CPU than running it (1.2 of 2.8 ms, metro). Single values come
# from subqueries, not joins: planning a twelve-table join took Postgres 12–18 ms.
_LISTED_COLUMNS = (
    "uuid",
    "identificatie",
    "omschrijving",
    "toelichting",
    "communicatiekanaal",
    "registratiedatum",
    "startdatum",
    "einddatum_gepland",
    "uiterlijke_einddatum_afdoening",
    "einddatum",
    "opschorting_indicatie",
    "opschorting_reden",
    "opschorting_sinds",
    "verlenging_reden",
    "verlenging_duur",
    "vertrouwelijkheidaanduiding",
)
_LISTED_SQL = f"""
SELECT z.id, {", ".join(f"z.{column}" for column in _LISTED_COLUMNS)},
       (SELECT uuid FROM catalogus_zaaktype WHERE id = z.zaaktype_id),
       (SELECT uuid FROM catalogus_product WHERE id = z.product_id),
       (SELECT uuid FROM contacts_partij WHERE id = z.initiator_id),
       (SELECT uuid FROM zaken_zaak WHERE id = z.hoofdzaak_id),
       (SELECT code FROM kcc_afdeling WHERE id = z.behandelende_afdeling_id),
       (SELECT uuid FROM kcc_medewerker WHERE id = z.behandelaar_id),
       status.id, status.uuid, status.statustype_uuid, status.statustype_omschrijving,
       status.volgnummer, status.datum_status_gezet, status.statustoelichting,
       status.gezet_door_id, status.first_name, status.last_name, status.username,
       (
           SELECT resultaattype.omschrijving
           FROM zaken_resultaat resultaat
           JOIN catalogus_resultaattype resultaattype
             ON resultaattype.id = resultaat.resultaattype_id
           WHERE resultaat.zaak_id = z.id
       ),
       ARRAY(
           SELECT deelzaak.uuid FROM zaken_zaak deelzaak WHERE deelzaak.hoofdzaak_id = z.id
           ORDER BY deelzaak.uiterlijke_einddatum_afdoening, deelzaak.id
       )
FROM zaken_zaak z
LEFT JOIN LATERAL (
    SELECT s.id, s.uuid, statustype.uuid AS statustype_uuid,
           statustype.omschrijving AS statustype_omschrijving, statustype.volgnummer,
           s.datum_status_gezet, s.statustoelichting, s.gezet_door_id,
           u.first_name, u.last_name, u.username
    FROM zaken_status s
    JOIN catalogus_statustype statustype ON statustype.id = s.statustype_id
    LEFT JOIN kcc_medewerker gezet_door ON gezet_door.id = s.gezet_door_id
    LEFT JOIN auth_user u ON u.id = gezet_door.user_id
    WHERE s.id = z.status_id
) status ON true
WHERE z.id = ANY(%s)
"""  # noqa: S608 - the columns are the constants above; the ids are a parameter


def _uuid_ref(value) -> SimpleNamespace | None:
    return None if value is None else SimpleNamespace(uuid=value)


@functools.lru_cache(maxsize=4096)
def _medewerker_naam(first_name: str, last_name: str, username: str) -> str:
    """What str(medewerker) says, from its user's columns (kept per process: it
    depends on them alone)."""
    user = get_user_model()(first_name=first_name, last_name=last_name, username=username)
    return str(Medewerker(user=user))


def zaken_as_listed(*, zaak_ids: list[int]) -> list[SimpleNamespace]:
    """The zaken with these ids, in this order, as plain objects holding exactly what
    the API's ZaakSerializer reads: one statement and no model instances.

    Building a page's model instances (select_related plus eight prefetches, ~200
    objects) took 15–19 ms of the 29 ms of CPU a werkvoorraad request cost at the
    benchmark metro (docs/benchmarks-notes.md).
    """
    with connection.cursor() as cursor:
        cursor.execute(_LISTED_SQL, [zaak_ids])
        rows = {row[0]: row for row in cursor.fetchall()}
    own = len(_LISTED_COLUMNS) + 1
    listed = []
    for zaak_id in zaak_ids:
        row = rows[zaak_id]
        zaak = SimpleNamespace(**dict(zip(_LISTED_COLUMNS, row[1:own], strict=True)))
        (
            zaaktype,
            product,
            initiator,
            hoofdzaak,
            afdeling,
            behandelaar,
            status_id,
            status_uuid,
            statustype_uuid,
            statustype_omschrijving,
            volgnummer,
            datum_status_gezet,
            statustoelichting,
            gezet_door_id,
            *gezet_door_user,
            resultaat,
            deelzaken,
        ) = row[own:]
        zaak.zaaktype = _uuid_ref(zaaktype)
        zaak.product = _uuid_ref(product)
        zaak.initiator = _uuid_ref(initiator)
        zaak.hoofdzaak = _uuid_ref(hoofdzaak)
        zaak.behandelaar = _uuid_ref(behandelaar)
        zaak.behandelende_afdeling = SimpleNamespace(code=afdeling)
        zaak.deelzaken = [SimpleNamespace(uuid=uuid) for uuid in deelzaken]
        zaak.status = None
        if status_id is not None:
            zaak.status = SimpleNamespace(
                uuid=status_uuid,
                statustype=SimpleNamespace(
                    uuid=statustype_uuid,
                    omschrijving=statustype_omschrijving,
                    volgnummer=volgnummer,
                ),
                datum_status_gezet=datum_status_gezet,
                statustoelichting=statustoelichting,
                # The serializer shows str() of it: the name itself reads the same.
                gezet_door=None if gezet_door_id is None else _medewerker_naam(*gezet_door_user),
            )
        zaak.resultaat = (
            None
            if resultaat is None
            else SimpleNamespace(resultaattype=SimpleNamespace(omschrijving=resultaat))
        )
        listed.append(zaak)
    return listed


def termijn_badge(zaak: Zaak, today: datetime.date | None = None) -> str:
    """ "te_laat", "bijna" (within KCC_ZAAK_BIJNA_TE_LAAT_DAGEN) or ""."""
    if zaak.einddatum is not None:
        return ""
    today = today or timezone.localdate()
    if zaak.uiterlijke_einddatum_afdoening < today:
        return "te_laat"
    bijna = today + datetime.timedelta(days=settings.KCC_ZAAK_BIJNA_TE_LAAT_DAGEN)
    if zaak.uiterlijke_einddatum_afdoening <= bijna:
        return "bijna"
    return ""


def _klantstatus(status: Status | None) -> str:
    if status is None:
        return "Aanvraag ontvangen"
    return status.statustype.statustekst or status.statustype.omschrijving


def _laatst_gemeld(zaak_ids: list[int]) -> dict[int, Status]:
    """Per zaak, the last status the customer was told about: one query for the list."""
    if not zaak_ids:
        return {}
    statussen = (
        Status.objects.filter(zaak_id__in=zaak_ids, statustype__informeren=True)
        .select_related("statustype")
        .order_by("zaak_id", "-datum_status_gezet", "-pk")
        .distinct("zaak_id")
    )
    return {status.zaak_id: status for status in statussen}


@dataclass
class ZaakRegel:
    """A zaak as someone outside its afdeling may see it."""

    zaak: Zaak
    inhoud_zichtbaar: bool
    # The current status's omschrijving, where the list that made the row read it.
    status_omschrijving: str = ""

    @cached_property
    def klantstatus(self) -> str:
        """The last status the customer was told about (the customer-facing status)."""
        return _klantstatus(_laatst_gemeld([self.zaak.pk]).get(self.zaak.pk))


# What the klantbeeld shows of a zaak and what authz reads to decide whether it may.
_VAN_PARTIJ_COLUMNS = statements.in_field_order(
    Zaak,
    "id",
    "uuid",
    "identificatie",
    "omschrijving",
    "einddatum",
    "opschorting_indicatie",
    "uiterlijke_einddatum_afdoening",
    "vertrouwelijkheidaanduiding",
    "behandelende_afdeling_id",
)
_AFDELING_COLUMNS = statements.in_field_order(Afdeling, "id", "naam", "code")
_VAN_PARTIJ_SQL = f"""
SELECT {", ".join(f"z.{column}" for column in _VAN_PARTIJ_COLUMNS)},
       {", ".join(f"afdeling.{column}" for column in _AFDELING_COLUMNS)},
       statustype.omschrijving
FROM zaken_zaak z
JOIN kcc_afdeling afdeling ON afdeling.id = z.behandelende_afdeling_id
LEFT JOIN zaken_status status ON status.id = z.status_id
LEFT JOIN catalogus_statustype statustype ON statustype.id = status.statustype_id
WHERE z.initiator_id = %s AND z.hoofdzaak_id IS NULL AND z.einddatum IS {{einddatum}}
ORDER BY {{volgorde}}, z.id DESC
LIMIT 50
"""  # noqa: S608 - the columns are the constants above; the partij is a parameter
_LOPENDE_VAN_PARTIJ_SQL = _VAN_PARTIJ_SQL.format(
    einddatum="NULL", volgorde="z.registratiedatum DESC"
)
_AFGESLOTEN_VAN_PARTIJ_SQL = _VAN_PARTIJ_SQL.format(
    einddatum="NOT NULL", volgorde="z.einddatum DESC"
)


def zaken_for_partij(*, partij, user, afgesloten: bool = False) -> list[ZaakRegel]:
    """The klantbeeld's zaken: the running ones, or (afgesloten) the 50 closed last;
    newest first, confidential content hidden.

    One fixed statement with only what the klantbeeld shows (no product, initiator or
    behandelaar) and what authz reads; the zaken are instances with the other fields
    deferred. Through the ORM, compiling the query and building four instances per row
    took 10 ms of the klantbeeld's CPU at the benchmark metro (docs/benchmarks-notes.md).
    The customer-facing status of the hidden ones comes in one query, not one per row.
    """
    sql = _AFGESLOTEN_VAN_PARTIJ_SQL if afgesloten else _LOPENDE_VAN_PARTIJ_SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, [partij.pk])
        rows = cursor.fetchall()
    own = len(_VAN_PARTIJ_COLUMNS)
    zaken, omschrijvingen = [], []
    for row in rows:
        zaak = Zaak.from_db(connection.alias, _VAN_PARTIJ_COLUMNS, row[:own])
        afdeling = row[own : own + len(_AFDELING_COLUMNS)]
        zaak.behandelende_afdeling = Afdeling.from_db(connection.alias, _AFDELING_COLUMNS, afdeling)
        zaken.append(zaak)
        omschrijvingen.append(row[-1] or "")
    zichtbaar = authz.can_each(user, authz.VIEW_CONTENT, zaken)
    regels = [
        ZaakRegel(zaak, inhoud, omschrijving)
        for zaak, inhoud, omschrijving in zip(zaken, zichtbaar, omschrijvingen, strict=True)
    ]
    verborgen = [regel for regel in regels if not regel.inhoud_zichtbaar]
    gemeld = _laatst_gemeld([regel.zaak.pk for regel in verborgen])
    for regel in verborgen:
        regel.klantstatus = _klantstatus(gemeld.get(regel.zaak.pk))
    return regels


def hoofdzaken_regie() -> QuerySet[Zaak]:
    """Open hoofdzaken with how many of their deelzaken are done (the KCC's regie)."""
    return (
        zaak_list()
        .filter(einddatum__isnull=True, deelzaken__isnull=False)
        .annotate(
            deelzaken_totaal=Count("deelzaken", distinct=True),
            deelzaken_klaar=Count(
                "deelzaken", filter=Q(deelzaken__einddatum__isnull=False), distinct=True
            ),
        )
        .prefetch_related("deelzaken__behandelende_afdeling", "deelzaken__status__statustype")
        .order_by("uiterlijke_einddatum_afdoening", "id")
    )


def zaak_for_klantcontact(*, klantcontact) -> Zaak | None:
    """The hoofdzaak an intake contact started (a contact starts at most one)."""
    return zaak_list().filter(klantcontacten=klantcontact, hoofdzaak__isnull=True).first()


def zaak_detail(*, uuid) -> Zaak:
    return zaak_list().prefetch_related("geautoriseerden").get(uuid=uuid)


@dataclass(frozen=True)
class TimelineItem:
    tijdstip: datetime.datetime
    soort: str
    titel: str
    tekst: str = ""
    door: str = ""
    url: str = ""


def zaak_timeline(*, zaak: Zaak) -> list[TimelineItem]:
    """Statuses, notes and events, contacts and documents, newest first."""
    items = [
        TimelineItem(
            s.datum_status_gezet,
            "status",
            f"Status: {s.statustype.omschrijving}",
            s.statustoelichting,
            str(s.gezet_door or ""),
        )
        for s in zaak.statussen.select_related("statustype", "gezet_door__user")
    ]
    items += [
        TimelineItem(n.aangemaakt, n.soort, n.get_soort_display(), n.tekst, str(n.auteur or ""))
        for n in zaak.notities.select_related("auteur__user")
    ]
    items += [
        TimelineItem(
            k.plaatsgevonden_op,
            "klantcontact",
            f"Klantcontact ({k.get_kanaal_display()}): {k.onderwerp}",
            door=str(k.medewerker or ""),
        )
        for k in zaak.klantcontacten.select_related("medewerker__user")
    ]
    items += [
        TimelineItem(
            d.aangemaakt,
            "document",
            f"Document: {d.titel}",
            f"{d.bestandsnaam} ({d.bestandsomvang // 1024 or 1} kB)",
            str(d.toegevoegd_door or ""),
            reverse("zaken:document", kwargs={"uuid": d.uuid}),
        )
        for d in zaak.documenten.select_related("toegevoegd_door__user")
    ]
    return sorted(items, key=lambda item: item.tijdstip, reverse=True)


def klant_statussen(*, zaak: Zaak) -> QuerySet[Status]:
    """The statuses the customer was told about, for the public status page."""
    return (
        zaak.statussen.filter(statustype__informeren=True)
        .select_related("statustype")
        .order_by("datum_status_gezet", "pk")
    )


def zaak_by_token(*, token: str) -> Zaak | None:
    if not token:
        return None
    return zaak_list().filter(status_token=token).first()


def sla_crossings(van: datetime.datetime, tot: datetime.datetime) -> list[SlaItem]:
    """Open, not suspended zaken with a threshold in (van, tot], one SlaItem per threshold
    (the SLA provider of zaken, registered in ZakenConfig.ready)."""
    zaken = sla.crossing(
        Zaak.objects.filter(einddatum__isnull=True, opschorting_indicatie=False), van, tot
    ).only(
        "uuid",
        "identificatie",
        "omschrijving",
        *sla.DREMPEL_VELDEN.values(),
        "behandelende_afdeling_id",
        "behandelaar_id",
        "communicatiekanaal",
        "zaaktype_id",
        "product_id",
    )
    return [
        SlaItem(
            soort=soort,
            tijdstip=tijdstip,
            object_uuid=zaak.uuid,
            omschrijving=f"zaak {zaak.identificatie} {zaak.omschrijving}".strip(),
            link=reverse("zaken:zaak", args=[zaak.uuid]),
            deadline=zaak.sla_verlopen_op,
            afdeling_id=zaak.behandelende_afdeling_id,
            behandelaar_id=zaak.behandelaar_id,
            kanaal=zaak.communicatiekanaal,
            zaaktype_id=zaak.zaaktype_id,
            product_id=zaak.product_id,
        )
        for zaak in zaken
        for soort, tijdstip in sla.crossed(zaak, van, tot)
    ]


def zaken_wachtend_op_klant(*, opgeschort_voor: datetime.datetime) -> QuerySet[Zaak]:
    """Open zaken with an initiator, suspended since before this moment (waiting for
    the customer, e.g. documents)."""
    return Zaak.objects.filter(
        einddatum__isnull=True,
        opschorting_indicatie=True,
        opschorting_sinds__lt=opgeschort_voor,
        initiator__isnull=False,
    ).select_related("initiator", "zaaktype")


_ONTVANGSTBEVESTIGING_RELATED = ("zaaktype", "product", "initiator", "behandelende_afdeling")


def zaken_by_ids(ids: Iterable[int]) -> QuerySet[Zaak]:
    """These zaken with what their receipt shows (unknown ids are left out)."""
    return Zaak.objects.filter(pk__in=list(ids)).select_related(*_ONTVANGSTBEVESTIGING_RELATED)


def zaken_zonder_ontvangstbevestiging(
    *, bericht_aangemaakt_voor: datetime.datetime, limit: int
) -> QuerySet[Zaak]:
    """Zaken whose confirmation e-mail, queued before this moment, still waits unsent
    for its receipt PDF, which is not there: the render task was lost or failed."""
    wachtend = Bericht.objects.filter(
        status=Bericht.Status.TE_VERSTUREN,
        aangemaakt__lt=bericht_aangemaakt_voor,
        dedupe_key__startswith="zaak:",
        dedupe_key__endswith=":ontvangstbevestiging",
        bijlagen__isnull=True,
    ).order_by("aangemaakt")
    return Zaak.objects.filter(
        uuid__in=wachtend.values("zaak_uuid")[:limit], ontvangstbevestiging=""
    ).select_related(*_ONTVANGSTBEVESTIGING_RELATED)


# --- Management information (dashboard) -------------------------------------------


def zaak_kpi_list(*, filters: KpiFilters) -> QuerySet[Zaak]:
    """Zaken within the dashboard filters: kanaal is the communicatiekanaal, afdeling the
    behandelende afdeling (and those below it), medewerker the behandelaar."""
    zaken = Zaak.objects.all()
    if filters.kanaal:
        zaken = zaken.filter(communicatiekanaal=filters.kanaal)
    if filters.afdeling is not None:
        zaken = zaken.filter(behandelende_afdeling_id__in=afdeling_descendant_ids(filters.afdeling))
    if filters.product is not None:
        zaken = zaken.filter(product=filters.product)
    if filters.medewerker is not None:
        zaken = zaken.filter(behandelaar=filters.medewerker)
    return zaken


def _op_tijd() -> Q:
    return Q(einddatum__lte=F("uiterlijke_einddatum_afdoening"))


def _kpi_gesloten(periode: Periode) -> Q:
    return Q(einddatum__gte=periode.van, einddatum__lte=periode.tot)


def _kpi_te_laat() -> Q:
    return Q(uiterlijke_einddatum_afdoening__lt=timezone.localdate())


# Counted over registratiedatum (never empty), not the id: every column a count
# touches must be in the dashboard indexes for an index-only scan (Zaak.Meta.indexes).
def kpi_zaken(*, periode: Periode, filters: KpiFilters) -> dict:
    """Started and closed in the period (closed on time: by the uiterlijke einddatum
    afdoening, suspension and extension included); open and overdue now."""
    zaken = zaak_kpi_list(filters=filters)
    gestart = zaken.filter(registratiedatum__gte=periode.van, registratiedatum__lte=periode.tot)
    row = {
        "gestart": gestart.count(),
        **zaken.filter(_kpi_gesloten(periode)).aggregate(
            afgesloten=Count("*"), op_tijd=Count("registratiedatum", filter=_op_tijd())
        ),
        **zaken.filter(einddatum__isnull=True).aggregate(
            open=Count("*"), te_laat=Count("registratiedatum", filter=_kpi_te_laat())
        ),
    }
    afgesloten = row["afgesloten"]
    return {
        **row,
        "percentage_op_tijd": round(100 * row["op_tijd"] / afgesloten, 1) if afgesloten else None,
    }


def kpi_zaken_per_zaaktype(*, periode: Periode, filters: KpiFilters) -> list[dict]:
    """SLA compliance per zaaktype: closed in the period and on time; open and overdue now."""
    zaken = zaak_kpi_list(filters=filters).values("zaaktype__omschrijving", "zaaktype_id")
    per_zaaktype: dict[tuple[str, int], dict] = {}
    for counts in (
        zaken.filter(_kpi_gesloten(periode)).annotate(
            afgesloten=Count("*"), op_tijd=Count("registratiedatum", filter=_op_tijd())
        ),
        zaken.filter(einddatum__isnull=True).annotate(
            open=Count("*"), te_laat=Count("registratiedatum", filter=_kpi_te_laat())
        ),
    ):
        for row in counts.order_by():
            zaaktype = (row.pop("zaaktype__omschrijving"), row.pop("zaaktype_id"))
            per_zaaktype.setdefault(
                zaaktype, {"afgesloten": 0, "op_tijd": 0, "open": 0, "te_laat": 0}
            ).update(row)
    return [
        {
            "zaaktype": zaaktype[0],
            **row,
            "percentage_op_tijd": round(100 * row["op_tijd"] / row["afgesloten"], 1)
            if row["afgesloten"]
            else None,
        }
        for zaaktype, row in sorted(per_zaaktype.items())
    ]


# Age of the open zaken since registration: (label, from day, up to and including day).
LEEFTIJDSKLASSEN = [
    ("0–7 dagen", 0, 7),
    ("8–30 dagen", 8, 30),
    ("31–90 dagen", 31, 90),
    ("meer dan 90 dagen", 91, None),
]


def kpi_zaken_achterstand(*, filters: KpiFilters) -> list[dict]:
    """The backlog: open zaken now, by age since registration."""
    vandaag = timezone.localdate()
    klassen = {}
    for index, (_label, van, tot) in enumerate(LEEFTIJDSKLASSEN):
        q = Q(registratiedatum__lte=vandaag - datetime.timedelta(days=van))
        if tot is not None:
            q &= Q(registratiedatum__gte=vandaag - datetime.timedelta(days=tot))
        klassen[f"klasse_{index}"] = Count("registratiedatum", filter=q)
    row = zaak_kpi_list(filters=filters).filter(einddatum__isnull=True).aggregate(**klassen)
    return [
        {"leeftijd": label, "aantal": row[f"klasse_{index}"]}
        for index, (label, _van, _tot) in enumerate(LEEFTIJDSKLASSEN)
    ]


def zaak_kpi_drilldown(*, periode: Periode, filters: KpiFilters, soort: str, leeftijd: str = ""):
    """The zaken behind a dashboard number (soort: gestart, afgesloten, op_tijd, open,
    te_laat; leeftijd: a label of LEEFTIJDSKLASSEN for the open ones)."""
    vandaag = timezone.localdate()
    in_periode = {
        "gestart": Q(registratiedatum__gte=periode.van, registratiedatum__lte=periode.tot),
        "afgesloten": Q(einddatum__gte=periode.van, einddatum__lte=periode.tot),
        "op_tijd": Q(einddatum__gte=periode.van, einddatum__lte=periode.tot) & _op_tijd(),
        "open": Q(einddatum__isnull=True),
        "te_laat": Q(einddatum__isnull=True, uiterlijke_einddatum_afdoening__lt=vandaag),
    }
    zaken = zaak_kpi_list(filters=filters).filter(in_periode.get(soort, Q()))
    for label, van, tot in LEEFTIJDSKLASSEN:
        if label == leeftijd:
            zaken = zaken.filter(registratiedatum__lte=vandaag - datetime.timedelta(days=van))
            if tot is not None:
                zaken = zaken.filter(registratiedatum__gte=vandaag - datetime.timedelta(days=tot))
    return zaken.select_related("zaaktype", "behandelende_afdeling", "status__statustype").order_by(
        "uiterlijke_einddatum_afdoening", "pk"
    )
