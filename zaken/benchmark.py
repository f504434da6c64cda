"""Zaken for the benchmark city: three years of intake on the demo zaaktypen.

Metro: 1,000,000 zaken. Burgerzaken (passports, driving licences, moves) takes half
of them and carries a backlog of 10 % open, about 50,000 zaken: the work list the
target is about. The other afdelingen have about 5 % open. Closed zaken went
through every statustype of their zaaktype and have a resultaat; open zaken stand
somewhere before the end status. Every evenementenvergunning has its deelzaak at
Openbare Ruimte. Deadlines come from the business calendar, as at intake. The klantbeeld's heavy
customer (contacts.benchmark) is the initiator of the first HEAVY_CUSTOMER_ZAKEN zaken.
"""

import base64
import datetime
import functools
import random
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from catalogus.models import Statustype, Zaaktype
from contacts.benchmark import HEAVY_CUSTOMER_UUID
from contacts.models import Kanaal
from kcc import calendar, sla
from kcc.benchmark.generate import copy_rows
from kcc.benchmark.scales import Scale
from zaken import selectors as zaken_selectors
from zaken import services as zaken_services

METRO_ZAKEN = 1_000_000
# The klantbeeld target: its heavy customer has 200 zaken (not scaled).
HEAVY_CUSTOMER_ZAKEN = 200
YEARS = 3
CHUNK = 20_000

# Share of all (hoofd)zaken and share still open, per afdeling code.
AFDELINGEN = {
    "burgerzaken": (0.50, 0.10),
    "vergunningen": (0.15, 0.05),
    "belastingen": (0.10, 0.05),
    "sociaal-domein": (0.10, 0.05),
    "openbare-ruimte": (0.15, 0.05),
}
KANALEN = [
    (Kanaal.WEBFORMULIER, 55),
    (Kanaal.BALIE, 25),
    (Kanaal.TELEFOON, 10),
    (Kanaal.EMAIL, 5),
    (Kanaal.POST, 5),
]

ZAAK_COLUMNS = [
    "id",
    "uuid",
    "identificatie",
    "zaaktype_id",
    "product_id",
    "omschrijving",
    "toelichting",
    "initiator_id",
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
    "hoofdzaak_id",
    "behandelende_afdeling_id",
    "behandelaar_id",
    "status_id",
    "status_token",
    "ontvangstbevestiging",
    "aangemaakt",
    "sla_waarschuwing_op",
    "sla_vandaag_op",
    "sla_verlopen_op",
    "sla_ernstig_op",
]
STATUS_COLUMNS = [
    "id",
    "uuid",
    "zaak_id",
    "statustype_id",
    "datum_status_gezet",
    "statustoelichting",
    "gezet_door_id",
]
RESULTAAT_COLUMNS = ["uuid", "zaak_id", "resultaattype_id", "toelichting"]


@functools.cache
def _deadline(start: datetime.date, amount: int, unit: str) -> datetime.date:
    moment = timezone.make_aware(datetime.datetime.combine(start, datetime.time(12)))
    return calendar.deadline_for(moment, amount=amount, unit=unit).date()


@functools.cache
def _sla_drempels(start: datetime.date, uiterlijk: datetime.date) -> tuple:
    """The SLA threshold moments zaak intake stores (zaken.services._sla_drempels)."""
    begin = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    return tuple(sla.drempels(begin, calendar.end_of_day(uiterlijk)).as_fields().values())


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    seconds = rng.randint(8 * 3600, 17 * 3600)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), datetime.UTC) + (
        datetime.timedelta(seconds=seconds)
    )


class _Ids:
    """Ids from the table's own sequence, handed out in order and claimed at the end."""

    def __init__(self, table: str) -> None:
        self.table = table
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            self.next = cursor.fetchone()[0]

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value

    def claim(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [self.table, self.next]
            )


# Issue 5 measures with 5,000,000 statussen for 1,000,000 zaken. The demo zaaktypen have
# three to five steps; real ones have more (beoordeling, advies, besluit), and with six
# a closed zaak has six statussen: some 5.7 million in all.
MIN_STATUSTYPEN = 6
_TUSSENSTAPPEN = ["Beoordeling", "Advies gevraagd", "Besluit in voorbereiding", "Besluit genomen"]


