"""Reads: finding a partij and everything the klantbeeld shows."""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import (
    ExtractHour,
    Now,
    TruncDate,
)
from django.urls import reverse
from django.utils import timezone

from catalogus import selectors as catalogus_selectors
from contacts import identifiers
from contacts.models import (
    Adres,
    Afhandeling,
    Contactverzoek,
    DigitaalAdres,
    Kanaal,
    Klantcontact,
    KlantcontactConcept,
    KlantcontactDagstatus,
    KlantcontactDagtelling,
    Partij,
    PartijIdentificator,
    TevredenheidDagtelling,
    Tevredenheidsmeting,
    Vraag,
    VraagDagtelling,
)
from kcc import authz, sla, statements
from kcc.kpi import DIGITALE_KANALEN, FCR_NORM_PERCENTAGE, KpiFilters, Periode, aaneengesloten
from kcc.models import Medewerker, Servicenorm
from kcc.selectors import afdeling_descendant_ids
from kcc.sla import SlaItem

SEARCH_LIMIT = 25

_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
_POSTCODE_NR = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})\s*(\d+)")
_PHONE = re.compile(r"^(\+|00|0)[\d\s\-().]{7,}$")


def partij_list() -> QuerySet[Partij]:
    return Partij.objects.prefetch_related(
        "identificatoren", "adressen", "digitale_adressen"
    ).order_by("achternaam", "voornaam", "statutaire_naam", "pk")


def partij_search(
    *,
    bsn: str | None = None,
    achternaam: str | None = None,
    geboortedatum: datetime.date | None = None,
    postcode: str | None = None,
    huisnummer: int | None = None,
    telefoon: str | None = None,
    email: str | None = None,
    kvk: str | None = None,
) -> QuerySet[Partij]:
    """Partijen matching every given criterion; an invalid value finds nothing.

    Identifiers, phone and e-mail are normalised first, so '06-12345678' finds
    '+31612345678' through an exact index lookup.
    """
    partijen = partij_list()
    filters = Q()
    try:
        if bsn:
            filters &= Q(
                identificatoren__soort=PartijIdentificator.Soort.BSN,
                identificatoren__waarde=identifiers.normalise_bsn(bsn),
            )
        if kvk:
            filters &= Q(
                identificatoren__soort=PartijIdentificator.Soort.KVK_NUMMER,
                identificatoren__waarde=identifiers.normalise_kvk_nummer(kvk),
            )
        if postcode:
            adressen = Adres.objects.filter(postcode=identifiers.normalise_postcode(postcode))
            if huisnummer:
                adressen = adressen.filter(huisnummer=huisnummer)
            filters &= Q(pk__in=adressen.values("partij_id"))
        if telefoon:
            filters &= Q(
                pk__in=DigitaalAdres.objects.filter(
                    soort=DigitaalAdres.Soort.TELEFOON, adres=identifiers.normalise_phone(telefoon)
                ).values("partij_id")
            )
        if email:
            filters &= Q(
                pk__in=DigitaalAdres.objects.filter(
                    soort=DigitaalAdres.Soort.EMAIL, adres=identifiers.normalise_email(email)
                ).values("partij_id")
            )
    except ValidationError:
        return partijen.none()
    if achternaam:
        naam = achternaam.strip()
        filters &= Q(achternaam__istartswith=naam) | Q(statutaire_naam__icontains=naam)
    if geboortedatum:
        filters &= Q(geboortedatum=geboortedatum)
    if not filters:
        return partijen.none()
    return partijen.filter(filters)


@dataclass(frozen=True)
class ParsedSearch:
    """What the free-text box understood; `criteria` go to partij_search."""

    soort: str
    criteria: dict


def search_text_parse(text: str) -> ParsedSearch | None:
    """Detect what was typed: BSN, KvK, postcode + huisnummer, phone, e-mail or surname."""
    text = (text or "").strip()
    if not text:
        return None
    compact = re.sub(r"\s", "", text)
    if re.fullmatch(r"\d{9}", compact):
        return ParsedSearch("bsn", {"bsn": compact})
    if re.fullmatch(r"\d{8}", compact):
        return ParsedSearch("kvk", {"kvk": compact})
    if "@" in text:
        return ParsedSearch("email", {"email": text})
    match = _POSTCODE_NR.match(text)
    if match:
        return ParsedSearch(
            "adres",
            {"postcode": match.group(1) + match.group(2), "huisnummer": int(match.group(3))},
        )
    if re.fullmatch(r"[1-9]\d{3}\s*[A-Za-z]{2}", text):
        return ParsedSearch("adres", {"postcode": text})
    if _PHONE.match(text):
        return ParsedSearch("telefoon", {"telefoon": text})
    criteria = {}
    date = _DATE.search(text)
    if date:
        day, month, year = (int(g) for g in date.groups())
        try:
            criteria["geboortedatum"] = datetime.date(year, month, day)
        except ValueError:
            return None
        text = (text[: date.start()] + text[date.end() :]).strip()
    if len(text) >= 2:
        criteria["achternaam"] = text
    if not criteria:
        return None
    return ParsedSearch("naam", criteria)


def partij_search_text(text: str) -> QuerySet[Partij]:
    parsed = search_text_parse(text)
    if parsed is None:
        return Partij.objects.none()
    return partij_search(**parsed.criteria)


def partij_search_results(parsed: ParsedSearch) -> list[Partij]:
    """The search box's result list: the first SEARCH_LIMIT partijen, with only the
    addresses it shows (one fixed statement, not three compiled prefetches)."""
    partijen = list(partij_search(**parsed.criteria).prefetch_related(None)[:SEARCH_LIMIT])
    statements.prefetch(partijen, "adressen")
    return partijen


