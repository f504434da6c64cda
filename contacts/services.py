"""Writes on partijen, klantcontacten and contactverzoeken."""

import datetime
import logging
import secrets
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from catalogus.models import Product
from contacts import identifiers, registers, selectors
from contacts.models import (
    Adres,
    Afhandeling,
    Contactverzoek,
    ContactverzoekGebeurtenis,
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
from kcc import authz, related, sla, statements
from kcc.kpi import Periode, aaneengesloten
from kcc.models import Afdeling, AuditLogEntry, Eenheid, Medewerker, Servicenorm, Team
from kcc.selectors import servicenorm_deadline
from kcc.services import (
    AuditObject,
    audit_log_record,
    audit_log_record_many,
    bericht_from_template,
)
from zaken.services import zaak_intake

logger = logging.getLogger(__name__)

_NORMALISERS = {
    PartijIdentificator.Soort.BSN: identifiers.normalise_bsn,
    PartijIdentificator.Soort.RSIN: identifiers.normalise_bsn,
    PartijIdentificator.Soort.KVK_NUMMER: identifiers.normalise_kvk_nummer,
    PartijIdentificator.Soort.VESTIGINGSNUMMER: identifiers.normalise_vestigingsnummer,
}


@dataclass
class AdresData:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""
    straat: str = ""
    woonplaats: str = ""


@dataclass
class ContactverzoekData:
    """What a question turned into a callback request needs."""

    gevraagde_handeling: str
    afdeling: Afdeling | None = None
    team: Team | None = None
    medewerker: Medewerker | None = None
    toelichting: str = ""
    terugbelnummer: str = ""
    email: str = ""
    deadline: datetime.datetime | None = None


@dataclass
class VraagData:
    vraag: str
    afhandeling: str
    product: Product | None = None
    onderwerp: str = ""
    antwoord: str = ""
    contactverzoek: ContactverzoekData | None = None
    # The answers of a web application, kept on the zaak it starts.
    aanvraaggegevens: list[dict[str, str]] = field(default_factory=list)


@dataclass
class _Errors:
    errors: dict = field(default_factory=dict)

    def add(self, key: str, message) -> None:
        self.errors.setdefault(key, []).extend(
            message.messages if isinstance(message, ValidationError) else [message]
        )

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _default_deadline(start: datetime.datetime | None = None) -> datetime.datetime:
    """The callback norm of the kwaliteitshandvest (default: 1 werkdag) from now."""
    return servicenorm_deadline(
        kanaal=Servicenorm.Kanaal.CONTACTVERZOEK,
        start=start or timezone.now(),
        default_amount=1,
        default_unit=Eenheid.WERKDAGEN,
    )


@transaction.atomic
def partij_create(
    *,
    soort: str,
    voornaam: str = "",
    voorvoegsel_achternaam: str = "",
    achternaam: str = "",
    geboortedatum: datetime.date | None = None,
    overlijdensdatum: datetime.date | None = None,
    statutaire_naam: str = "",
    voorkeurskanaal: str = "",
    indicatie_geheimhouding: bool = False,
    organisatie: Partij | None = None,
    identificatoren: list[tuple[str, str]] = (),
    adressen: list[AdresData] = (),
    emails: list[str] = (),
    telefoonnummers: list[str] = (),
) -> Partij:
    """Create a partij with identifiers and addresses; every value is checked first."""
    errors = _Errors()
    if soort == Partij.Soort.ORGANISATIE and not statutaire_naam:
        errors.add("statutaire_naam", "Een organisatie heeft een statutaire naam.")
    if soort != Partij.Soort.ORGANISATIE and not achternaam:
        errors.add("achternaam", "Vul een achternaam in.")
    if soort == Partij.Soort.CONTACTPERSOON and organisatie is None:
        errors.add("organisatie", "Een contactpersoon hoort bij een organisatie.")
    checked_ids = []
    for id_soort, waarde in identificatoren:
        normaliser = _NORMALISERS.get(id_soort)
        if normaliser is None:
            errors.add("identificatoren", f"Onbekende soort identificator: {id_soort}.")
            continue
        try:
            waarde = normaliser(waarde)
        except ValidationError as exc:
            errors.add("identificatoren", exc)
            continue
        if PartijIdentificator.objects.filter(soort=id_soort, waarde=waarde).exists():
            errors.add("identificatoren", f"Er is al een partij met dit nummer ({waarde}).")
            continue
        checked_ids.append((id_soort, waarde))
    checked_adressen = []
    for adres in adressen:
        try:
            postcode = identifiers.normalise_postcode(adres.postcode)
        except ValidationError as exc:
            errors.add("adressen", exc)
            continue
        checked_adressen.append((adres, postcode))
    digitale = []
    for email in emails:
        try:
            digitale.append((DigitaalAdres.Soort.EMAIL, identifiers.normalise_email(email)))
        except ValidationError as exc:
            errors.add("emails", exc)
    for nummer in telefoonnummers:
        try:
            digitale.append((DigitaalAdres.Soort.TELEFOON, identifiers.normalise_phone(nummer)))
        except ValidationError as exc:
            errors.add("telefoonnummers", exc)
    errors.raise_if_any()

    partij = Partij(
        soort=soort,
        voornaam=voornaam,
        voorvoegsel_achternaam=voorvoegsel_achternaam,
        achternaam=achternaam,
        geboortedatum=geboortedatum,
        overlijdensdatum=overlijdensdatum,
        statutaire_naam=statutaire_naam,
        voorkeurskanaal=voorkeurskanaal,
        indicatie_geheimhouding=indicatie_geheimhouding,
        organisatie=organisatie,
    )
    partij.full_clean()
    partij.save()
    PartijIdentificator.objects.bulk_create(
        PartijIdentificator(partij=partij, soort=s, waarde=w) for s, w in checked_ids
    )
    Adres.objects.bulk_create(
        Adres(
            partij=partij,
            postcode=postcode,
            huisnummer=adres.huisnummer,
            huisletter=adres.huisletter.upper(),
            toevoeging=adres.toevoeging,
            straat=adres.straat,
            woonplaats=adres.woonplaats,
        )
        for adres, postcode in checked_adressen
    )
    DigitaalAdres.objects.bulk_create(
        DigitaalAdres(partij=partij, soort=s, adres=a) for s, a in digitale
    )
    return partij


def _contactverzoek_errors(data: ContactverzoekData, errors: _Errors, prefix: str) -> None:
    if not (data.afdeling or data.team or data.medewerker):
        errors.add(f"{prefix}afdeling", "Kies een afdeling, team of medewerker.")
    if not data.gevraagde_handeling.strip():
        errors.add(f"{prefix}gevraagde_handeling", "Vul in wat er gevraagd wordt.")
    if data.terugbelnummer:
        try:
            data.terugbelnummer = identifiers.normalise_phone(data.terugbelnummer)
        except ValidationError as exc:
            errors.add(f"{prefix}terugbelnummer", exc)
    if data.email:
        try:
            data.email = identifiers.normalise_email(data.email)
        except ValidationError as exc:
            errors.add(f"{prefix}email", exc)
    if data.deadline is not None and data.deadline < timezone.now():
        errors.add(f"{prefix}deadline", "De deadline ligt in het verleden.")


def _contactverzoek_save(
    *, klantcontact: Klantcontact, vraag: Vraag | None, data: ContactverzoekData, door
) -> Contactverzoek:
    start = timezone.now()
    deadline = data.deadline or _default_deadline(start)
    contactverzoek = Contactverzoek(
        klantcontact=klantcontact,
        vraag=vraag,
        afdeling=data.afdeling,
        team=data.team,
        medewerker=data.medewerker,
        gevraagde_handeling=data.gevraagde_handeling.strip(),
        toelichting=data.toelichting,
        terugbelnummer=data.terugbelnummer,
        email=data.email,
        deadline=deadline,
        **sla.drempels(start, deadline).as_fields(),
    )
    statements.insert(contactverzoek)
    statements.insert(
        ContactverzoekGebeurtenis(
            contactverzoek=contactverzoek,
            soort=ContactverzoekGebeurtenis.Soort.AANGEMAAKT,
            medewerker=door,
        )
    )
    return contactverzoek


def _lock_formulier(uuid: uuid_module.UUID) -> None:
    """Serialises the writes of one contact form (two submits, a late autosave) until
    the first commits."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [str(uuid)])


def _registration_errors(*, kanaal: str, vragen: list[VraagData]) -> _Errors:
    """What is wrong with a contact before anything is written; fills in a
    contactverzoek's afdeling from its product."""
    errors = _Errors()
    if not vragen:
        errors.add("vragen", "Registreer ten minste één vraag.")
    for index, vraag in enumerate(vragen):
        prefix = f"vragen.{index}."
        if not vraag.vraag.strip():
            errors.add(f"{prefix}vraag", "Vul de vraag in.")
        if vraag.afhandeling not in Afhandeling.values:
            errors.add(f"{prefix}afhandeling", "Kies een afhandeling.")
        if not (vraag.product or vraag.onderwerp.strip()):
            errors.add(f"{prefix}onderwerp", "Kies een product of vul een onderwerp in.")
        if vraag.afhandeling == Afhandeling.TERUGBELVERZOEK and vraag.contactverzoek is None:
            errors.add(f"{prefix}afdeling", "Een terugbelverzoek heeft een afdeling nodig.")
        if vraag.contactverzoek is not None:
            cv = vraag.contactverzoek
            if not (cv.afdeling or cv.team or cv.medewerker) and vraag.product is not None:
                # The product's department handles it unless the agent chose otherwise.
                cv.afdeling = vraag.product.behandelende_afdeling
            _contactverzoek_errors(cv, errors, f"{prefix}contactverzoek.")
    if kanaal not in Kanaal.values:
        errors.add("kanaal", "Kies een kanaal.")
    return errors


def klantcontact_register(
    *,
    medewerker: Medewerker | None,
    kanaal: str,
    vragen: list[VraagData],
    partij: Partij | None = None,
    onderwerp: str = "",
    inhoud: str = "",
    richting: str = Klantcontact.Richting.INKOMEND,
    vertrouwelijk: bool = False,
    plaatsgevonden_op: datetime.datetime | None = None,
    uuid: uuid_module.UUID | None = None,
) -> Klantcontact:
    """Register a contact with its questions and their contactverzoeken, all or nothing.

    Errors come back keyed `vragen.<n>.<field>` so a form or the API can place them.
    A form sends the uuid it was rendered with: posting it twice registers one contact.

    The input is checked before anything is written; the writes then join the
    caller's transaction without a savepoint of their own (two statements fewer per
    contact). A later error fails that transaction as a whole: every caller lets it
    through.
    """
    _registration_errors(kanaal=kanaal, vragen=vragen).raise_if_any()
    with transaction.atomic(savepoint=False):
        return _klantcontact_write(
            medewerker=medewerker,
            kanaal=kanaal,
            vragen=vragen,
            partij=partij,
            onderwerp=onderwerp,
            inhoud=inhoud,
            richting=richting,
            vertrouwelijk=vertrouwelijk,
            plaatsgevonden_op=plaatsgevonden_op,
            uuid=uuid,
        )


def _klantcontact_write(
    *,
    medewerker: Medewerker | None,
    kanaal: str,
    vragen: list[VraagData],
    partij: Partij | None,
    onderwerp: str,
    inhoud: str,
    richting: str,
    vertrouwelijk: bool,
    plaatsgevonden_op: datetime.datetime | None,
    uuid: uuid_module.UUID | None,
) -> Klantcontact:
    if uuid is not None:
        _lock_formulier(uuid)
        existing = Klantcontact.objects.filter(uuid=uuid).first()
        if existing is not None:
            return existing
        KlantcontactConcept.objects.filter(uuid=uuid).delete()
    first = vragen[0]
    klantcontact = Klantcontact(
        uuid=uuid or uuid_module.uuid4(),
        partij=partij,
        kanaal=kanaal,
        richting=richting,
        onderwerp=(onderwerp or first.onderwerp or str(first.product))[:200],
        inhoud=inhoud,
        vertrouwelijk=vertrouwelijk,
        plaatsgevonden_op=plaatsgevonden_op or timezone.now(),
        medewerker=medewerker,
        # The outcome of the contact is that of its main (first) question.
        afhandeling=first.afhandeling,
    )
    statements.insert(klantcontact)
    klantcontact_dagen_verouderd(momenten=[klantcontact.plaatsgevonden_op])
    rows = [
        Vraag(
            klantcontact=klantcontact,
            volgnummer=volgnummer,
            product=data.product,
            onderwerp=data.onderwerp or (data.product.naam if data.product else ""),
            vraag=data.vraag,
            antwoord=data.antwoord,
            afhandeling=data.afhandeling,
        )
        for volgnummer, data in enumerate(vragen, start=1)
    ]
    statements.insert(*rows)
    # The answer shows them; they are not read back.
    related.remember(klantcontact, "vragen", rows)
    for vraag, data in zip(rows, vragen, strict=True):
        if data.contactverzoek is not None:
            _contactverzoek_save(
                klantcontact=klantcontact, vraag=vraag, data=data.contactverzoek, door=medewerker
            )
        if data.afhandeling == Afhandeling.AANVRAAG_INGENOMEN and data.product is not None:
            if data.product.zaaktype_id is not None:
                zaak_intake(
                    product=data.product,
                    initiator=partij,
                    omschrijving=data.product.naam,
                    toelichting=data.vraag,
                    kanaal=kanaal,
                    klantcontact=klantcontact,
                    door=medewerker,
                    aanvraaggegevens=data.aanvraaggegevens,
                )
    if partij is not None:
        _mark_repeat_contacts(klantcontact=klantcontact, vragen=vragen)
        _tevredenheidsmeting_send(klantcontact=klantcontact)
    return klantcontact


# The earlier contacts of the partij within the window that had a question about one
# of the same products or (case-insensitively) the same free-text onderwerpen; one
# statement, which answers when the contacts it changed took place.
_NOT_RESOLVED_AT_ONCE = """
UPDATE contacts_klantcontact AS k SET in_een_keer_opgelost = false
WHERE k.partij_id = %(partij)s
  AND k.plaatsgevonden_op >= %(sinds)s AND k.plaatsgevonden_op < %(moment)s
  AND k.in_een_keer_opgelost
  AND EXISTS (
    SELECT 1 FROM contacts_vraag AS v
    WHERE v.klantcontact_id = k.id
      AND (v.product_id = ANY(%(producten)s::bigint[])
           OR upper(v.onderwerp) = ANY(
             ARRAY(SELECT upper(o) FROM unnest(%(onderwerpen)s::text[]) AS o)))
  )
RETURNING k.plaatsgevonden_op
"""


def _mark_repeat_contacts(*, klantcontact: Klantcontact, vragen: list[VraagData]) -> None:
    """True first-contact resolution: coming back about the same subject within
    KCC_FCR_DAYS means the earlier contact did not solve it in one go."""
    producten = [vraag.product.pk for vraag in vragen if vraag.product is not None]
    onderwerpen = [
        vraag.onderwerp.strip()
        for vraag in vragen
        if vraag.product is None and vraag.onderwerp.strip()
    ]
    if not (producten or onderwerpen):
        return
    moment = klantcontact.plaatsgevonden_op
    with connection.cursor() as cursor:
        cursor.execute(
            _NOT_RESOLVED_AT_ONCE,
            {
                "partij": klantcontact.partij_id,
                "sinds": moment - datetime.timedelta(days=settings.KCC_FCR_DAYS),
                "moment": moment,
                "producten": producten,
                "onderwerpen": onderwerpen,
            },
        )
        momenten = [row[0] for row in cursor.fetchall()]
    klantcontact_dagen_verouderd(momenten=momenten)


@transaction.atomic
def contactverzoek_create(
    *, klantcontact: Klantcontact, data: ContactverzoekData, door: Medewerker | None
) -> Contactverzoek:
    errors = _Errors()
    _contactverzoek_errors(data, errors, "")
    errors.raise_if_any()
    return _contactverzoek_save(klantcontact=klantcontact, vraag=None, data=data, door=door)


@transaction.atomic
def contactverzoek_claim(
    *, contactverzoek: Contactverzoek, medewerker: Medewerker
) -> Contactverzoek:
    """The medewerker takes the request on: it is assigned to them and in behandeling."""
    contactverzoek = Contactverzoek.objects.select_for_update().get(pk=contactverzoek.pk)
    if contactverzoek.status != Contactverzoek.Status.TE_VERWERKEN:
        raise ValidationError(
            {"status": "Alleen een contactverzoek dat nog te verwerken is, kan worden opgepakt."}
        )
    contactverzoek.status = Contactverzoek.Status.IN_BEHANDELING
    contactverzoek.medewerker = medewerker
    contactverzoek.save(update_fields=["status", "medewerker"])
    ContactverzoekGebeurtenis.objects.create(
        contactverzoek=contactverzoek,
        soort=ContactverzoekGebeurtenis.Soort.OPGEPAKT,
        medewerker=medewerker,
    )
    return contactverzoek


@transaction.atomic
def contactverzoek_hand_back(
    *, contactverzoek: Contactverzoek, medewerker: Medewerker | None, toelichting: str
) -> Contactverzoek:
    """Back to the KCC's queue (not for this afdeling; the customer must be called
    again), unassigned and to be handled, with the reason in its log."""
    contactverzoek = Contactverzoek.objects.select_for_update().get(pk=contactverzoek.pk)
    if contactverzoek.status == Contactverzoek.Status.VERWERKT:
        raise ValidationError({"status": "Dit contactverzoek is al verwerkt."})
    if not toelichting.strip():
        raise ValidationError(
            {"toelichting": "Schrijf erbij waarom het contactverzoek terug gaat naar het KCC."}
        )
    kcc = Afdeling.objects.filter(code=settings.KCC_AFDELING_CODE).first()
    if kcc is None:
        raise ValidationError({"afdeling": "Er is geen KCC-afdeling ingesteld."})
    if contactverzoek.afdeling_id == kcc.pk and not contactverzoek.medewerker_id:
        raise ValidationError({"afdeling": "Dit contactverzoek ligt al bij het KCC."})
    contactverzoek.afdeling = kcc
    contactverzoek.team = None
    contactverzoek.medewerker = None
    contactverzoek.status = Contactverzoek.Status.TE_VERWERKEN
    contactverzoek.save(update_fields=["afdeling", "team", "medewerker", "status"])
    ContactverzoekGebeurtenis.objects.create(
        contactverzoek=contactverzoek,
        soort=ContactverzoekGebeurtenis.Soort.TERUG_NAAR_KCC,
        medewerker=medewerker,
        toelichting=toelichting.strip(),
    )
    audit_log_record(
        user=medewerker.user if medewerker else None,
        action=AuditLogEntry.Actie.CHANGE,
        object_type="contactverzoek",
        object_uuid=contactverzoek.uuid,
        description=f"{contactverzoek.gevraagde_handeling}: teruggegeven aan het KCC"[:255],
        reason=toelichting.strip(),
    )
    return contactverzoek


@transaction.atomic
def contactverzoek_complete(
    *, contactverzoek: Contactverzoek, medewerker: Medewerker, toelichting: str = ""
) -> Contactverzoek:
    contactverzoek = Contactverzoek.objects.select_for_update().get(pk=contactverzoek.pk)
    if contactverzoek.status == Contactverzoek.Status.VERWERKT:
        raise ValidationError({"status": "Dit contactverzoek is al verwerkt."})
    contactverzoek.status = Contactverzoek.Status.VERWERKT
    contactverzoek.afgehandeld_op = timezone.now()
    contactverzoek.afhandeling_toelichting = toelichting
    if contactverzoek.medewerker is None:
        contactverzoek.medewerker = medewerker
    contactverzoek.save(
        update_fields=["status", "afgehandeld_op", "afhandeling_toelichting", "medewerker"]
    )
    ContactverzoekGebeurtenis.objects.create(
        contactverzoek=contactverzoek,
        soort=ContactverzoekGebeurtenis.Soort.AFGEHANDELD,
        medewerker=medewerker,
        toelichting=toelichting,
    )
    return contactverzoek


def partij_view_record(*, user, partij: Partij, reason: str, via: str = "ui", request=None):
    """Log that a medewerker opened this partij's data, and why.

    A secret address withheld from this user is noted too: the refusal is logged.
    """
    description = partij.naam
    if partij.indicatie_geheimhouding and not authz.can(user, authz.VIEW_SECRET_ADDRESS, partij):
        description += " – adres afgeschermd (geheimhouding, geen bevoegdheid)"
    return audit_log_record(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="partij",
        object_uuid=partij.uuid,
        description=description,
        partij_uuid=partij.uuid,
        reason=reason,
        via=via,
        request=request,
    )


def partijen_view_record(
    *, user, partijen: Iterable[Partij], reason: str, via: str = "ui", request=None
) -> int:
    """Log a list of partijen that was shown (search results): one line per partij."""
    return audit_log_record_many(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="partij",
        objects=[AuditObject(p.uuid, p.naam, p.uuid) for p in partijen],
        reason=reason,
        via=via,
        request=request,
    )


def klantcontacten_view_record(
    *, user, klantcontacten: Iterable[Klantcontact], reason: str, via: str = "ui", request=None
) -> int:
    return audit_log_record_many(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="klantcontact",
        objects=[
            AuditObject(
                k.uuid,
                str(k),
                k.partij.uuid if k.partij_id else None,
            )
            for k in klantcontacten
        ],
        reason=reason,
        via=via,
        request=request,
    )


def contactverzoeken_view_record(
    *, user, contactverzoeken: Iterable[Contactverzoek], reason: str, via: str = "ui", request=None
) -> int:
    return audit_log_record_many(
        user=user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="contactverzoek",
        objects=[
            AuditObject(
                c.uuid,
                c.gevraagde_handeling,
                c.klantcontact.partij.uuid if c.klantcontact.partij_id else None,
            )
            for c in contactverzoeken
        ],
        reason=reason,
        via=via,
        request=request,
    )


def register_persoon_lookup(
    *, user, bsn: str, purpose: str, via: str = "ui", request=None
) -> registers.Persoon | None:
    """Look a person up in the BRP; every lookup is logged with its purpose."""
    bsn = identifiers.normalise_bsn(bsn)
    audit_log_record(
        user=user,
        action=AuditLogEntry.Actie.LOOKUP,
        object_type="brp-persoon",
        object_uuid=bsn,
        description="BRP Personen bevragen",
        reason=purpose,
        via=via,
        request=request,
    )
    return registers.brp().persoon(bsn)


def register_bedrijf_lookup(
    *, user, kvk_nummer: str, purpose: str, via: str = "ui", request=None
) -> registers.Bedrijf | None:
    """Look a company up in the Handelsregister; every lookup is logged with its purpose."""
    kvk_nummer = identifiers.normalise_kvk_nummer(kvk_nummer)
    audit_log_record(
        user=user,
        action=AuditLogEntry.Actie.LOOKUP,
        object_type="kvk-bedrijf",
        object_uuid=kvk_nummer,
        description="Handelsregister zoeken",
        reason=purpose,
        via=via,
        request=request,
    )
    return registers.handelsregister().bedrijf(kvk_nummer)


def _adres_data(adres: registers.Adres | None) -> list[AdresData]:
    if adres is None:
        return []
    return [
        AdresData(
            postcode=adres.postcode,
            huisnummer=adres.huisnummer,
            huisletter=adres.huisletter,
            toevoeging=adres.toevoeging,
            straat=adres.straat,
            woonplaats=adres.woonplaats,
        )
    ]


@transaction.atomic
def partij_import_from_register(
    *, user, purpose: str, bsn: str = "", kvk_nummer: str = "", via: str = "ui", request=None
) -> Partij:
    """Record a person (BRP) or company (Handelsregister) as a partij, once."""
    if bsn:
        persoon = register_persoon_lookup(
            user=user, bsn=bsn, purpose=purpose, via=via, request=request
        )
        if persoon is None:
            raise ValidationError({"bsn": "Dit BSN is niet gevonden in de BRP."})
        return partij_create(
            soort=Partij.Soort.PERSOON,
            voornaam=persoon.voornamen,
            voorvoegsel_achternaam=persoon.voorvoegsel,
            achternaam=persoon.geslachtsnaam,
            geboortedatum=persoon.geboortedatum,
            overlijdensdatum=persoon.overlijdensdatum,
            indicatie_geheimhouding=persoon.geheimhouding,
            identificatoren=[(PartijIdentificator.Soort.BSN, persoon.bsn)],
            adressen=_adres_data(persoon.adres),
        )
    bedrijf = register_bedrijf_lookup(
        user=user, kvk_nummer=kvk_nummer, purpose=purpose, via=via, request=request
    )
    if bedrijf is None:
        raise ValidationError(
            {"kvk_nummer": "Dit KvK-nummer is niet gevonden in het Handelsregister."}
        )
    identificatoren = [(PartijIdentificator.Soort.KVK_NUMMER, bedrijf.kvk_nummer)]
    if bedrijf.vestigingsnummer:
        identificatoren.append(
            (PartijIdentificator.Soort.VESTIGINGSNUMMER, bedrijf.vestigingsnummer)
        )
    if bedrijf.rsin:
        identificatoren.append((PartijIdentificator.Soort.RSIN, bedrijf.rsin))
    return partij_create(
        soort=Partij.Soort.ORGANISATIE,
        statutaire_naam=bedrijf.naam,
        identificatoren=identificatoren,
        adressen=_adres_data(bedrijf.adres),
    )


# --- Dashboard roll-up ---------------------------------------------------------

# Today's roll-up holds the contacts up to this long before it was built; the dashboard
# counts the rest live. A write about a contact of today bumps the day only when the
# contact lies more than half of this in the past: a transaction that takes less than
# that to commit can then never fall between a roll-up and its live rest.
ROLLUP_MARGE = datetime.timedelta(minutes=10)
# A write that makes today's roll-up stale has a worker rebuild it this many seconds
# later, not at the next beat run: survey answers and repeat contacts about earlier
# contacts of today come in every few minutes, and a stale today is counted live.
VANDAAG_HERBOUW_SECONDEN = 10
_VANDAAG_HERBOUW_GEPLAND = "contacts:dagtelling-vandaag-gepland"


def klantcontact_dagen_verouderd(
    *, momenten: Iterable[datetime.datetime], nu: datetime.datetime | None = None
) -> None:
    """A write changed contacts that took place at these moments: their days' roll-ups
    are not trusted until rebuilt. A moment of today counts only when a roll-up can
    already hold it (ROLLUP_MARGE); a later day has no roll-up."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    grens = nu - ROLLUP_MARGE / 2
    dagen = sorted(
        {
            timezone.localdate(moment)
            for moment in momenten
            if timezone.localdate(moment) < vandaag
            or (timezone.localdate(moment) == vandaag and moment < grens)
        }
    )
    if not dagen:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO contacts_klantcontactdagstatus (dag, versie) "
            "SELECT unnest(%s::date[]), 1 ON CONFLICT (dag) "
            "DO UPDATE SET versie = contacts_klantcontactdagstatus.versie + 1",
            [dagen],
        )
    if vandaag in dagen:
        transaction.on_commit(_vandaag_herbouw_plannen, robust=True)


def _vandaag_herbouw_plannen() -> None:
    """One rebuild of today per VANDAAG_HERBOUW_SECONDEN, however many writes. Only a
    hint: without Redis, the beat run rebuilds the day within 5 minutes."""
    from contacts.tasks import bijwerken_vandaag

    try:
        if cache.add(_VANDAAG_HERBOUW_GEPLAND, True, timeout=VANDAAG_HERBOUW_SECONDEN):
            bijwerken_vandaag.apply_async(countdown=VANDAAG_HERBOUW_SECONDEN, retry=False)
    except Exception:  # noqa: BLE001 - beat rebuilds the day anyway
        logger.warning("Herbouw van de dagtelling van vandaag niet gepland.", exc_info=True)


def klantcontact_dagtellingen_opbouwen(
    *,
    dagen: Iterable[datetime.date],
    tot: datetime.datetime | None = None,
    nu: datetime.datetime | None = None,
) -> None:
    """Rebuild the roll-ups of these days from their contacts before `tot` (each day at
    most to its end, at most ROLLUP_MARGE ago), and record per day the versie and the
    moment it reflects. A run of consecutive days is counted with one query per roll-up.

    The status rows are locked first, in date order: a write to one of these days waits,
    then bumps its versie after this commit, so the day is rebuilt again rather than
    trusted stale.
    """
    dagen = sorted(set(dagen))
    if not dagen:
        return
    grens = (nu or timezone.now()) - ROLLUP_MARGE
    if tot is not None:
        grens = min(grens, tot)
    with transaction.atomic():
        KlantcontactDagstatus.objects.bulk_create(
            [KlantcontactDagstatus(dag=dag) for dag in dagen], ignore_conflicts=True
        )
        statussen = list(
            KlantcontactDagstatus.objects.select_for_update().filter(dag__in=dagen).order_by("dag")
        )
        for model in (KlantcontactDagtelling, VraagDagtelling, TevredenheidDagtelling):
            model.objects.filter(dag__in=dagen).delete()
        for run in aaneengesloten(dagen):
            periode = Periode(run.van, run.tot, voor=min(run.eind, max(run.start, grens)))
            KlantcontactDagtelling.objects.bulk_create(
                KlantcontactDagtelling(**rij)
                for rij in selectors.klantcontact_dagtelling_rijen(periode=periode)
            )
            VraagDagtelling.objects.bulk_create(
                VraagDagtelling(**rij) for rij in selectors.vraag_dagtellingen(periode=periode)
            )
            TevredenheidDagtelling.objects.bulk_create(
                TevredenheidDagtelling(**rij)
                for rij in selectors.tevredenheid_dagtellingen(periode=periode)
            )
        opgebouwd_op = timezone.now()
        for status in statussen:
            dagperiode = Periode(status.dag, status.dag)
            status.ververst_versie, status.ververst_op = status.versie, opgebouwd_op
            status.ververst_tot = max(dagperiode.start, min(dagperiode.eind, grens))
        KlantcontactDagstatus.objects.bulk_update(
            statussen, ["ververst_versie", "ververst_op", "ververst_tot"]
        )


def klantcontact_dagtellingen_bijwerken(
    *, vandaag: datetime.date | None = None, terug: int = 400, max_dagen: int | None = 62
) -> int:
    """Celery beat: rebuild the past days that are stale, not rolled up yet or rolled
    up only in part (yesterday's roll-up made while it was today), newest first, at
    most `max_dagen` per run. Returns how many days were rebuilt."""
    vandaag = vandaag or timezone.localdate()
    eerste = vandaag - datetime.timedelta(days=terug)
    statussen = KlantcontactDagstatus.objects.filter(dag__gte=eerste, dag__lt=vandaag)
    bekend, verouderd = set(), set()
    for dag, versie, ververst_versie, ververst_tot in statussen.values_list(
        "dag", "versie", "ververst_versie", "ververst_tot"
    ):
        bekend.add(dag)
        heel = ververst_tot is not None and ververst_tot >= Periode(dag, dag).eind
        if versie != ververst_versie or not heel:
            verouderd.add(dag)
    ontbrekend = {
        eerste + datetime.timedelta(days=n)
        for n in range((vandaag - eerste).days)
        if eerste + datetime.timedelta(days=n) not in bekend
    }
    te_doen = sorted(verouderd | ontbrekend, reverse=True)[:max_dagen]
    klantcontact_dagtellingen_opbouwen(dagen=te_doen)
    return len(te_doen)


def klantcontact_dagtelling_vandaag_opbouwen(*, nu: datetime.datetime | None = None) -> None:
    """Celery beat: today's roll-up up to ROLLUP_MARGE ago, so that the dashboard counts
    only the last minutes of today from the contacts themselves."""
    nu = nu or timezone.now()
    klantcontact_dagtellingen_opbouwen(dagen=[timezone.localdate(nu)], nu=nu)


@transaction.atomic
def contactverzoeken_sla_drempels_recompute() -> int:
    """Store the SLA thresholds of every open contactverzoek anew (registered with
    kcc.sla): from its creation to its deadline."""
    return sla.recompute_rows(
        Contactverzoek.objects.exclude(status=Contactverzoek.Status.VERWERKT).only(
            "pk", "aangemaakt_op", "deadline"
        ),
        lambda verzoek: (verzoek.aangemaakt_op, verzoek.deadline),
    )


# A survey about a contact of long ago (a back-dated registration) means nothing.
_TEVREDENHEID_MAX_LEEFTIJD = datetime.timedelta(days=1)


def _tevredenheidsmeting_send(*, klantcontact: Klantcontact) -> Tevredenheidsmeting | None:
    """Queue the satisfaction survey for a fresh contact, when its kanaal asks for one
    (KCC_TEVREDENHEID_KANALEN), the partij has an e-mail address and was not asked in
    the last KCC_TEVREDENHEID_DAGEN days. None when no survey is sent.

    Runs in the registration's transaction (no savepoint of its own): the lock below
    holds until that commits."""
    partij = klantcontact.partij
    now = timezone.now()
    if (
        partij is None
        or klantcontact.kanaal not in settings.KCC_TEVREDENHEID_KANALEN
        or klantcontact.plaatsgevonden_op < now - _TEVREDENHEID_MAX_LEEFTIJD
    ):
        return None
    since = now - datetime.timedelta(days=settings.KCC_TEVREDENHEID_DAGEN)
    # A customer asked lately, or without an address, is told no without the lock: a
    # survey that another contact sends meanwhile only makes that answer more true.
    email = selectors.partij_email_not_surveyed_since(partij=partij, since=since)
    if not email:
        return None
    recent = Tevredenheidsmeting.objects.filter(partij=partij, verstuurd_op__gte=since)
    with connection.cursor() as cursor:
        # Two contacts of one partij saved at once must not both send a survey.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"tevredenheid:{partij.pk}"]
        )
    if recent.exists():
        return None
    meting = Tevredenheidsmeting.objects.create(
        klantcontact=klantcontact,
        partij=partij,
        token=secrets.token_urlsafe(32),
        verstuurd_op=now,
    )
    bericht_from_template(
        code="tevredenheid_uitnodiging",
        context={
            "naam": partij.naam,
            "contactdatum": timezone.localdate(klantcontact.plaatsgevonden_op),
            "kanaal": klantcontact.get_kanaal_display().lower(),
            "tevredenheid_url": f"{settings.KCC_PUBLIC_URL}/tevredenheid/{meting.token}",
        },
        email=email,
        partij_uuid=partij.uuid,
        klantcontact_uuid=klantcontact.uuid,
        aanleiding="Tevredenheidsonderzoek na klantcontact",
        dedupe_key=f"klantcontact:{klantcontact.uuid}:tevredenheid",
    )
    return meting


class AlBeantwoord(Exception):
    """The survey was answered before: the first answer stands."""


@transaction.atomic
def tevredenheidsmeting_answer(
    *, token: str, score: int, toelichting: str = ""
) -> Tevredenheidsmeting:
    """Store the customer's answer once. Raises Tevredenheidsmeting.DoesNotExist for an
    unknown token, AlBeantwoord when answered before, ValidationError for a bad score."""
    meting = Tevredenheidsmeting.objects.select_for_update().get(token=token)
    if meting.beantwoord_op is not None:
        raise AlBeantwoord
    errors = _Errors()
    if not isinstance(score, int) or not 1 <= score <= 5:
        errors.add("score", "Kies een cijfer van 1 tot en met 5.")
    if len(toelichting) > 2000:
        errors.add("toelichting", "Gebruik ten hoogste 2000 tekens.")
    errors.raise_if_any()
    meting.score = score
    meting.toelichting = toelichting.strip()
    meting.beantwoord_op = timezone.now()
    meting.save(update_fields=["score", "toelichting", "beantwoord_op"])
    # The roll-up counts the answer on the contact's day.
    klantcontact_dagen_verouderd(momenten=[meting.klantcontact.plaatsgevonden_op])
    return meting


# Form fields a concept keeps: the csrf token and the button pressed are not typed data.
_CONCEPT_SKIP = {"csrfmiddlewaretoken", "actie"}


@transaction.atomic
def klantcontact_concept_save(
    *, user, uuid: uuid_module.UUID, partij: Partij | None, gegevens: dict[str, list[str]]
) -> KlantcontactConcept | None:
    """Keep what the agent typed in an open contact. None when that contact was saved
    meanwhile (an autosave that arrives after the submit must not bring it back)."""
    _lock_formulier(uuid)
    if Klantcontact.objects.filter(uuid=uuid).exists():
        return None
    gegevens = {k: v for k, v in gegevens.items() if k not in _CONCEPT_SKIP}
    concept, created = KlantcontactConcept.objects.get_or_create(
        uuid=uuid, defaults={"user": user, "partij": partij, "gegevens": gegevens}
    )
    if not created:
        if concept.user_id != user.pk:
            raise ValidationError({"formulier_id": "Dit contact is van een andere medewerker."})
        concept.gegevens = gegevens
        concept.save(update_fields=["gegevens", "bijgewerkt_op"])
    return concept


def klantcontact_concept_delete(*, user, uuid: uuid_module.UUID) -> None:
    """The agent closes an open contact without saving it."""
    KlantcontactConcept.objects.filter(uuid=uuid, user=user).delete()