def _complete_statustypen() -> None:
    """Give every zaaktype at least MIN_STATUSTYPEN steps: intermediate steps before
    its end status, which stays the last."""
    for zaaktype in Zaaktype.objects.prefetch_related("statustypen"):
        typen = sorted(zaaktype.statustypen.all(), key=lambda s: s.volgnummer)
        ontbreken = MIN_STATUSTYPEN - len(typen)
        if not typen or ontbreken <= 0:
            continue
        eind = typen[-1]
        eerste_nieuwe = eind.volgnummer
        eind.volgnummer += ontbreken
        eind.save(update_fields=["volgnummer"])
        Statustype.objects.bulk_create(
            Statustype(
                zaaktype=zaaktype,
                volgnummer=eerste_nieuwe + n,
                omschrijving=_TUSSENSTAPPEN[n % len(_TUSSENSTAPPEN)],
            )
            for n in range(ontbreken)
        )


class _Plan:
    """What the generator needs to know of the catalogue and the organisation."""

    def __init__(self, rng: random.Random) -> None:
        _complete_statustypen()
        zaaktypen = list(
            Zaaktype.objects.select_related("behandelende_afdeling").prefetch_related(
                "statustypen", "resultaattypen", "deelzaaktypen__statustypen", "producten"
            )
        )
        deel_ids = {d.pk for z in zaaktypen for d in z.deelzaaktypen.all()}
        self.zaaktypen = {}
        by_afdeling = defaultdict(list)
        for zaaktype in zaaktypen:
            self.zaaktypen[zaaktype.pk] = zaaktype
            zaaktype.bench_statustypen = sorted(
                zaaktype.statustypen.all(), key=lambda s: s.volgnummer
            )
            zaaktype.bench_resultaattypen = list(zaaktype.resultaattypen.all())
            zaaktype.bench_producten = list(zaaktype.producten.all())
            if zaaktype.pk not in deel_ids:
                by_afdeling[zaaktype.behandelende_afdeling.code].append(zaaktype)
        self.choices = []  # (zaaktype, open share), weighted by afdeling share
        self.weights = []
        for code, (share, open_share) in AFDELINGEN.items():
            for zaaktype in by_afdeling.get(code, []):
                self.choices.append((zaaktype, open_share))
                self.weights.append(share / len(by_afdeling[code]))
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, afdeling_id FROM kcc_medewerker")
            self.medewerkers = defaultdict(list)
            for medewerker_id, afdeling_id in cursor.fetchall():
                self.medewerkers[afdeling_id].append(medewerker_id)
            cursor.execute("SELECT id FROM contacts_partij ORDER BY id LIMIT 200000")
            self.partijen = [row[0] for row in cursor.fetchall()] or [None]
            cursor.execute("SELECT id FROM contacts_partij WHERE uuid = %s", [HEAVY_CUSTOMER_UUID])
            heavy = cursor.fetchone()
            self.heavy_partij = heavy[0] if heavy else None
        self.nummers = zaken_selectors.zaaknummer_tellers()
        self.rng = rng

    def identificatie(self, jaar: int) -> str:
        self.nummers[jaar] = self.nummers.get(jaar, 0) + 1
        return settings.KCC_ZAAK_IDENTIFICATIE.format(jaar=jaar, nummer=self.nummers[jaar])

    def save_nummers(self) -> None:
        for jaar, laatste in self.nummers.items():
            zaken_services.zaaknummer_teller_zetten(jaar=jaar, laatste=laatste)