def klantcontact_list(*, partij: Partij | None = None) -> QuerySet[Klantcontact]:
    contacten = Klantcontact.objects.select_related("partij", "medewerker__user").prefetch_related(
        Prefetch("vragen", queryset=Vraag.objects.select_related("product"))
    )
    if partij is not None:
        contacten = contacten.filter(partij=partij)
    return contacten.order_by("-plaatsgevonden_op", "-pk")


# A page of the history by id: each contact with its medewerker's name and its
# questions (ordered as Vraag.Meta orders them) in one statement.
_HISTORIE_COLUMNS = statements.in_field_order(
    Klantcontact,
    "id",
    "uuid",
    "kanaal",
    "onderwerp",
    "plaatsgevonden_op",
    "afhandeling",
    "medewerker_id",
)
_HISTORIE_SQL = f"""
SELECT {", ".join(f"k.{column}" for column in _HISTORIE_COLUMNS)},
       u.first_name, u.last_name, u.username,
       ARRAY(
           SELECT json_build_array(v.onderwerp, p.naam, v.vraag, v.antwoord)
           FROM contacts_vraag v
           LEFT JOIN catalogus_product p ON p.id = v.product_id
           WHERE v.klantcontact_id = k.id
           ORDER BY v.volgnummer, v.id
       )
FROM contacts_klantcontact k
LEFT JOIN kcc_medewerker m ON m.id = k.medewerker_id
LEFT JOIN auth_user u ON u.id = m.user_id
WHERE k.id = ANY(%s)
"""  # noqa: S608 - the columns are the constants above; the ids are a parameter

# The history shows a question and its answer up to this many characters.
HISTORIE_TEKST_LENGTE = 120


def _kort(tekst: str) -> str:
    """As the truncatechars filter shortens: the first characters and an ellipsis."""
    if len(tekst) <= HISTORIE_TEKST_LENGTE:
        return tekst
    return tekst[: HISTORIE_TEKST_LENGTE - 1] + "…"


@dataclass(frozen=True)
class HistorieVraag:
    titel: str
    vraag: str
    antwoord: str


class KlantcontactHistorie:
    """The klantbeeld's contact history of a partij as far as the user may see it,
    newest first, for a Paginator: counted, and a page read by id.

    The page is the contacts' ids (the user's scope applied by authz) and then one
    fixed statement for what the rows show. With select_related and a prefetch of
    the questions with their products, compiling and building ~50 instances took a
    quarter of the klantbeeld's CPU at the benchmark metro (docs/benchmarks-notes.md).
    """

    def __init__(self, *, partij: Partij, user):
        self._scoped = authz.scope(
            user,
            authz.VIEW,
            Klantcontact.objects.filter(partij=partij).order_by("-plaatsgevonden_op", "-pk"),
        )

    def count(self) -> int:
        return self._scoped.count()

    def __getitem__(self, page: slice) -> list[Klantcontact]:
        ids = list(self._scoped.values_list("id", flat=True)[page])
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(_HISTORIE_SQL, [ids])
            rows = {row[0]: row for row in cursor.fetchall()}
        return [self._contact(rows[contact_id]) for contact_id in ids]

    @staticmethod
    def _contact(row) -> Klantcontact:
        own = len(_HISTORIE_COLUMNS)
        contact = Klantcontact.from_db(connection.alias, _HISTORIE_COLUMNS, row[:own])
        first_name, last_name, username, vragen = row[own:]
        if contact.medewerker_id is not None:
            user = get_user_model()(first_name=first_name, last_name=last_name, username=username)
            contact.medewerker = Medewerker(pk=contact.medewerker_id, user=user)
        # A question is titled as Vraag.__str__ titles it: its subject, else its product.
        contact.historie_vragen = [
            HistorieVraag(
                titel=onderwerp or product or "", vraag=_kort(vraag), antwoord=_kort(antwoord)
            )
            for onderwerp, product, vraag, antwoord in vragen
        ]
        return contact


def klantcontact_concept_list(*, user) -> QuerySet[KlantcontactConcept]:
    """The agent's open (unsaved) contacts, oldest first: the switcher."""
    return KlantcontactConcept.objects.filter(user=user).select_related("partij")


def klantcontact_concept_get(*, user, uuid) -> KlantcontactConcept | None:
    return KlantcontactConcept.objects.filter(user=user, uuid=uuid).first()


def contactverzoek_list() -> QuerySet[Contactverzoek]:
    return Contactverzoek.objects.select_related(
        "klantcontact__partij", "afdeling", "team", "medewerker__user", "vraag"
    ).order_by("deadline", "pk")


# The partij's contacts first, then their open requests (the partial index). Joined,
# Postgres walked all open requests of the city and looked up each one's contact:
# 12 ms at metro for a customer with 2,000 contacts. The status is written out, so
# that a prepared (generic) plan can still use the partial index (Status.VERWERKT;
# tests/contacts/test_klantbeeld_contactverzoeken.py fails if the two part).
_OPEN_VERZOEKEN_VAN_PARTIJ = (
    "SELECT cv.id FROM contacts_contactverzoek cv "
    "WHERE cv.klantcontact_id = ANY(ARRAY("
    "SELECT k.id FROM contacts_klantcontact k WHERE k.partij_id = %s)) "
    "AND NOT cv.status = 'verwerkt'"
)


def contactverzoek_open_list(*, partij: Partij) -> QuerySet[Contactverzoek]:
    """The partij's open contactverzoeken. Which ones is asked at once, in one fixed
    statement; most customers have none, and then nothing more is read."""
    with connection.cursor() as cursor:
        cursor.execute(_OPEN_VERZOEKEN_VAN_PARTIJ, [partij.pk])
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return Contactverzoek.objects.none()
    return contactverzoek_list().filter(pk__in=ids)


