"""Writes on the catalogue: products, zaaktypen, kennisartikelen and the UPL import.

Change history: every write here (and every redacteur edit in the admin and the
API) is recorded in the shared audit log, with the changed fields as the reason.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from catalogus import selectors as catalogus_selectors
from catalogus.models import (
    Aanvraagveld,
    Kennisartikel,
    KennisartikelGelezen,
    Kosten,
    Product,
    Publicatiestatus,
    Resultaattype,
    SdgInformatiegebied,
    Statustype,
    Synoniem,
    Zaaktype,
)
from kcc import lookups
from kcc.services import audit_log_record

DATA_DIR = Path(__file__).resolve().parent / "data"
UPL_FILE = DATA_DIR / "upl_actueel.csv"
SDG_FILE = DATA_DIR / "sdg_informatiegebieden.csv"
UPL_SDG_FILE = DATA_DIR / "upl_sdg_informatiegebied.csv"

UPL_COLUMNS = [
    "UniformeProductnaam",
    "URI",
    "Rijk",
    "Provincie",
    "Waterschap",
    "Gemeente",
    "Burger",
    "Bedrijf",
    "Dienstenwet",
    "SDG",
    "Autonomie",
    "Medebewind",
    "Aanvraag",
    "Subsidie",
    "Melding",
    "Verplichting",
    "Grondslag",
    "Grondslaglabel",
    "Grondslaglink",
]


def catalogus_change_record(*, user, instance, created: bool, changes: str = "", via: str = "ui"):
    """One line of change history for a catalogue object."""
    audit_log_record(
        user=user,
        action="create" if created else "change",
        object_type=instance._meta.label_lower,
        object_uuid=str(getattr(instance, "uuid", instance.pk)),
        description=str(instance),
        reason=changes,
        via=via,
    )


# --- Products ---------------------------------------------------------------


@transaction.atomic
def product_create(
    *,
    naam: str,
    user=None,
    kosten: Iterable[tuple[Decimal, str]] = (),
    sdg_informatiegebieden: Iterable[SdgInformatiegebied] = (),
    via: str = "ui",
    **fields,
) -> Product:
    product = Product(naam=naam, **fields)
    product.full_clean()
    product.save()
    for volgorde, (bedrag, omschrijving) in enumerate(kosten):
        Kosten.objects.create(
            product=product, bedrag=bedrag, omschrijving=omschrijving, volgorde=volgorde
        )
    product.sdg_informatiegebieden.set(sdg_informatiegebieden)
    catalogus_change_record(user=user, instance=product, created=True, via=via)
    return product


@transaction.atomic
def product_update(
    *,
    product: Product,
    user=None,
    kosten: Iterable[tuple[Decimal, str]] | None = None,
    sdg_informatiegebieden: Iterable[SdgInformatiegebied] | None = None,
    aanvraagvelden: Iterable["AanvraagveldData"] | None = None,
    via: str = "ui",
    **fields,
) -> Product:
    changed = [name for name, value in fields.items() if getattr(product, name) != value]
    for name, value in fields.items():
        setattr(product, name, value)
    product.full_clean()
    product.save()
    if kosten is not None:
        product.kosten.all().delete()
        for volgorde, (bedrag, omschrijving) in enumerate(kosten):
            Kosten.objects.create(
                product=product, bedrag=bedrag, omschrijving=omschrijving, volgorde=volgorde
            )
        changed.append("kosten")
    if sdg_informatiegebieden is not None:
        product.sdg_informatiegebieden.set(sdg_informatiegebieden)
    if aanvraagvelden is not None:
        aanvraagvelden_replace(product=product, velden=aanvraagvelden)
        changed.append("aanvraagvelden")
    catalogus_change_record(
        user=user, instance=product, created=False, changes=", ".join(changed), via=via
    )
    return product


@dataclass(frozen=True)
class AanvraagveldData:
    label: str
    type: str = Aanvraagveld.Type.TEKST
    verplicht: bool = True
    toelichting: str = ""
    keuzes: list[str] = field(default_factory=list)


@transaction.atomic
def aanvraagvelden_replace(*, product: Product, velden: Iterable[AanvraagveldData]) -> None:
    """The questions of the product's web form, in this order; all are checked before
    any is stored, with errors keyed `aanvraagvelden.<n>.<field>`."""
    nieuw = [
        Aanvraagveld(
            product=product,
            label=veld.label,
            type=veld.type,
            verplicht=veld.verplicht,
            toelichting=veld.toelichting,
            keuzes="\n".join(veld.keuzes),
            volgorde=volgorde,
        )
        for volgorde, veld in enumerate(velden)
    ]
    errors: dict[str, list[str]] = {}
    labels: set[str] = set()
    for index, veld in enumerate(nieuw):
        try:
            veld.full_clean(exclude=["product"], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"aanvraagvelden.{index}.{name}"] = messages
        if veld.label.lower() in labels:
            errors[f"aanvraagvelden.{index}.label"] = ["Deze vraag staat al op het formulier."]
        labels.add(veld.label.lower())
    if errors:
        raise ValidationError(errors)
    product.aanvraagvelden.all().delete()
    Aanvraagveld.objects.bulk_create(nieuw)


# --- Zaaktypen --------------------------------------------------------------


@dataclass(frozen=True)
class StatustypeData:
    omschrijving: str
    statustekst: str = ""
    informeren: bool = False
    doorlooptijd: int | None = None


def statustypen_validate(statustypen: list) -> None:
    """At least a begin and an end status; the last one is the end status."""
    if len(statustypen) < 2:
        raise ValidationError(
            {"statustypen": "Een zaaktype heeft minstens een begin- en een eindstatus."}
        )


@transaction.atomic
def zaaktype_create(
    *,
    identificatie: str,
    omschrijving: str,
    doorlooptijd: int,
    statustypen: list[StatustypeData],
    resultaattypen: Iterable[str] = (),
    deelzaaktypen: Iterable[Zaaktype] = (),
    user=None,
    **fields,
) -> Zaaktype:
    statustypen_validate(statustypen)
    zaaktype = Zaaktype(
        identificatie=identificatie, omschrijving=omschrijving, doorlooptijd=doorlooptijd, **fields
    )
    zaaktype.full_clean()
    zaaktype.save()
    Statustype.objects.bulk_create(
        Statustype(zaaktype=zaaktype, volgnummer=volgnummer, **vars(data))
        for volgnummer, data in enumerate(statustypen, start=1)
    )
    Resultaattype.objects.bulk_create(
        Resultaattype(zaaktype=zaaktype, omschrijving=omschrijving)
        for omschrijving in resultaattypen
    )
    zaaktype.deelzaaktypen.set(deelzaaktypen)
    catalogus_change_record(user=user, instance=zaaktype, created=True)
    return zaaktype


# --- Kennisartikelen --------------------------------------------------------


@transaction.atomic
def kennisartikel_create(
    *, titel: str, user=None, producten: Iterable[Product] = (), via: str = "ui", **fields
) -> Kennisartikel:
    artikel = Kennisartikel(titel=titel, **fields)
    artikel.full_clean()
    artikel.save()
    artikel.producten.set(producten)
    catalogus_change_record(user=user, instance=artikel, created=True, via=via)
    return artikel


@transaction.atomic
def kennisartikel_update(
    *,
    artikel: Kennisartikel,
    user=None,
    producten: Iterable[Product] | None = None,
    via: str = "ui",
    **fields,
) -> Kennisartikel:
    changed = [name for name, value in fields.items() if getattr(artikel, name) != value]
    for name, value in fields.items():
        setattr(artikel, name, value)
    artikel.full_clean()
    artikel.save()
    if producten is not None:
        artikel.producten.set(producten)
        changed.append("producten")
    catalogus_change_record(
        user=user, instance=artikel, created=False, changes=", ".join(changed), via=via
    )
    return artikel


# --- Synoniemen ------------------------------------------------------------

# Citizens' words that differ from the official names (also loaded by migration 0003).
DEFAULT_SYNONIEMEN = {
    "trouwen": ["huwelijk"],
    "bruiloft": ["huwelijk"],
    "id-kaart": ["identiteitskaart"],
    "idkaart": ["identiteitskaart"],
    "id": ["identiteitskaart"],
    "verhuizen": ["verhuismelding", "verhuizing"],
    "verhuizing": ["verhuismelding"],
    "adreswijziging": ["verhuismelding"],
    "rijbewijs verlengen": ["rijbewijs"],
    "uittreksel": ["brp-uittreksel", "uittreksel"],
    "kappen": ["kapvergunning", "omgevingsvergunning"],
    "boom": ["kapvergunning", "omgevingsvergunning"],
    "verbouwen": ["omgevingsvergunning"],
    "bouwvergunning": ["omgevingsvergunning"],
    "kliko": ["afvalcontainer"],
    "container": ["afvalcontainer"],
    "vuilnisbak": ["afvalcontainer"],
    "grofvuil": ["grof huishoudelijk afval"],
    "uitkering": ["bijstand", "participatiewet"],
    "bijstand": ["participatiewet"],
    "rolstoel": ["wmo", "hulpmiddel"],
    "huishoudelijke hulp": ["wmo"],
    "feest": ["evenementenvergunning"],
    "evenement": ["evenementenvergunning"],
    "parkeren": ["parkeervergunning"],
    "baby": ["geboorteaangifte"],
    "geboren": ["geboorteaangifte"],
    "kwijtschelding": ["kwijtschelding gemeentelijke belastingen"],
    "hond": ["hondenbelasting"],
    "kapotte lantaarnpaal": ["melding openbare ruimte"],
    "straatlantaarn": ["melding openbare ruimte"],
    "gat in de weg": ["melding openbare ruimte"],
}


def synoniemen_defaults_ensure() -> None:
    """Add the default synonyms that are missing; the redacteur's edits stay."""
    for woord, zoek_ook in DEFAULT_SYNONIEMEN.items():
        Synoniem.objects.get_or_create(woord=woord, defaults={"zoek_ook": zoek_ook})