class _Chunk:
    def __init__(self) -> None:
        self.zaken: list[tuple] = []
        self.statussen: list[tuple] = []
        self.resultaten: list[tuple] = []

    def write(self) -> None:
        # zaak.status and status.zaak point at each other: one transaction, the
        # deferred foreign keys are checked at its commit.
        with transaction.atomic():
            copy_rows("zaken_zaak", ZAAK_COLUMNS, self.zaken)
            copy_rows("zaken_status", STATUS_COLUMNS, self.statussen)
            copy_rows("zaken_resultaat", RESULTAAT_COLUMNS, self.resultaten)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _zaak(
    plan: _Plan,
    chunk: _Chunk,
    zaak_ids: _Ids,
    status_ids: _Ids,
    *,
    zaaktype,
    is_open: bool,
    start: datetime.date,
    initiator_id,
    kanaal: str,
    hoofdzaak_id: int | None = None,
) -> int:
    rng = plan.rng
    today = timezone.localdate()
    unit = zaaktype.termijn_eenheid
    gepland = _deadline(start, zaaktype.servicenorm or zaaktype.doorlooptijd, unit)
    uiterlijk = _deadline(start, zaaktype.doorlooptijd, unit)
    statustypen = zaaktype.bench_statustypen
    afdeling_id = zaaktype.behandelende_afdeling_id
    medewerkers = plan.medewerkers.get(afdeling_id) or [None]
    behandelaar_id = rng.choice(medewerkers) if (not is_open or rng.random() < 0.6) else None
    opgeschort = is_open and zaaktype.opschorting_en_aanhouding_mogelijk and rng.random() < 0.03
    verlengd = zaaktype.verlenging_mogelijk and rng.random() < 0.02
    if verlengd:
        duur = rng.randint(1, zaaktype.verlengingstermijn)
        uiterlijk = _deadline(uiterlijk, duur, unit)
    if is_open:
        einddatum = None
        stappen = rng.randint(1, max(1, len(statustypen) - 1))
        tot = today
    else:
        # Most are done in time, some late.
        einddatum = min(
            today, start + datetime.timedelta(days=rng.randint(1, (uiterlijk - start).days + 10))
        )
        stappen = len(statustypen)
        tot = einddatum
    zaak_id = zaak_ids.take()
    status_id = None
    span = max((tot - start).days, 0)
    dagen = sorted(rng.randint(0, span) for _ in range(stappen - 1))
    for statustype, dag in zip(statustypen[:stappen], [0, *dagen], strict=True):
        status_id = status_ids.take()
        chunk.statussen.append(
            (
                status_id,
                _uuid(rng),
                zaak_id,
                statustype.pk,
                _moment(start + datetime.timedelta(days=dag), rng),
                "",
                behandelaar_id if dag else None,
            )
        )
    if einddatum is not None and zaaktype.bench_resultaattypen:
        chunk.resultaten.append(
            (_uuid(rng), zaak_id, rng.choice(zaaktype.bench_resultaattypen).pk, "")
        )
    product = (
        rng.choice(zaaktype.bench_producten)
        if zaaktype.bench_producten and not hoofdzaak_id
        else None
    )
    aangemaakt = _moment(start, rng)
    chunk.zaken.append(
        (
            zaak_id,
            _uuid(rng),
            plan.identificatie(start.year),
            zaaktype.pk,
            product.pk if product else None,
            (product.naam if product else zaaktype.omschrijving)[:80],
            "",
            initiator_id,
            kanaal,
            start,
            start,
            gepland,
            uiterlijk,
            einddatum,
            opgeschort,
            "Wacht op aanvullende stukken van de aanvrager" if opgeschort else "",
            _moment(today - datetime.timedelta(days=rng.randint(1, 20)), rng)
            if opgeschort
            else None,
            "Advies van een externe partij nodig" if verlengd else "",
            duur if verlengd else None,
            zaaktype.vertrouwelijkheidaanduiding,
            hoofdzaak_id,
            afdeling_id,
            behandelaar_id,
            status_id,
            None
            if hoofdzaak_id
            else base64.urlsafe_b64encode(rng.randbytes(32)).decode().rstrip("="),
            "",
            aangemaakt,
            # Only open zaken are watched; closed ones stay out of the SLA indexes anyway.
            *(_sla_drempels(start, uiterlijk) if is_open else (None,) * 4),
        )
    )
    return zaak_id