def contactverzoek_werkvoorraad(*, medewerker, zoek: str = "") -> QuerySet[Contactverzoek]:
    """Open requests addressed to the medewerker, their team or their afdeling; with
    `zoek`, those whose customer's name or requested action holds every word of it."""
    if medewerker is None:
        return Contactverzoek.objects.none()
    addressed = Q(medewerker=medewerker)
    if medewerker.team_id:
        addressed |= Q(team_id=medewerker.team_id)
    if medewerker.afdeling_id:
        addressed |= Q(afdeling_id=medewerker.afdeling_id)
    voorraad = (
        contactverzoek_list()
        .filter(addressed)
        .exclude(status=Contactverzoek.Status.VERWERKT)
        .annotate(te_laat=ExpressionWrapper(Q(deadline__lt=Now()), output_field=BooleanField()))
    )
    for woord in zoek.split():
        voorraad = voorraad.filter(
            Q(klantcontact__partij__voornaam__icontains=woord)
            | Q(klantcontact__partij__achternaam__icontains=woord)
            | Q(klantcontact__partij__statutaire_naam__icontains=woord)
            | Q(gevraagde_handeling__icontains=woord)
        )
    return voorraad


def contactverzoeken_due(
    *, medewerker, limit: int, offset: int = 0, zoek: str = ""
) -> list[Contactverzoek]:
    """contactverzoek_werkvoorraad[offset:offset + limit] (nearest deadline first), with
    the partij of their klantcontact, their vraag and their medewerker.

    The rows are chosen before anything is joined to them: joined first, Postgres
    joined all 3,069 open requests of an afdeling of the benchmark metro before it
    sorted them, 25 ms for a list of 20.
    """
    voorraad = contactverzoek_werkvoorraad(medewerker=medewerker, zoek=zoek)
    chosen = voorraad.order_by("deadline", "pk").values("pk")[offset : offset + limit]
    return list(
        voorraad.filter(pk__in=chosen)
        .select_related(None)
        .select_related("klantcontact__partij", "medewerker__user", "vraag")
        .order_by("deadline", "pk")
    )


def partij_email(partij: Partij) -> str:
    """The partij's first valid e-mail address, or "" (for messages about their zaken).

    An address that came in through an import unchecked must not make the intake of
    a zaak fail: without a valid address no message is sent, the zaak still stands.
    """
    return _first_valid_email(_adressen(partij, DigitaalAdres.Soort.EMAIL))


def _adressen(partij: Partij, soort: str) -> Iterable[str]:
    """The partij's digital addresses of one soort: read with it when it came from
    `partij_with_adressen_by_uuid`, else from its (prefetched) digitale_adressen."""
    annotated = getattr(partij, f"{soort}_adressen", None)
    if annotated is not None:
        return annotated
    return (adres.adres for adres in partij.digitale_adressen.all() if adres.soort == soort)


# A partij's e-mail addresses and phone numbers, read with it (statements.select_one)
# for the writes that message it: one statement, not a prefetch's two.
_ADRESSEN_SQL = (
    (
        "email_adressen",
        "ARRAY(SELECT d.adres FROM contacts_digitaaladres AS d "
        "WHERE d.partij_id = contacts_partij.id AND d.soort = 'email' ORDER BY d.id)",
    ),
    (
        "telefoon_adressen",
        "ARRAY(SELECT d.adres FROM contacts_digitaaladres AS d "
        "WHERE d.partij_id = contacts_partij.id AND d.soort = 'telefoon' ORDER BY d.id)",
    ),
)


def partij_with_adressen_by_uuid(uuid) -> Partij:
    """One partij with its `email_adressen` and `telefoon_adressen`, in one fixed
    statement: the initiator of every zaak taken in (Partij.DoesNotExist when there is
    none)."""
    return statements.select_one(Partij, "uuid", uuid, extra=_ADRESSEN_SQL)


def _first_valid_email(adressen: Iterable[str]) -> str:
    for adres in adressen:
        try:
            validate_email(adres)
        except ValidationError:
            continue
        return adres
    return ""


# A fixed text, so Postgres prepares it on its second use; every registration runs it.
_EMAIL_NOT_SURVEYED_SQL = """
    SELECT adres FROM contacts_digitaaladres
    WHERE partij_id = %(partij)s AND soort = %(soort)s AND NOT EXISTS (
        SELECT 1 FROM contacts_tevredenheidsmeting
        WHERE partij_id = %(partij)s AND verstuurd_op >= %(since)s
    )
    ORDER BY id
"""


def partij_email_not_surveyed_since(*, partij: Partij, since: datetime.datetime) -> str:
    """The partij's first valid e-mail address, or "" when it has none or was sent a
    satisfaction survey since then: one statement for what most contacts ask."""
    with connection.cursor() as cursor:
        cursor.execute(
            _EMAIL_NOT_SURVEYED_SQL,
            {"partij": partij.pk, "soort": DigitaalAdres.Soort.EMAIL, "since": since},
        )
        return _first_valid_email(adres for (adres,) in cursor.fetchall())


def partij_by_uuid(uuid) -> Partij:
    """The partij with this uuid (Partij.DoesNotExist when there is none), in one fixed
    statement: every registration on every channel names its partij."""
    return statements.select_one(Partij, "uuid", uuid)


def partij_klantbeeld(*, uuid) -> Partij:
    """The partij with its identifiers, addresses and digital addresses, as the
    klantbeeld shows it (Partij.DoesNotExist when there is none): four fixed
    statements. The ORM's get with three prefetches compiled four queries, 4–6 ms of
    the klantbeeld's CPU at the benchmark metro (docs/benchmarks-notes.md)."""
    partij = statements.select_one(Partij, "uuid", uuid)
    statements.prefetch([partij], "identificatoren", "adressen", "digitale_adressen")
    return partij


