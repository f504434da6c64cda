"""The base registers: persons from the BRP, companies from the Handelsregister.

Two implementations of the same small interface:
- LocalRegister reads CSV files (contacts/data/), for demo data and tests;
- HttpRegister speaks Haal Centraal "BRP Personen bevragen" (POST /personen,
  type RaadpleegMetBurgerservicenummer) and the KvK "Zoeken" API (GET /zoeken).
Which one is used follows the settings KCC_BRP_URL / KCC_KVK_URL (empty: local).
Audit logging of lookups happens in contacts.services, not here.
"""

import csv
import datetime
import functools
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import requests
from django.conf import settings
from django.core.exceptions import ValidationError

from contacts import identifiers

DATA_DIR = Path(__file__).resolve().parent / "data"
logger = logging.getLogger(__name__)
T = TypeVar("T")
_TIMEOUT = 10


@dataclass(frozen=True)
class Adres:
    straat: str
    huisnummer: int
    huisletter: str
    toevoeging: str
    postcode: str
    woonplaats: str


@dataclass(frozen=True)
class Persoon:
    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: datetime.date | None
    geheimhouding: bool
    overlijdensdatum: datetime.date | None
    adres: Adres | None


@dataclass(frozen=True)
class Bedrijf:
    kvk_nummer: str
    vestigingsnummer: str
    rsin: str
    naam: str
    adres: Adres | None


class PersonenRegister(Protocol):
    def persoon(self, bsn: str) -> Persoon | None: ...


