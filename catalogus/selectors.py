"""Reads on the catalogue, and the knowledge search."""

import datetime
import re
from dataclasses import dataclass
from uuid import uuid4

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Greatest, Lower
from django.urls import reverse
from django.utils import timezone

from catalogus.models import (
    SEARCH_CONFIG,
    Kennisartikel,
    KennisartikelGelezen,
    Product,
    Publicatiestatus,
    Synoniem,
    Zaaktype,
)
from kcc import lookups


def product_list(*, gepubliceerd_only: bool = False) -> QuerySet[Product]:
    producten = Product.objects.select_related(
        "behandelende_afdeling", "zaaktype"
    ).prefetch_related("kosten", "sdg_informatiegebieden")
    if gepubliceerd_only:
        producten = producten.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    return producten


_KEUZES_VERSIE = "catalogus:productkeuzes:versie"
_keuzes: tuple[str, tuple[tuple[str, str], ...]] = ("", ())


def product_keuzes() -> tuple[tuple[str, str], ...]:
    """(uuid, naam) of every product, by name: the agent's product select on every
    klantbeeld. Kept per process and read again only when the version in the shared
    cache changes, which product_keuzes_vernieuwen does after a product is saved."""
    global _keuzes
    versie = cache.get_or_set(_KEUZES_VERSIE, lambda: uuid4().hex, timeout=None)
    if _keuzes[0] != versie:
        rijen = Product.objects.order_by("naam", "pk").values_list("uuid", "naam")
        _keuzes = (versie, tuple((str(pk), naam) for pk, naam in rijen))
    return _keuzes[1]


def product_keuzes_vernieuwen(**kwargs) -> None:
    """Every process reads the product list again (a signal receiver). Once now, for
    this transaction's own reads, and once after the commit: another process may have
    cached the old list under a version made in between."""
    cache.delete(_KEUZES_VERSIE)
    transaction.on_commit(lambda: cache.delete(_KEUZES_VERSIE))


def product_for_registration(uuid) -> Product:
    """A product with its zaaktype and afdeling, as a contact registration or a zaak
    intake reads it, kept per process with all the others (watched in
    CatalogusConfig.ready). Raises Product.DoesNotExist."""
    return lookups.by_uuid(
        "producten-registratie",
        Product.objects.select_related("zaaktype", "behandelende_afdeling"),
        uuid,
    )


def product_detail(*, uuid) -> Product:
    return (
        product_list()
        .prefetch_related(
            Prefetch("kennisartikelen", queryset=kennisartikel_list(gepubliceerd_only=True)),
            "zaaktype__statustypen",
            "zaaktype__deelzaaktypen__behandelende_afdeling",
        )
        .get(uuid=uuid)
    )


def product_public_list(*, query: str = "") -> QuerySet[Product]:
    """What a citizen may see: published products, alphabetical, or best match first."""
    producten = Product.objects.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD).only(
        "uuid", "naam", "samenvatting"
    )
    return search_filter(producten, query) if query.strip() else producten.order_by("naam")


def product_public_detail(*, uuid) -> Product:
    """A published product with what the citizen page shows; DoesNotExist for anything else."""
    return (
        Product.objects.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
        .select_related("zaaktype")
        .prefetch_related("kosten")
        .get(uuid=uuid)
    )


def product_web_intake(*, uuid) -> Product:
    """A published product a citizen can apply for on the website (web as aanvraagkanaal
    and a zaaktype to start), with its form's questions; DoesNotExist for anything else."""
    return (
        Product.objects.filter(
            publicatiestatus=Publicatiestatus.GEPUBLICEERD,
            aanvraagkanalen__contains=[Product.Aanvraagkanaal.WEB],
            zaaktype__isnull=False,
        )
        .select_related("zaaktype")
        .prefetch_related("aanvraagvelden")
        .get(uuid=uuid)
    )


def product_web_intake_possible(product: Product) -> bool:
    """Whether the public product page offers the application form."""
    return Product.Aanvraagkanaal.WEB in product.aanvraagkanalen and product.zaaktype_id is not None


def zaaktype_list() -> QuerySet[Zaaktype]:
    return Zaaktype.objects.select_related("behandelende_afdeling").prefetch_related(
        "statustypen", "resultaattypen", "deelzaaktypen"
    )


def kennisartikel_list(*, gepubliceerd_only: bool = False) -> QuerySet[Kennisartikel]:
    artikelen = Kennisartikel.objects.select_related("afdeling").prefetch_related("producten")
    if gepubliceerd_only:
        artikelen = artikelen.filter(publicatiestatus=Publicatiestatus.GEPUBLICEERD)
    return artikelen


