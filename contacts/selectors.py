"""Reads: finding a partij and everything the klantbeeld shows."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.db.models.functions import Now

from contacts import identifiers
from contacts.models import (
    Adres,
    Contactverzoek,
    DigitaalAdres,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Vraag,
)

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


def klantcontact_list(*, partij: Partij | None = None) -> QuerySet[Klantcontact]:
    contacten = Klantcontact.objects.select_related("partij", "medewerker__user").prefetch_related(
        Prefetch("vragen", queryset=Vraag.objects.select_related("product"))
    )
    if partij is not None:
        contacten = contacten.filter(partij=partij)
    return contacten.order_by("-plaatsgevonden_op", "-pk")


def contactverzoek_list() -> QuerySet[Contactverzoek]:
    return Contactverzoek.objects.select_related(
        "klantcontact__partij", "afdeling", "team", "medewerker__user", "vraag"
    ).order_by("deadline", "pk")


def contactverzoek_open_list(*, partij: Partij) -> QuerySet[Contactverzoek]:
    return (
        contactverzoek_list()
        .filter(klantcontact__partij=partij)
        .exclude(status=Contactverzoek.Status.VERWERKT)
    )


def can_see_secret_address(user) -> bool:
    return user.has_perm("contacts.view_geheim_adres")


def contactverzoek_werkvoorraad(*, medewerker) -> QuerySet[Contactverzoek]:
    """Open requests addressed to the medewerker, their team or their afdeling."""
    if medewerker is None:
        return Contactverzoek.objects.none()
    addressed = Q(medewerker=medewerker)
    if medewerker.team_id:
        addressed |= Q(team_id=medewerker.team_id)
    if medewerker.afdeling_id:
        addressed |= Q(afdeling_id=medewerker.afdeling_id)
    return (
        contactverzoek_list()
        .filter(addressed)
        .exclude(status=Contactverzoek.Status.VERWERKT)
        .annotate(te_laat=ExpressionWrapper(Q(deadline__lt=Now()), output_field=BooleanField()))
    )


def partij_email(partij: Partij) -> str:
    """The partij's first e-mail address, or "" (for messages about their zaken)."""
    adressen = [d for d in partij.digitale_adressen.all() if d.soort == DigitaalAdres.Soort.EMAIL]
    return adressen[0].adres if adressen else ""


def partij_by_email(email: str) -> Partij | None:
    """The one partij with this e-mail address; None when there is none or more than one
    (a shared family address must not put a mail in the wrong klantbeeld)."""
    if not email:
        return None
    found = list(partij_search(email=email)[:2])
    return found[0] if len(found) == 1 else None