def partijen_by_uuid(uuids) -> QuerySet[Partij]:
    """The partijen with these uuids (unknown ones are left out), addresses prefetched."""
    return Partij.objects.filter(uuid__in=list(uuids)).prefetch_related("digitale_adressen")


def partij_telefoon(partij: Partij) -> str:
    """The partij's first telephone number as stored, or "" (for SMS berichten)."""
    return next(
        (adres for adres in _adressen(partij, DigitaalAdres.Soort.TELEFOON) if adres.strip()), ""
    )


def partij_by_email(email: str) -> Partij | None:
    """The one partij with this e-mail address; None when there is none or more than one
    (a shared family address must not put a mail in the wrong klantbeeld)."""
    if not email:
        return None
    found = list(partij_search(email=email)[:2])
    return found[0] if len(found) == 1 else None


# --- Management information (dashboard) -------------------------------------
# Every KPI is one aggregate query over the period; the drill-down lists use the
# same querysets, so a number and the list behind it always agree.


def _over(onderwerp: str) -> Q:
    """Vragen on a subject as the top 20 names it: a product by its name, else the
    free-text onderwerp."""
    return Q(product__naam=onderwerp) | Q(product__isnull=True, onderwerp=onderwerp)


def vraag_count_over(*, contacten: QuerySet[Klantcontact], onderwerp: str) -> int:
    """The vragen on the subject within these contacts: the top 20 counts vragen, its
    drill-down lists their contacts (one contact can ask twice)."""
    return Vraag.objects.filter(_over(onderwerp), klantcontact__in=contacten).count()


def klantcontact_kpi_list(
    *,
    periode: Periode,
    filters: KpiFilters,
    afhandeling: str = "",
    herhaald: bool | None = None,
    onderwerp: str = "",
    digitaal: bool | None = None,
) -> QuerySet[Klantcontact]:
    """Klantcontacten in the period within the dashboard filters. Afdeling is the
    medewerker's afdeling (and the afdelingen below it)."""
    contacten = Klantcontact.objects.filter(
        plaatsgevonden_op__gte=periode.start, plaatsgevonden_op__lt=periode.eind
    )
    if filters.kanaal:
        contacten = contacten.filter(kanaal=filters.kanaal)
    if filters.afdeling is not None:
        contacten = contacten.filter(
            medewerker__afdeling_id__in=afdeling_descendant_ids(filters.afdeling)
        )
    if filters.medewerker is not None:
        contacten = contacten.filter(medewerker=filters.medewerker)
    if filters.product is not None:
        contacten = contacten.filter(
            Exists(Vraag.objects.filter(klantcontact=OuterRef("pk"), product=filters.product))
        )
    if onderwerp:
        contacten = contacten.filter(
            Exists(Vraag.objects.filter(_over(onderwerp), klantcontact=OuterRef("pk")))
        )
    if afhandeling:
        contacten = contacten.filter(afhandeling=afhandeling)
    if herhaald is not None:
        contacten = contacten.filter(in_een_keer_opgelost=not herhaald)
    if digitaal is not None:
        digitaal_q = Q(kanaal__in=DIGITALE_KANALEN)
        contacten = contacten.filter(digitaal_q if digitaal else ~digitaal_q)
    return contacten