def kennisartikel_detail(*, uuid) -> Kennisartikel:
    return kennisartikel_list().get(uuid=uuid)


# --- Knowledge search -------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    soort: str  # "product" or an article type
    soort_label: str
    uuid: str
    titel: str
    samenvatting: str
    url: str
    score: float


def _normalised(query: str) -> str:
    return re.sub(r"\s+", " ", query).strip()[:200]


# Every synonym, kept per process: (version, {woord: zoek_ook}). A change anywhere
# sets a new version in the shared cache, so every process reloads on its next search.
SYNONIEMEN_VERSION_KEY = "catalogus:synoniemen:versie"
_synoniemen_memo: tuple[str, dict[str, list[str]]] | None = None


def _synoniemen() -> dict[str, list[str]]:
    global _synoniemen_memo
    version = cache.get(SYNONIEMEN_VERSION_KEY)
    if version is None:
        cache.add(SYNONIEMEN_VERSION_KEY, uuid4().hex, timeout=None)
        version = cache.get(SYNONIEMEN_VERSION_KEY)
    # Inside a transaction the table may hold this transaction's own, uncommitted
    # edits: read it, and keep nothing that a rollback would make untrue.
    in_transaction = connection.in_atomic_block
    if _synoniemen_memo and _synoniemen_memo[0] == version and not in_transaction:
        return _synoniemen_memo[1]
    synoniemen = dict(Synoniem.objects.values_list("woord", "zoek_ook"))
    if not in_transaction:
        _synoniemen_memo = (version, synoniemen)
    return synoniemen


def synoniemen_cache_clear(**kwargs) -> None:
    """A synonym was saved or deleted: every process reloads once it is committed
    (connected to Synoniem's post_save and post_delete)."""
    transaction.on_commit(lambda: cache.set(SYNONIEMEN_VERSION_KEY, uuid4().hex, None))


def _synonyms(query: str) -> list[str]:
    """Official terms for the citizen's words in the query (whole query and each word)."""
    lowered = query.lower()
    words = set(re.findall(r"[\w-]+", lowered)) | {lowered}
    synoniemen = _synoniemen()
    return [term for woord in sorted(words & synoniemen.keys()) for term in synoniemen[woord]]


def _unaccent(value: str):
    return Func(Lower(Value(value)), function="unaccent", output_field=TextField())


def _tsquery(query: str, synonyms: list[str]):
    tsquery = SearchQuery(
        Func(Value(query), function="unaccent", output_field=TextField()),
        config=SEARCH_CONFIG,
        search_type="websearch",
    )
    for term in synonyms:
        tsquery |= SearchQuery(
            Func(Value(term), function="unaccent", output_field=TextField()),
            config=SEARCH_CONFIG,
            search_type="plain",
        )
    return tsquery


def search_filter(queryset: QuerySet, query: str) -> QuerySet:
    """Products or articles matching a question, best first (for lists and the API)."""
    query = _normalised(query)
    if not query:
        return queryset
    return _ranked(queryset, query, _synonyms(query))