class BedrijvenRegister(Protocol):
    def bedrijf(self, kvk_nummer: str) -> Bedrijf | None: ...


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class LocalRegister:
    """Both registers from CSV files: personen.csv and bedrijven.csv.

    A row that cannot be read (missing column, bad date or number, invalid BSN or
    KvK-nummer) is left out with a warning naming its line; the rest is served."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        self.rejected: list[tuple[str, int, str]] = []

    def _read(self, name: str, build: Callable[[dict], T]) -> list[T]:
        path = self.data_dir / name
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        records = []
        for row in reader:
            try:
                records.append(build(row))
            except (KeyError, TypeError, ValueError, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", [])) or repr(error)
                logger.warning("%s regel %d overgeslagen: %s", name, reader.line_num, reason)
                self.rejected.append((name, reader.line_num, reason))
        return records

    @functools.cached_property
    def _personen(self) -> dict[str, Persoon]:
        def build(row: dict) -> Persoon:
            return Persoon(
                bsn=identifiers.normalise_bsn(row["bsn"]),
                voornamen=row["voornamen"],
                voorvoegsel=row["voorvoegsel"],
                geslachtsnaam=row["geslachtsnaam"],
                geboortedatum=_date(row["geboortedatum"]),
                geheimhouding=row["geheimhouding"] == "ja",
                overlijdensdatum=_date(row["overlijdensdatum"]),
                adres=_csv_adres(row),
            )

        return {persoon.bsn: persoon for persoon in self._read("personen.csv", build)}

    @functools.cached_property
    def _bedrijven(self) -> dict[str, Bedrijf]:
        def build(row: dict) -> Bedrijf:
            return Bedrijf(
                kvk_nummer=identifiers.normalise_kvk_nummer(row["kvk_nummer"]),
                vestigingsnummer=row["vestigingsnummer"],
                rsin=row["rsin"],
                naam=row["naam"],
                adres=_csv_adres(row),
            )

        return {bedrijf.kvk_nummer: bedrijf for bedrijf in self._read("bedrijven.csv", build)}

    def personen(self) -> list[Persoon]:
        return list(self._personen.values())

    def bedrijven(self) -> list[Bedrijf]:
        return list(self._bedrijven.values())

    def persoon(self, bsn: str) -> Persoon | None:
        return self._personen.get(bsn)

    def bedrijf(self, kvk_nummer: str) -> Bedrijf | None:
        return self._bedrijven.get(kvk_nummer)


def _csv_adres(row: dict) -> Adres | None:
    if not row.get("postcode"):
        return None
    return Adres(
        straat=row["straat"],
        huisnummer=int(row["huisnummer"]),
        huisletter=row["huisletter"],
        toevoeging=row["toevoeging"],
        postcode=row["postcode"],
        woonplaats=row["woonplaats"],
    )


class HttpRegister:
    """The real registers over HTTP: BRP Personen bevragen and KvK Zoeken."""

    def __init__(self, *, brp_url: str = "", kvk_url: str = "", api_key: str = ""):
        self.brp_url = brp_url.rstrip("/")
        self.kvk_url = kvk_url.rstrip("/")
        self.api_key = api_key

    def persoon(self, bsn: str) -> Persoon | None:
        response = requests.post(
            f"{self.brp_url}/personen",
            json={
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": [bsn],
                "fields": [
                    "burgerservicenummer",
                    "naam",
                    "geboorte",
                    "overlijden",
                    "verblijfplaats",
                    "geheimhoudingPersoonsgegevens",
                ],
            },
            headers={"X-API-KEY": self.api_key},
            timeout=_TIMEOUT,
        )
        response.raise_for_status()
        personen = response.json().get("personen", [])
        return _brp_persoon(personen[0]) if personen else None

    def bedrijf(self, kvk_nummer: str) -> Bedrijf | None:
        response = requests.get(
            f"{self.kvk_url}/zoeken",
            params={"kvkNummer": kvk_nummer},
            headers={"apikey": self.api_key},
            timeout=_TIMEOUT,
        )
        if response.status_code == 404:  # KvK answers 404 for "nothing found"
            return None
        response.raise_for_status()
        resultaten = response.json().get("resultaten", [])
        return _kvk_bedrijf(resultaten[0]) if resultaten else None


def _brp_persoon(data: dict) -> Persoon:
    naam = data.get("naam", {})
    verblijf = data.get("verblijfplaats", {}).get("verblijfadres")
    adres = None
    if verblijf:
        adres = Adres(
            straat=verblijf.get("officieleStraatnaam") or verblijf.get("korteStraatnaam", ""),
            huisnummer=int(verblijf.get("huisnummer", 0)),
            huisletter=verblijf.get("huisletter", ""),
            toevoeging=verblijf.get("huisnummertoevoeging", ""),
            postcode=verblijf.get("postcode", ""),
            woonplaats=verblijf.get("woonplaats", ""),
        )
    return Persoon(
        bsn=data["burgerservicenummer"],
        voornamen=naam.get("voornamen", ""),
        voorvoegsel=naam.get("voorvoegsel", ""),
        geslachtsnaam=naam.get("geslachtsnaam", ""),
        geboortedatum=_date(data.get("geboorte", {}).get("datum", {}).get("datum")),
        geheimhouding=bool(data.get("geheimhoudingPersoonsgegevens")),
        overlijdensdatum=_date(data.get("overlijden", {}).get("datum", {}).get("datum")),
        adres=adres,
    )


def _kvk_bedrijf(data: dict) -> Bedrijf:
    binnenland = data.get("adres", {}).get("binnenlandsAdres")
    adres = None
    if binnenland:
        adres = Adres(
            straat=binnenland.get("straatnaam", ""),
            huisnummer=int(binnenland.get("huisnummer", 0)),
            huisletter=binnenland.get("huisletter", ""),
            toevoeging=binnenland.get("huisnummerToevoeging", ""),
            postcode=binnenland.get("postcode", ""),
            woonplaats=binnenland.get("plaats", ""),
        )
    return Bedrijf(
        kvk_nummer=data["kvkNummer"],
        vestigingsnummer=data.get("vestigingsnummer", ""),
        rsin=data.get("rsin", ""),
        naam=data.get("naam", ""),
        adres=adres,
    )


@functools.cache
def _local() -> LocalRegister:
    return LocalRegister()


def brp() -> PersonenRegister:
    if settings.KCC_BRP_URL:
        return HttpRegister(brp_url=settings.KCC_BRP_URL, api_key=settings.KCC_BRP_API_KEY)
    return _local()


def handelsregister() -> BedrijvenRegister:
    if settings.KCC_KVK_URL:
        return HttpRegister(kvk_url=settings.KCC_KVK_URL, api_key=settings.KCC_KVK_API_KEY)
    return _local()