def _percentage(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def _dagen(van: datetime.date, tot: datetime.date) -> list[datetime.date]:
    return [van + datetime.timedelta(days=n) for n in range((tot - van).days + 1)]


def _opgebouwde_dagen(*, periode: Periode, filters: KpiFilters) -> dict[datetime.date, Periode]:
    """Days of the period whose roll-ups are current, each with the part of the day
    its roll-up does not hold (today's last minutes; nothing for a past day), to be
    counted live. A medewerker filter the roll-ups cannot answer."""
    if filters.medewerker is not None:
        return {}
    statussen = KlantcontactDagstatus.objects.filter(
        dag__gte=periode.van,
        dag__lte=periode.tot,
        ververst_versie=F("versie"),
        ververst_tot__isnull=False,
    ).values_list("dag", "ververst_tot")
    return {dag: Periode(dag, dag, vanaf=tot) for dag, tot in statussen}


def _tellingen(
    *,
    periode: Periode,
    filters: KpiFilters,
    rollup: QuerySet | None,
    live: Callable[[Periode], list[dict]],
    velden: tuple[str, ...],
    sommen: tuple[str, ...],
) -> list[dict]:
    """Counts grouped by `velden`, summed over `sommen`: the days whose roll-up is current
    from the roll-up, the rest (stale days, today's last minutes) from `live`, which
    counts raw rows of a run of days shaped like the roll-up. Without a roll-up (a
    filter it cannot answer) every day is counted live."""
    opgebouwd = {} if rollup is None else _opgebouwde_dagen(periode=periode, filters=filters)
    rijen: list[dict] = []
    if opgebouwd:
        rollup = rollup.filter(dag__in=opgebouwd)
        if filters.kanaal:
            rollup = rollup.filter(kanaal=filters.kanaal)
        if filters.afdeling is not None:
            rollup = rollup.filter(afdeling_id__in=afdeling_descendant_ids(filters.afdeling))
        rijen += rollup.values(*velden).annotate(**{s: Sum(s) for s in sommen}).order_by()
    delen = aaneengesloten([d for d in _dagen(periode.van, periode.tot) if d not in opgebouwd])
    delen += [rest for rest in opgebouwd.values() if rest.start < rest.eind]
    for run in delen:
        gegroepeerd: dict[tuple, dict] = {}
        for rij in live(run):
            key = tuple(rij[v] for v in velden)
            totaal = gegroepeerd.setdefault(
                key, {**{v: rij[v] for v in velden}, **dict.fromkeys(sommen, 0)}
            )
            for som in sommen:
                totaal[som] += rij[som]
        rijen += gegroepeerd.values()
    return rijen


def klantcontact_dagtelling_rijen(*, periode: Periode) -> list[dict]:
    """The contacts of the period counted as rows of KlantcontactDagtelling (the roll-up
    is built from this)."""
    rijen = (
        Klantcontact.objects.filter(
            plaatsgevonden_op__gte=periode.start, plaatsgevonden_op__lt=periode.eind
        )
        .values("kanaal", "afhandeling", "in_een_keer_opgelost")
        .annotate(
            dag=TruncDate("plaatsgevonden_op"),
            afdeling_ref=F("medewerker__afdeling_id"),
            aantal=Count("pk"),
        )
        .order_by()
    )
    return [
        {
            "dag": rij["dag"],
            "kanaal": rij["kanaal"],
            "afhandeling": rij["afhandeling"],
            "in_een_keer_opgelost": rij["in_een_keer_opgelost"],
            "afdeling_id": rij["afdeling_ref"],
            "aantal": rij["aantal"],
        }
        for rij in rijen
    ]


def vraag_dagtellingen(*, periode: Periode, filters: KpiFilters | None = None) -> list[dict]:
    """The vragen of the period counted as rows of VraagDagtelling (the roll-up is built
    from this; today and stale days are counted with it live). A product filter keeps
    the vragen on that product."""
    filters = filters or KpiFilters()
    rijen = (
        klantcontact_kpi_list(periode=periode, filters=filters)
        .filter(vragen__isnull=False)
        .values("kanaal", "afhandeling", "in_een_keer_opgelost")
        .annotate(
            dag=TruncDate("plaatsgevonden_op"),
            afdeling_ref=F("medewerker__afdeling_id"),
            product_ref=F("vragen__product_id"),
            # Free text only where there is no product: a product row is named by its product.
            subject=Case(
                When(vragen__product__isnull=True, then=F("vragen__onderwerp")), default=Value("")
            ),
            vragen_aantal=Count("vragen"),
            contacten_aantal=Count("pk", distinct=True),
        )
        .order_by()
    )
    product_id = filters.product.pk if filters.product is not None else None
    return [
        {
            "dag": rij["dag"],
            "kanaal": rij["kanaal"],
            "afdeling_id": rij["afdeling_ref"],
            "product_id": rij["product_ref"],
            "onderwerp": rij["subject"],
            "afhandeling": rij["afhandeling"],
            "in_een_keer_opgelost": rij["in_een_keer_opgelost"],
            "vragen": rij["vragen_aantal"],
            "contacten": rij["contacten_aantal"],
        }
        for rij in rijen
        if product_id is None or rij["product_ref"] == product_id
    ]


def _vraag_tellingen(
    *, periode: Periode, filters: KpiFilters, velden: tuple[str, ...]
) -> list[dict]:
    rollup = VraagDagtelling.objects.all()
    if filters.product is not None:
        rollup = rollup.filter(product=filters.product)
    return _tellingen(
        periode=periode,
        filters=filters,
        rollup=rollup,
        live=lambda run: vraag_dagtellingen(periode=run, filters=filters),
        velden=velden,
        sommen=("vragen", "contacten"),
    )


_KPI_VELDEN = ("dag", "kanaal", "afhandeling", "in_een_keer_opgelost")


def _klantcontact_dagtellingen(periode: Periode, filters: KpiFilters) -> list[dict]:
    return list(
        klantcontact_kpi_list(periode=periode, filters=filters)
        .annotate(dag=TruncDate("plaatsgevonden_op"))
        .values(*_KPI_VELDEN)
        .annotate(aantal=Count("pk"))
        .order_by()
    )


def kpi_tellingen(
    *, periode: Periode, filters: KpiFilters, velden: tuple[str, ...] = _KPI_VELDEN
) -> list[dict]:
    """Contact counts per dag, kanaal, afhandeling and in_een_keer_opgelost (or fewer
    `velden`): the numbers every contact KPI is made of, from the roll-ups where they
    are current. With a product filter: the contacts with a vraag on that product (the
    vragen roll-up)."""
    if filters.product is not None:
        return [
            {**{v: rij[v] for v in velden}, "aantal": rij["contacten"]}
            for rij in _vraag_tellingen(periode=periode, filters=filters, velden=velden)
        ]
    return _tellingen(
        periode=periode,
        filters=filters,
        rollup=KlantcontactDagtelling.objects.all(),
        live=lambda run: _klantcontact_dagtellingen(run, filters),
        velden=velden,
        sommen=("aantal",),
    )


def _of(tellingen: list[dict] | None, periode: Periode, filters: KpiFilters) -> list[dict]:
    """The KPI functions take `tellingen` when the caller read them once for several."""
    return kpi_tellingen(periode=periode, filters=filters) if tellingen is None else tellingen


def _som(rijen, sleutel) -> dict:
    totalen: dict = {}
    for rij in rijen:
        key = sleutel(rij)
        totalen[key] = totalen.get(key, 0) + rij["aantal"]
    return totalen


def kpi_contacts_per_kanaal(
    *, periode: Periode, filters: KpiFilters, tellingen: list[dict] | None = None
) -> list[dict]:
    """Contacts per kanaal, every kanaal listed (also with 0)."""
    counts = _som(_of(tellingen, periode, filters), lambda rij: rij["kanaal"])
    return [
        {"kanaal": kanaal, "label": label, "aantal": counts.get(kanaal, 0)}
        for kanaal, label in Kanaal.choices
        if not filters.kanaal or kanaal == filters.kanaal
    ]


def kpi_contacts_trend(
    *, periode: Periode, filters: KpiFilters, tellingen: list[dict] | None = None
) -> dict:
    """Contacts per day and kanaal: {"dagen": [date...], "reeksen": {kanaal: [n...]}}."""
    counts = _som(_of(tellingen, periode, filters), lambda rij: (rij["dag"], rij["kanaal"]))
    dagen = _dagen(periode.van, periode.tot)
    kanalen = [filters.kanaal] if filters.kanaal else Kanaal.values
    return {
        "dagen": dagen,
        "reeksen": {k: [counts.get((dag, k), 0) for dag in dagen] for k in kanalen},
    }


def kpi_contacts_per_uur(*, periode: Periode, filters: KpiFilters) -> dict[int, int]:
    """Contacts per local hour of the day (0–23) over the period: the intraday pattern."""
    rows = (
        klantcontact_kpi_list(periode=periode, filters=filters)
        .annotate(uur=ExtractHour("plaatsgevonden_op"))
        .values("uur")
        .annotate(aantal=Count("pk"))
        .values_list("uur", "aantal")
    )
    return dict(rows)


def _resolutie(rijen) -> dict:
    direct = [r for r in rijen if r["afhandeling"] == Afhandeling.DIRECT_BEANTWOORD]
    return {
        "aantal": sum(r["aantal"] for r in rijen),
        "direct": sum(r["aantal"] for r in direct),
        "echt": sum(r["aantal"] for r in direct if r["in_een_keer_opgelost"]),
    }


def kpi_first_contact_resolution(
    *, periode: Periode, filters: KpiFilters, tellingen: list[dict] | None = None
) -> dict:
    """Share answered directly (against the 80% norm), and the true rate: answered
    directly and not followed by a repeat contact on the same subject."""
    rijen = _of(tellingen, periode, filters)

    def rate(row: dict) -> dict:
        return {
            **row,
            "percentage": _percentage(row["direct"], row["aantal"]),
            "percentage_echt": _percentage(row["echt"], row["aantal"]),
        }

    return {
        "norm": FCR_NORM_PERCENTAGE,
        "totaal": rate(_resolutie(rijen)),
        "per_kanaal": [
            {
                "kanaal": kanaal,
                "label": label,
                **rate(_resolutie([r for r in rijen if r["kanaal"] == kanaal])),
            }
            for kanaal, label in Kanaal.choices
            if any(r["kanaal"] == kanaal and r["aantal"] for r in rijen)
        ],
    }


def kpi_transfer_rate(
    *, periode: Periode, filters: KpiFilters, tellingen: list[dict] | None = None
) -> dict:
    rijen = _of(tellingen, periode, filters)
    row = {
        "aantal": sum(r["aantal"] for r in rijen),
        "doorverbonden": sum(
            r["aantal"] for r in rijen if r["afhandeling"] == Afhandeling.DOORVERBONDEN
        ),
    }
    return {**row, "percentage": _percentage(row["doorverbonden"], row["aantal"])}


def tevredenheid_kpi_list(
    *,
    periode: Periode,
    filters: KpiFilters,
    score: int | None = None,
    beantwoord: bool | None = None,
) -> QuerySet[Tevredenheidsmeting]:
    """Surveys sent after the klantcontacten of the period within the dashboard filters."""
    metingen = Tevredenheidsmeting.objects.filter(
        klantcontact__in=klantcontact_kpi_list(periode=periode, filters=filters)
    )
    if score is not None:
        metingen = metingen.filter(score=score)
    if beantwoord is not None:
        metingen = metingen.filter(beantwoord_op__isnull=not beantwoord)
    return metingen


def _tevredenheid_cijfers(verstuurd: int, beantwoord: int, som: int | None) -> dict:
    return {
        "verstuurd": verstuurd,
        "beantwoord": beantwoord,
        "respons": _percentage(beantwoord, verstuurd),
        "gemiddelde": round(som / beantwoord, 2) if beantwoord else None,
    }


def tevredenheid_dagtellingen(*, periode: Periode, filters: KpiFilters | None = None) -> list[dict]:
    """The surveys after the contacts of the period counted as rows of
    TevredenheidDagtelling (the roll-up is built from this)."""
    rijen = (
        klantcontact_kpi_list(periode=periode, filters=filters or KpiFilters())
        .filter(tevredenheidsmeting__isnull=False)
        .values("kanaal")
        .annotate(
            dag=TruncDate("plaatsgevonden_op"),
            afdeling_ref=F("medewerker__afdeling_id"),
            meting_score=F("tevredenheidsmeting__score"),
            aantal=Count("pk"),
        )
        .order_by()
    )
    return [
        {
            "dag": rij["dag"],
            "kanaal": rij["kanaal"],
            "afdeling_id": rij["afdeling_ref"],
            "score": rij["meting_score"],
            "aantal": rij["aantal"],
        }
        for rij in rijen
    ]


def kpi_tevredenheid(*, periode: Periode, filters: KpiFilters) -> dict:
    """Mean score, distribution 1-5, response rate; in total and per kanaal. From the
    roll-up where it is current; a product filter counts the surveys themselves."""
    rijen = _tellingen(
        periode=periode,
        filters=filters,
        rollup=None if filters.product is not None else TevredenheidDagtelling.objects.all(),
        live=lambda run: tevredenheid_dagtellingen(periode=run, filters=filters),
        velden=("kanaal", "score"),
        sommen=("aantal",),
    )
    per_kanaal: dict[str, dict] = {}
    verdeling: dict[int, int] = {}
    for rij in rijen:
        row = per_kanaal.setdefault(rij["kanaal"], {"verstuurd": 0, "beantwoord": 0, "som": 0})
        row["verstuurd"] += rij["aantal"]
        if rij["score"] is not None:
            row["beantwoord"] += rij["aantal"]
            row["som"] += rij["score"] * rij["aantal"]
            verdeling[rij["score"]] = verdeling.get(rij["score"], 0) + rij["aantal"]
    rows = per_kanaal.values()
    beantwoord = sum(row["beantwoord"] for row in rows)
    return {
        "totaal": _tevredenheid_cijfers(
            sum(row["verstuurd"] for row in rows),
            beantwoord,
            sum(row["som"] for row in rows),
        ),
        "verdeling": [
            {
                "score": score,
                "aantal": verdeling.get(score, 0),
                "percentage": _percentage(verdeling.get(score, 0), beantwoord),
            }
            for score in range(1, 6)
        ],
        "per_kanaal": [
            {
                "kanaal": kanaal,
                "label": label,
                **_tevredenheid_cijfers(
                    per_kanaal.get(kanaal, {}).get("verstuurd", 0),
                    per_kanaal.get(kanaal, {}).get("beantwoord", 0),
                    per_kanaal.get(kanaal, {}).get("som"),
                ),
            }
            for kanaal, label in Kanaal.choices
            if not filters.kanaal or kanaal == filters.kanaal
        ],
    }


def tevredenheidsmeting_by_token(*, token: str) -> Tevredenheidsmeting | None:
    return (
        Tevredenheidsmeting.objects.select_related("klantcontact").filter(token=token).first()
        if token
        else None
    )


def contactverzoek_kpi_list(
    *, periode: Periode, filters: KpiFilters, soort: str = ""
) -> QuerySet[Contactverzoek]:
    """Contactverzoeken within the filters (afdeling and medewerker: the ones it is
    assigned to). soort: aangemaakt / afgehandeld (in the period), open / te_laat (now)."""
    verzoeken = Contactverzoek.objects.all()
    if filters.kanaal:
        verzoeken = verzoeken.filter(klantcontact__kanaal=filters.kanaal)
    if filters.afdeling is not None:
        verzoeken = verzoeken.filter(afdeling_id__in=afdeling_descendant_ids(filters.afdeling))
    if filters.medewerker is not None:
        verzoeken = verzoeken.filter(medewerker=filters.medewerker)
    if filters.product is not None:
        verzoeken = verzoeken.filter(vraag__product=filters.product)
    in_periode = {"aangemaakt_op__gte": periode.start, "aangemaakt_op__lt": periode.eind}
    open_ = ~Q(status=Contactverzoek.Status.VERWERKT)
    if soort == "aangemaakt":
        verzoeken = verzoeken.filter(**in_periode)
    elif soort == "afgehandeld":
        verzoeken = verzoeken.filter(
            afgehandeld_op__gte=periode.start, afgehandeld_op__lt=periode.eind
        )
    elif soort == "open":
        verzoeken = verzoeken.filter(open_)
    elif soort == "te_laat":
        verzoeken = verzoeken.filter(open_, deadline__lt=timezone.now())
    return verzoeken


def _kpi_relevant(periode: Periode, filters: KpiFilters) -> QuerySet[Contactverzoek]:
    """Only the verzoeken some count needs (created or completed in the period, or open):
    with a kanaal filter the join to the klantcontacten is then a few index look-ups,
    not a scan of every contact."""
    return contactverzoek_kpi_list(periode=periode, filters=filters).filter(
        Q(aangemaakt_op__gte=periode.start, aangemaakt_op__lt=periode.eind)
        | Q(afgehandeld_op__gte=periode.start, afgehandeld_op__lt=periode.eind)
        # The open statuses listed ("in", not "not verwerkt"): an index (cv_status) answers it.
        | Q(status__in=[s for s in Contactverzoek.Status if s != Contactverzoek.Status.VERWERKT])
    )


def kpi_contactverzoeken(*, periode: Periode, filters: KpiFilters) -> dict:
    """Created and completed in the period; open and overdue now; mean time to
    completion (hours) and the share completed before the deadline."""
    now = timezone.now()
    in_periode = Q(aangemaakt_op__gte=periode.start, aangemaakt_op__lt=periode.eind)
    afgehandeld = Q(afgehandeld_op__gte=periode.start, afgehandeld_op__lt=periode.eind)
    open_ = ~Q(status=Contactverzoek.Status.VERWERKT)
    row = _kpi_relevant(periode, filters).aggregate(
        aangemaakt=Count("pk", filter=in_periode),
        open=Count("pk", filter=open_),
        te_laat=Count("pk", filter=open_ & Q(deadline__lt=now)),
        afgehandeld=Count("pk", filter=afgehandeld),
        op_tijd=Count("pk", filter=afgehandeld & Q(afgehandeld_op__lte=F("deadline"))),
        doorlooptijd=Avg(F("afgehandeld_op") - F("aangemaakt_op"), filter=afgehandeld),
    )
    doorlooptijd = row.pop("doorlooptijd")
    return {
        **row,
        "doorlooptijd_uren": (
            round(doorlooptijd.total_seconds() / 3600, 1) if doorlooptijd is not None else None
        ),
        "percentage_op_tijd": _percentage(row["op_tijd"], row["afgehandeld"]),
    }


def kpi_contactverzoeken_per_afdeling(*, periode: Periode, filters: KpiFilters) -> list[dict]:
    """Per assigned afdeling: created and completed in the period, completed before the
    deadline, and open / overdue now. Requests for a team or medewerker only have no
    afdeling (code "")."""
    now = timezone.now()
    afgehandeld = Q(afgehandeld_op__gte=periode.start, afgehandeld_op__lt=periode.eind)
    open_ = ~Q(status=Contactverzoek.Status.VERWERKT)
    rows = (
        _kpi_relevant(periode, filters)
        .values("afdeling__code", "afdeling__naam")
        .annotate(
            aangemaakt=Count(
                "pk", filter=Q(aangemaakt_op__gte=periode.start, aangemaakt_op__lt=periode.eind)
            ),
            afgehandeld=Count("pk", filter=afgehandeld),
            op_tijd=Count("pk", filter=afgehandeld & Q(afgehandeld_op__lte=F("deadline"))),
            open=Count("pk", filter=open_),
            te_laat=Count("pk", filter=open_ & Q(deadline__lt=now)),
        )
        .order_by("afdeling__naam")
    )
    return [
        {
            "afdeling": row.pop("afdeling__code") or "",
            "naam": row.pop("afdeling__naam") or "",
            **row,
            "percentage_op_tijd": _percentage(row["op_tijd"], row["afgehandeld"]),
        }
        for row in rows
        if row["aangemaakt"] or row["afgehandeld"] or row["open"]
    ]


def kpi_top_onderwerpen(*, periode: Periode, filters: KpiFilters, limit: int = 20) -> dict:
    """The most asked subjects (product, else the free-text onderwerp) per kanaal, and
    for each kanaal the share of its vragen on a subject the website or the kennisbank
    already answers (catalogus.selectors.onderwerpen_online): contacts that need not
    have come. A product filter keeps the vragen on that product."""
    rijen = _vraag_tellingen(
        periode=periode, filters=filters, velden=("kanaal", "product_id", "onderwerp")
    )
    producten = catalogus_selectors.product_namen({r["product_id"] for r in rijen} - {None})
    online = catalogus_selectors.onderwerpen_online(
        product_ids={r["product_id"] for r in rijen} - {None},
        onderwerpen={r["onderwerp"] for r in rijen if r["product_id"] is None},
    )
    # Named as the drill-down list finds them: a product by its name, else the free text.
    per_kanaal: dict[str, dict[str, dict]] = {}
    for rij in rijen:
        if rij["product_id"] is not None:
            naam = producten.get(rij["product_id"], "")
            bron = online["producten"].get(rij["product_id"], "")
        else:
            naam, bron = (
                rij["onderwerp"],
                online["onderwerpen"].get(rij["onderwerp"].strip().lower(), ""),
            )
        subject = per_kanaal.setdefault(rij["kanaal"], {}).setdefault(
            naam, {"onderwerp": naam, "aantal": 0, "online": ""}
        )
        subject["aantal"] += rij["vragen"]
        subject["online"] = subject["online"] or bron
    labels = dict(Kanaal.choices)
    top, kanalen = [], []
    for kanaal, _label in Kanaal.choices:
        subjects = sorted(
            per_kanaal.get(kanaal, {}).values(), key=lambda s: (-s["aantal"], s["onderwerp"])
        )
        if not subjects:
            continue
        vragen = sum(s["aantal"] for s in subjects)
        beantwoord = sum(s["aantal"] for s in subjects if s["online"])
        kanalen.append(
            {
                "kanaal": kanaal,
                "label": labels[kanaal],
                "vragen": vragen,
                "online": beantwoord,
                "percentage": _percentage(beantwoord, vragen),
            }
        )
        top += [
            {"kanaal": kanaal, "label": labels[kanaal], "rang": rang, **subject}
            for rang, subject in enumerate(subjects[:limit], start=1)
        ]
    return {"onderwerpen": top, "per_kanaal": kanalen}


def kpi_digitaal_aandeel(*, periode: Periode, filters: KpiFilters, maanden: int = 12) -> list[dict]:
    """Channel shift: per month, the share of contacts over e-mail, webformulier and
    chat. A trend needs months, so this looks back `maanden` from the period's end."""
    eerste = periode.tot.replace(day=1)
    for _ in range(maanden - 1):
        eerste = (eerste - datetime.timedelta(days=1)).replace(day=1)
    rijen = kpi_tellingen(
        periode=Periode(eerste, periode.tot), filters=filters, velden=("dag", "kanaal")
    )
    aantal = _som(rijen, lambda rij: rij["dag"].replace(day=1))
    digitaal = _som(
        [r for r in rijen if r["kanaal"] in DIGITALE_KANALEN], lambda rij: rij["dag"].replace(day=1)
    )
    return [
        {
            "maand": maand,
            "aantal": aantal[maand],
            "digitaal": digitaal.get(maand, 0),
            "percentage": _percentage(digitaal.get(maand, 0), aantal[maand]),
        }
        for maand in sorted(aantal)
        if aantal[maand]
    ]


def sla_crossings(van: datetime.datetime, tot: datetime.datetime) -> list[SlaItem]:
    """Open contactverzoeken with a threshold in (van, tot], one SlaItem per threshold
    (the SLA provider of contacts, registered in ContactsConfig.ready)."""
    verzoeken = sla.crossing(
        Contactverzoek.objects.exclude(status=Contactverzoek.Status.VERWERKT), van, tot
    ).only(
        "uuid",
        "gevraagde_handeling",
        *sla.DREMPEL_VELDEN.values(),
        "afdeling_id",
        "team_id",
        "medewerker_id",
    )
    link = reverse("contacts:contactverzoeken")
    return [
        SlaItem(
            soort=soort,
            tijdstip=tijdstip,
            object_uuid=verzoek.uuid,
            omschrijving=f"contactverzoek {verzoek.gevraagde_handeling}",
            link=link,
            deadline=verzoek.sla_verlopen_op,
            afdeling_id=verzoek.afdeling_id,
            team_id=verzoek.team_id,
            behandelaar_id=verzoek.medewerker_id,
            kanaal=Servicenorm.Kanaal.CONTACTVERZOEK,
        )
        for verzoek in verzoeken
        for soort, tijdstip in sla.crossed(verzoek, van, tot)
    ]