# --- UPL import -------------------------------------------------------------


@dataclass
class UplImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # products that are not municipal
    rejected: list[tuple[int, str]] = field(default_factory=list)
    sdg_gebieden: int = 0

    def summary(self) -> str:
        return (
            f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd, "
            f"{self.skipped} niet-gemeentelijke producten overgeslagen, "
            f"{len(self.rejected)} afgekeurd; "
            f"{self.sdg_gebieden} SDG-informatiegebieden"
        )


def _read_rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    """(line number, fields), header included; undecodable bytes stay visible as
    surrogates so that only the broken row is rejected, not the file."""
    text = Path(path).read_bytes().decode("utf-8-sig", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, row


def _has_broken_encoding(row: list[str]) -> bool:
    return any("\udc80" <= char <= "\udcff" for value in row for char in value)


def _display_name(upl_naam: str) -> str:
    return upl_naam[:1].upper() + upl_naam[1:]


@dataclass
class _UplProduct:
    naam: str
    uri: str
    doelgroep: set[str] = field(default_factory=set)
    sdg_codes: set[str] = field(default_factory=set)
    gemeente: bool = False


NAAM_MAX = Product._meta.get_field("upl_naam").max_length
URI_MAX = Product._meta.get_field("upl_uri").max_length


def _parse_upl(path: Path, report: UplImportReport) -> dict[str, _UplProduct]:
    """Rows are one per product × legal basis: fold them into one per URI."""
    validate_uri = URLValidator(schemes=["http", "https"])
    products: dict[str, _UplProduct] = {}
    rows = _read_rows(path)
    _, header = next(rows, (0, []))
    if [column.strip() for column in header] != UPL_COLUMNS:
        raise ValidationError(f"Onbekende kolommen in {Path(path).name}: {header}")
    for line, row in rows:
        if not row:
            continue
        if _has_broken_encoding(row):
            report.rejected.append((line, "ongeldige tekencodering (geen UTF-8)"))
            continue
        if len(row) != len(UPL_COLUMNS):
            report.rejected.append((line, f"{len(row)} kolommen in plaats van {len(UPL_COLUMNS)}"))
            continue
        values = dict(zip(UPL_COLUMNS, (value.strip() for value in row), strict=True))
        naam, uri = values["UniformeProductnaam"], values["URI"]
        if not naam:
            report.rejected.append((line, "productnaam ontbreekt"))
            continue
        if len(naam) > NAAM_MAX or len(uri) > URI_MAX:
            report.rejected.append((line, f"naam of URI te lang (hoogstens {NAAM_MAX}/{URI_MAX})"))
            continue
        try:
            validate_uri(uri)
        except ValidationError:
            report.rejected.append((line, f"ongeldige URI: {uri!r}"))
            continue
        product = products.setdefault(uri, _UplProduct(naam=naam, uri=uri))
        product.gemeente |= values["Gemeente"] == "X"
        if values["Burger"] == "X":
            product.doelgroep.add(Product.Doelgroep.BURGER)
        if values["Bedrijf"] == "X":
            product.doelgroep.add(Product.Doelgroep.BEDRIJF)
        product.sdg_codes |= {code.strip() for code in values["SDG"].split(";") if code.strip()}
    return products


def _import_sdg(sdg_path: Path, upl_sdg_path: Path, report: UplImportReport) -> dict[str, set]:
    """Import the SDG areas; answer the extra SDG codes per UPL URI."""
    rows = _read_rows(sdg_path)
    next(rows, None)
    for line, row in rows:
        if len(row) != 5 or _has_broken_encoding(row):
            report.rejected.append((line, f"{Path(sdg_path).name}: onleesbare regel"))
            continue
        code, gebied, gebied_uri, thema, thema_uri = (value.strip() for value in row)
        SdgInformatiegebied.objects.update_or_create(
            code=code,
            defaults={
                "informatiegebied": gebied,
                "informatiegebied_uri": gebied_uri,
                "thema": thema,
                "thema_uri": thema_uri,
            },
        )
        report.sdg_gebieden += 1
    per_uri: dict[str, set] = {}
    rows = _read_rows(upl_sdg_path)
    next(rows, None)
    for line, row in rows:
        if len(row) != 6 or _has_broken_encoding(row):
            report.rejected.append((line, f"{Path(upl_sdg_path).name}: onleesbare regel"))
            continue
        per_uri.setdefault(row[1].strip(), set()).add(row[2].strip())
    return per_uri


@transaction.atomic
def upl_import(
    *,
    path: Path = UPL_FILE,
    sdg_path: Path = SDG_FILE,
    upl_sdg_path: Path = UPL_SDG_FILE,
    progress: Callable[[int, int], None] | None = None,
) -> UplImportReport:
    """Municipal UPL products become concept products, idempotent by URI.

    A product that exists keeps everything a redacteur added; only the UPL name
    (and the display name, while the redacteur has not renamed it) follows the list.
    Nothing is ever deleted.
    """
    report = UplImportReport()
    sdg_per_uri = _import_sdg(sdg_path, upl_sdg_path, report)
    sdg_by_code = {gebied.code: gebied for gebied in SdgInformatiegebied.objects.all()}
    upl_products = _parse_upl(path, report)
    municipal = [product for product in upl_products.values() if product.gemeente]
    report.skipped = len(upl_products) - len(municipal)
    existing = {
        product.upl_uri: product
        for product in Product.objects.filter(upl_uri__in=[p.uri for p in municipal])
    }
    nieuw: list[tuple[Product, list[SdgInformatiegebied]]] = []
    for done, upl in enumerate(municipal, start=1):
        codes = upl.sdg_codes | sdg_per_uri.get(upl.uri, set())
        gebieden = [sdg_by_code[code] for code in sorted(codes) if code in sdg_by_code]
        product = existing.get(upl.uri)
        if product is None:
            product = Product(
                naam=_display_name(upl.naam),
                upl_naam=upl.naam,
                upl_uri=upl.uri,
                doelgroep=sorted(upl.doelgroep),
                publicatiestatus=Publicatiestatus.CONCEPT,
            )
            nieuw.append((product, gebieden))
            report.created += 1
        else:
            changed = []
            if product.upl_naam != upl.naam:
                if product.naam == _display_name(product.upl_naam):
                    product.naam = _display_name(upl.naam)
                    changed.append("naam")
                product.upl_naam = upl.naam
                changed.append("upl_naam")
            missing = set(gebieden) - set(product.sdg_informatiegebieden.all())
            if missing:
                product.sdg_informatiegebieden.add(*missing)
                changed.append("sdg_informatiegebieden")
            if changed:
                product.save()
                catalogus_change_record(
                    user=None,
                    instance=product,
                    created=False,
                    changes=", ".join(changed),
                    via="taak",
                )
                report.updated += 1
            else:
                report.unchanged += 1
        if progress:
            progress(done, len(municipal))
    if nieuw:
        _producten_create(nieuw)
    return report


def _producten_create(nieuw: list[tuple[Product, list[SdgInformatiegebied]]]) -> None:
    """New products in a few statements instead of a few per product (the first import
    brings hundreds); what Product's save and its signals do, done once for all."""
    Product.objects.bulk_create([product for product, _ in nieuw])
    koppeling = Product.sdg_informatiegebieden.through
    koppeling.objects.bulk_create(
        koppeling(product=product, sdginformatiegebied=gebied)
        for product, gebieden in nieuw
        for gebied in gebieden
    )
    Product.search_columns_update(Product.objects.filter(pk__in=[p.pk for p, _ in nieuw]))
    lookups.changed()
    catalogus_selectors.product_keuzes_vernieuwen()


def kennisartikel_mark_read(*, artikel: Kennisartikel, user) -> None:
    """Remember that this user opened the article; opening it again changes nothing."""
    KennisartikelGelezen.objects.bulk_create(
        [KennisartikelGelezen(artikel=artikel, user=user)], ignore_conflicts=True
    )