def _ranked(queryset: QuerySet, query: str, synonyms: list[str]) -> QuerySet:
    """Full-text match (Dutch stemming, weights A-D) or a typo-tolerant title match.

    The score adds the text rank to the title similarity, so an exact title
    ("paspoort") beats a longer one that also matches ("zakenpaspoort").
    """
    tsquery = _tsquery(query, synonyms)
    normalised = _unaccent(query)
    match = Q(zoekvector=tsquery) | Q(zoeknaam__trigram_word_similar=normalised)
    title_similarity = TrigramSimilarity("zoeknaam", normalised)
    for term in synonyms:
        match |= Q(zoeknaam__trigram_word_similar=_unaccent(term))
        title_similarity = Greatest(
            title_similarity, TrigramSimilarity("zoeknaam", _unaccent(term))
        )
    # The thing itself first: a title equal to the question or one of its synonyms.
    title_field = queryset.model.title_field
    exact = Case(
        When(
            Q.create([(f"{title_field}__iexact", term) for term in [query, *synonyms]], "OR"),
            then=Value(1.0),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return (
        queryset.filter(match)
        .annotate(
            score=SearchRank(F("zoekvector"), tsquery, normalization=1) + title_similarity + exact
        )
        .order_by("-score", "pk")
    )


def kennisbank_highlight_terms(*, query: str) -> list[str]:
    """The words a result is marked on: the question and the official terms it stands for."""
    query = _normalised(query)
    return [query, *_synonyms(query)] if query else []


# Scoring a match costs a trigram similarity per row, and a common word matches
# thousands of articles. So the search takes at most this many best matches by text
# rank and this many title matches, each through its own GIN index (an OR of the two
# makes Postgres recheck both conditions on every row), and scores only those.
SEARCH_CANDIDATES = 200

# The ranking of `_ranked`, in SQL: the ORM takes longer to build this query than
# Postgres takes to run it. The question is computed once (`vraag`), not for every
# row (unaccent is STABLE, so an inline expression would be parsed again per row).
# Only identifiers from the models' meta are formatted in; the question is a parameter.
_SEARCH_SQL = """
WITH vraag AS MATERIALIZED (
    SELECT {tsquery} AS tsq, ARRAY[{namen}] AS namen, ARRAY[{woorden}] AS woorden
)
SELECT t.uuid, t.{titel}, t.samenvatting, {soort},
    ts_rank(t.zoekvector, (SELECT tsq FROM vraag), 1) + GREATEST({similarity}) + {exact}
FROM {table} t
WHERE t.id IN (
    (SELECT id FROM {table} t WHERE {filter} AND t.zoekvector @@ (SELECT tsq FROM vraag)
     ORDER BY ts_rank(t.zoekvector, (SELECT tsq FROM vraag), 1) + {exact} DESC, t.id
     LIMIT %(candidates)s)
    UNION
    (SELECT id FROM {table} t WHERE {filter} AND ({title_match})
     ORDER BY {exact} DESC, t.id LIMIT %(candidates)s)
)
ORDER BY 5 DESC, t.id
LIMIT %(limit)s
"""
_EXACT_SQL = (
    "(CASE WHEN upper(t.{titel}) = ANY(CAST((SELECT woorden FROM vraag) AS text[])) "
    "THEN 1.0 ELSE 0.0 END)"
)


def _search_sql(model, *, terms: int, soort: bool) -> str:
    """The search over one model for the question and its synonyms (`terms` in all)."""
    indexes = range(terms)
    naam = "(SELECT namen[{}] FROM vraag)".format
    return _SEARCH_SQL.format(
        table=model._meta.db_table,
        titel=model.title_field,
        soort="t.type" if model is Kennisartikel else "'product'",
        tsquery=" || ".join(
            f"{'websearch_to' if i == 0 else 'plainto'}_tsquery("
            f"'{SEARCH_CONFIG}', unaccent(%(term{i})s))"
            for i in indexes
        ),
        namen=", ".join(f"unaccent(lower(%(term{i})s))" for i in indexes),
        woorden=", ".join(f"upper(%(term{i})s)" for i in indexes),
        similarity=", ".join(f"similarity(t.zoeknaam, {naam(i + 1)})" for i in indexes),
        title_match=" OR ".join(f"t.zoeknaam %%> {naam(i + 1)}" for i in indexes),
        exact=_EXACT_SQL.format(titel=model.title_field),
        filter="t.publicatiestatus = %(gepubliceerd)s"
        + (" AND t.type = %(soort)s" if soort else ""),
    )


def _search(model, *, terms: list[str], limit: int, soort: str = "") -> list[tuple]:
    params = {f"term{i}": term for i, term in enumerate(terms)}
    params.update(
        gepubliceerd=Publicatiestatus.GEPUBLICEERD,
        soort=soort,
        candidates=max(SEARCH_CANDIDATES, limit),
        limit=limit,
    )
    with connection.cursor() as cursor:
        cursor.execute(_search_sql(model, terms=len(terms), soort=bool(soort)), params)
        return cursor.fetchall()


def kennisbank_search(*, query: str, limit: int = 20, soort: str = "") -> list[SearchHit]:
    """Published products and articles for a question, best first.

    `soort` narrows to "product" or one article type. Typo tolerance is pg_trgm
    word similarity at its default threshold (0.6), served by the GIN indexes.
    """
    query = _normalised(query)
    if not query:
        return []
    terms = [query, *_synonyms(query)]
    rows = []
    if soort in ("", "product"):
        rows += _search(Product, terms=terms, limit=limit)
    if soort != "product":
        rows += _search(Kennisartikel, terms=terms, limit=limit, soort=soort)
    rows.sort(key=lambda row: row[4], reverse=True)
    product_label = str(Product._meta.verbose_name)
    type_labels = dict(Kennisartikel.Type.choices)
    return [
        SearchHit(
            soort=hit_soort,
            soort_label=product_label if hit_soort == "product" else str(type_labels[hit_soort]),
            uuid=str(uuid),
            titel=titel,
            samenvatting=samenvatting,
            url=reverse(
                "catalogus:product" if hit_soort == "product" else "catalogus:kennisartikel",
                kwargs={"uuid": uuid},
            ),
            score=score,
        )
        for uuid, titel, samenvatting, hit_soort, score in rows[:limit]
    ]


# --- News and work instructions ----------------------------------------------

BERICHTGEVING = [Kennisartikel.Type.NIEUWS, Kennisartikel.Type.WERKINSTRUCTIE]


def nieuws_voor_medewerker(
    *, user, vandaag: datetime.date | None = None
) -> QuerySet[Kennisartikel]:
    """Published news and work instructions meant for this user's roles, newest
    first, each with `gelezen` (has this user opened it) and `belangrijk`."""
    vandaag = vandaag or timezone.localdate()
    rollen = list(user.groups.values_list("name", flat=True))
    return (
        Kennisartikel.objects.filter(
            type__in=BERICHTGEVING, publicatiestatus=Publicatiestatus.GEPUBLICEERD
        )
        .filter(Q(publiceren_vanaf__isnull=True) | Q(publiceren_vanaf__lte=vandaag))
        .filter(Q(publiceren_tot__isnull=True) | Q(publiceren_tot__gte=vandaag))
        .filter(Q(doelgroep_rollen=[]) | Q(doelgroep_rollen__overlap=rollen))
        .annotate(
            gelezen_door_mij=Exists(
                KennisartikelGelezen.objects.filter(artikel=OuterRef("pk"), user=user)
            )
        )
        .only(
            "uuid", "type", "titel", "samenvatting", "belangrijk", "publiceren_vanaf", "aangemaakt"
        )
        .order_by("-belangrijk", F("publiceren_vanaf").desc(nulls_last=True), "-aangemaakt")
    )


def nieuws_ongelezen_belangrijk_aantal(*, user) -> int:
    """The counter on the home page: important items this user has not opened yet."""
    return nieuws_voor_medewerker(user=user).filter(belangrijk=True, gelezen_door_mij=False).count()


# --- Management information --------------------------------------------------


def product_namen(product_ids) -> dict[int, str]:
    return dict(Product.objects.filter(pk__in=product_ids).values_list("pk", "naam"))


def _openbare_artikelen(vandaag: datetime.date) -> QuerySet[Kennisartikel]:
    """Articles a citizen may read today."""
    return (
        Kennisartikel.objects.filter(openbaar=True, publicatiestatus=Publicatiestatus.GEPUBLICEERD)
        .filter(Q(publiceren_vanaf__isnull=True) | Q(publiceren_vanaf__lte=vandaag))
        .filter(Q(publiceren_tot__isnull=True) | Q(publiceren_tot__gte=vandaag))
    )


ONLINE_PRODUCTPAGINA = "productpagina"
ONLINE_KENNISARTIKEL = "kennisartikel"


def onderwerpen_online(*, product_ids, onderwerpen) -> dict[str, dict]:
    """Which subjects the website already answers today: a product with its public
    product page (published), else one with a public kennisartikel; a free-text
    onderwerp by a public kennisartikel of that title. Returns
    {"producten": {pk: bron}, "onderwerpen": {onderwerp in lower case: bron}}."""
    vandaag = timezone.localdate()
    artikelen = _openbare_artikelen(vandaag)
    producten = dict.fromkeys(
        artikelen.filter(producten__pk__in=product_ids).values_list("producten__pk", flat=True),
        ONLINE_KENNISARTIKEL,
    )
    producten.update(
        dict.fromkeys(
            Product.objects.filter(
                pk__in=product_ids, publicatiestatus=Publicatiestatus.GEPUBLICEERD
            ).values_list("pk", flat=True),
            ONLINE_PRODUCTPAGINA,
        )
    )
    gezocht = {onderwerp.strip().lower() for onderwerp in onderwerpen if onderwerp.strip()}
    titels = (
        artikelen.annotate(titel_lower=Lower("titel"))
        .filter(titel_lower__in=gezocht)
        .values_list("titel_lower", flat=True)
    )
    return {
        "producten": producten,
        "onderwerpen": dict.fromkeys(titels, ONLINE_KENNISARTIKEL),
    }