def generate_zaken(*, scale: Scale, rng: random.Random) -> dict[str, int]:
    plan = _Plan(rng)
    if not plan.choices:
        return {"zaken": 0, "statussen": 0}
    today = timezone.localdate()
    zaak_ids, status_ids = _Ids("zaken_zaak"), _Ids("zaken_status")
    kanalen, kanaal_weights = zip(*KANALEN, strict=True)
    counts = {"zaken": 0, "statussen": 0, "resultaten": 0}
    chunk = _Chunk()
    total = scale.count(METRO_ZAKEN)
    heavy_zaken = 0
    while counts["zaken"] + len(chunk.zaken) < total:
        zaaktype, open_share = rng.choices(plan.choices, plan.weights)[0]
        is_open = rng.random() < open_share
        if is_open:
            # Open zaken arrived lately; a share is overdue.
            start = today - datetime.timedelta(days=rng.randint(0, zaaktype.doorlooptijd * 2))
        else:
            start = today - datetime.timedelta(days=rng.randint(30, YEARS * 365))
        while not calendar.is_werkdag(start):
            start -= datetime.timedelta(days=1)
        initiator_id = rng.choice(plan.partijen)
        if plan.heavy_partij and heavy_zaken < HEAVY_CUSTOMER_ZAKEN:
            initiator_id = plan.heavy_partij
            heavy_zaken += 1
        kanaal = rng.choices(kanalen, kanaal_weights)[0]
        fields = {
            "is_open": is_open,
            "start": start,
            "initiator_id": initiator_id,
            "kanaal": kanaal,
        }
        hoofd_id = _zaak(plan, chunk, zaak_ids, status_ids, zaaktype=zaaktype, **fields)
        for deelzaaktype in zaaktype.deelzaaktypen.all():
            deel = plan.zaaktypen[deelzaaktype.pk]
            _zaak(plan, chunk, zaak_ids, status_ids, zaaktype=deel, hoofdzaak_id=hoofd_id, **fields)
        if len(chunk.zaken) >= CHUNK:
            chunk.write()
            counts["zaken"] += len(chunk.zaken)
            counts["statussen"] += len(chunk.statussen)
            counts["resultaten"] += len(chunk.resultaten)
            chunk = _Chunk()
    chunk.write()
    counts["zaken"] += len(chunk.zaken)
    counts["statussen"] += len(chunk.statussen)
    counts["resultaten"] += len(chunk.resultaten)
    zaak_ids.claim()
    status_ids.claim()
    plan.save_nummers()
    # The trigger wrote a +1 per open zaak; the beat task would fold them within a minute.
    zaken_services.open_zaken_telling_compact()
    return counts


def _token(username: str) -> str:
    from rest_framework.authtoken.models import Token

    from kcc.models import Medewerker

    user = Medewerker.objects.select_related("user").get(user__username=username).user
    return Token.objects.get_or_create(user=user)[0].key


def werkvoorraad_first_page(context):
    """Burgerzaken's open zaken, nearest deadline first, as its own backoffice user."""
    from kcc.benchmark.scenarios import Context
    from kcc.models import Afdeling

    backoffice = Context(token=_token("backoffice"))
    afdeling = Afdeling.objects.get(code="burgerzaken")
    return lambda i: backoffice.api(f"/api/v1/zaken?afdeling={afdeling.uuid}")


def zaak_intake(context):
    """POST /api/v1/zaken as the agent: a passport application of a random partij."""
    from catalogus.models import Product
    from contacts.models import Partij
    from kcc.benchmark.load import Request

    token = _token("agent")
    product = Product.objects.filter(zaaktype__identificatie="BZ-REIS").order_by("pk").first()
    partijen = [str(u) for u in Partij.objects.order_by("pk").values_list("uuid", flat=True)[:1000]]
    run = uuid.uuid4().hex[:8]

    def request(i: int) -> Request:
        import json

        body = {
            "product": str(product.uuid),
            "initiator": partijen[i % len(partijen)],
            "communicatiekanaal": Kanaal.WEBFORMULIER,
            "toelichting": "Aanvraag via het webformulier (benchmark).",
        }
        return Request(
            "POST",
            "/api/v1/zaken",
            body=json.dumps(body).encode(),
            headers={
                "Authorization": f"Token {token}",
                "Accept": "application/json",
                "Content-Type": "application/json",
                "Idempotency-Key": f"bench-{run}-{i}",
            },
            expect=(201,),
        )

    return request
