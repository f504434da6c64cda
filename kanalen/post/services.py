"""Writes of the post room (DIV): incoming letters registered, routed and handled;
outgoing letters rendered on the letterhead and registered as klantcontact."""

import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from catalogus.models import Product
from contacts.models import Afhandeling, Kanaal, Klantcontact, Partij
from contacts.services import ContactverzoekData, VraagData, klantcontact_register
from kanalen.models import Poststuk, UitgaandeBrief
from kanalen.services import datum_nl
from kcc import authz
from kcc.models import Afdeling, AuditLogEntry, Eenheid, Medewerker, Servicenorm
from kcc.pdf import letterhead_html, pdf_from_html
from kcc.selectors import servicenorm_deadline
from kcc.services import audit_log_record
from zaken import documents
from zaken.models import Zaak
from zaken.selectors import zaak_for_klantcontact
from zaken.services import zaak_document_add, zaak_klantcontact_add

SCAN_FORMATEN = {documents.PDF, documents.JPEG, documents.PNG}
OPEN_STATUSES = [Poststuk.Status.TE_ROUTEREN, Poststuk.Status.WERKVOORRAAD]


class Route:
    """Where a registered letter goes."""

    ZAAK = "zaak"
    CONTACTVERZOEK = "contactverzoek"
    WERKVOORRAAD = "werkvoorraad"
    AFGEHANDELD = "afgehandeld"
    ALL = [ZAAK, CONTACTVERZOEK, WERKVOORRAAD, AFGEHANDELD]


def _next_nummer(*, reeks: str, moment: datetime.datetime) -> str:
    """'POST-2026-000042': one upsert creates and increments the year's counter, which
    stays locked until the caller commits, so two registrations never share a number."""
    jaar = timezone.localtime(moment).year
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO kanalen_postnummer (reeks, jaar, laatste) VALUES (%s, %s, 1) "
            "ON CONFLICT (reeks, jaar) DO UPDATE SET laatste = kanalen_postnummer.laatste + 1 "
            "RETURNING laatste",
            [reeks, jaar],
        )
        nummer = cursor.fetchone()[0]
    return f"{reeks}-{jaar}-{nummer:06d}"


def post_antwoord_deadline(datum_ontvangen: datetime.date) -> datetime.date:
    """The post norm of the kwaliteitshandvest (default 5 werkdagen) from the day the
    letter arrived, counted by the business calendar."""
    start = timezone.make_aware(datetime.datetime.combine(datum_ontvangen, datetime.time(12)))
    deadline = servicenorm_deadline(
        kanaal=Servicenorm.Kanaal.POST,
        start=start,
        default_amount=5,
        default_unit=Eenheid.WERKDAGEN,
    )
    return timezone.localtime(deadline).date()


def _scan_naam(naam: str, formaat: str) -> str:
    name = PurePosixPath((naam or "").replace("\\", "/")).name
    try:
        name = get_valid_filename(name).lstrip(".")
    except SuspiciousFileOperation:
        name = ""
    return (name or f"scan{documents.EXTENSIONS[formaat]}")[-100:]


def _scan_errors(scan, errors: dict) -> str:
    """The scan's type read from its content; a Dutch reason per refusal."""
    if scan is None:
        errors["scan"] = ["Voeg de scan van de brief toe."]
        return ""
    maximum = settings.KCC_ZAAK_DOCUMENT_MAX_BYTES
    if scan.size > maximum:
        errors["scan"] = [f"De scan is groter dan {maximum // (1024 * 1024)} MB."]
        return ""
    if scan.size == 0:
        errors["scan"] = ["Het bestand is leeg."]
        return ""
    formaat = documents.detect_formaat(scan)
    if formaat not in SCAN_FORMATEN:
        errors["scan"] = [
            "Dit bestand is geen PDF of afbeelding (JPEG, PNG): gecontroleerd op de inhoud, "
            "niet op de naam."
        ]
        return ""
    return formaat


@transaction.atomic
def poststuk_register(
    *,
    onderwerp: str,
    datum_ontvangen: datetime.date | None,
    scan,
    door: Medewerker | None,
    partij: Partij | None = None,
    afzender_naam: str = "",
    afzender_adres: str = "",
    kenmerk_afzender: str = "",
    via: str = "ui",
) -> Poststuk:
    """Register an incoming letter with its scan and the post norm's answer date."""
    errors: dict[str, list[str]] = {}
    onderwerp = onderwerp.strip()
    afzender_naam = afzender_naam.strip()
    if not onderwerp:
        errors["onderwerp"] = ["Vul het onderwerp van de brief in."]
    if datum_ontvangen is None:
        errors["datum_ontvangen"] = ["Vul de datum van ontvangst in."]
    elif datum_ontvangen > timezone.localdate():
        errors["datum_ontvangen"] = ["De datum van ontvangst ligt in de toekomst."]
    if partij is None and not afzender_naam:
        errors["afzender_naam"] = ["Kies een afzender of vul de naam van de afzender in."]
    formaat = _scan_errors(scan, errors)
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    poststuk = Poststuk(
        poststuknummer=_next_nummer(reeks="POST", moment=now),
        partij=partij,
        afzender_naam="" if partij else afzender_naam[:255],
        afzender_adres="" if partij else afzender_adres.strip(),
        datum_ontvangen=datum_ontvangen,
        onderwerp=onderwerp[:200],
        kenmerk_afzender=kenmerk_afzender.strip()[:100],
        scan_bestandsnaam=_scan_naam(scan.name, formaat),
        scan_formaat=formaat,
        scan_grootte=scan.size,
        deadline=post_antwoord_deadline(datum_ontvangen),
        geregistreerd_op=now,
        geregistreerd_door=door,
    )
    # The file before the row: a rollback leaves an orphan file at worst.
    scan.seek(0)
    poststuk.scan.save(poststuk.scan_bestandsnaam, scan, save=False)
    poststuk.save()
    _audit(poststuk, door, AuditLogEntry.Actie.CREATE, "geregistreerd", via)
    return poststuk


def _audit(poststuk: Poststuk, door: Medewerker | None, actie: str, wat: str, via: str) -> None:
    audit_log_record(
        user=door.user if door else None,
        action=actie,
        object_type="poststuk",
        object_uuid=poststuk.uuid,
        description=f"{poststuk.poststuknummer} {wat}",
        partij_uuid=poststuk.partij.uuid if poststuk.partij_id else None,
        via=via,
    )


def _lock_open(poststuk: Poststuk) -> Poststuk:
    item = (
        Poststuk.objects.select_for_update(of=("self",))
        .select_related("partij")
        .get(pk=poststuk.pk)
    )
    if item.status not in OPEN_STATUSES:
        raise ValidationError({"status": ["Dit poststuk is al afgehandeld."]})
    return item


def _vraag(item: Poststuk) -> str:
    regels = [f"Brief {item.poststuknummer}, ontvangen {datum_nl(item.datum_ontvangen)}."]
    if item.kenmerk_afzender:
        regels.append(f"Kenmerk afzender: {item.kenmerk_afzender}.")
    if not item.partij_id:
        regels.append(f"Afzender: {item.afzender_naam}")
        if item.afzender_adres:
            regels.append(item.afzender_adres)
    regels.append(item.onderwerp)
    return "\n".join(regels)


def _register_contact(item: Poststuk, door: Medewerker | None, vraag: VraagData) -> Klantcontact:
    """The letter as a klantcontact (kanaal post); errors keyed as the routing form's."""
    try:
        return klantcontact_register(
            medewerker=door,
            kanaal=Kanaal.POST,
            partij=item.partij,
            onderwerp=item.onderwerp,
            inhoud=_vraag(item),
            vragen=[vraag],
        )
    except ValidationError as exc:
        raise ValidationError(
            {key.rsplit(".", 1)[-1]: messages for key, messages in exc.message_dict.items()}
        ) from exc


def _close(
    item: Poststuk,
    *,
    status: str,
    door: Medewerker | None,
    klantcontact: Klantcontact | None = None,
    zaak: Zaak | None = None,
    toelichting: str = "",
) -> None:
    item.status = status
    item.behandelaar = door
    item.afgehandeld_op = timezone.now()
    item.klantcontact = klantcontact
    item.zaak = zaak
    item.toelichting = toelichting
    item.save(
        update_fields=[
            "status",
            "behandelaar",
            "afgehandeld_op",
            "klantcontact",
            "zaak",
            "toelichting",
        ]
    )


def _route_zaak(item: Poststuk, door, product: Product | None, toelichting: str) -> str:
    if product is None:
        raise ValidationError({"product": ["Kies een product."]})
    if product.zaaktype_id is None:
        raise ValidationError(
            {"product": ["Voor dit product kan geen zaak worden gestart (geen zaaktype)."]}
        )
    vraag = _vraag(item) + (f"\n\n{toelichting}" if toelichting else "")
    klantcontact = _register_contact(
        item,
        door,
        VraagData(
            vraag=vraag,
            product=product,
            onderwerp=item.onderwerp,
            afhandeling=Afhandeling.AANVRAAG_INGENOMEN,
        ),
    )
    zaak = zaak_for_klantcontact(klantcontact=klantcontact)
    with item.scan.open("rb") as scan:
        inhoud = scan.read()
    zaak_document_add(
        zaak=zaak,
        bestand=ContentFile(inhoud, name=item.scan_bestandsnaam),
        door=door,
        titel=f"Brief {item.poststuknummer}: {item.onderwerp}",
    )
    _close(
        item,
        status=Poststuk.Status.ZAAK,
        door=door,
        klantcontact=klantcontact,
        zaak=zaak,
        toelichting=toelichting,
    )
    return f"gerouteerd als zaak {zaak.identificatie}"


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _route_contactverzoek(item: Poststuk, door, afdeling: Afdeling | None, toelichting: str):
    if afdeling is None:
        raise ValidationError({"afdeling": ["Kies een afdeling."]})
    deadline = _end_of(item.deadline)
    klantcontact = _register_contact(
        item,
        door,
        VraagData(
            vraag=_vraag(item),
            onderwerp=item.onderwerp,
            afhandeling=Afhandeling.DOORVERBONDEN,
            contactverzoek=ContactverzoekData(
                gevraagde_handeling=f"Brief {item.poststuknummer} beantwoorden",
                afdeling=afdeling,
                toelichting=toelichting,
                # The answer date promised for the letter, unless it has already passed.
                deadline=deadline if deadline > timezone.now() else None,
            ),
        ),
    )
    _close(
        item,
        status=Poststuk.Status.CONTACTVERZOEK,
        door=door,
        klantcontact=klantcontact,
        toelichting=toelichting,
    )
    return f"doorgestuurd naar {afdeling}"


def _afhandelen(item: Poststuk, door, toelichting: str) -> str:
    if not toelichting:
        raise ValidationError({"toelichting": ["Beschrijf hoe de brief is beantwoord."]})
    klantcontact = _register_contact(
        item,
        door,
        VraagData(
            vraag=_vraag(item),
            onderwerp=item.onderwerp,
            antwoord=toelichting,
            afhandeling=Afhandeling.DIRECT_BEANTWOORD,
        ),
    )
    _close(
        item,
        status=Poststuk.Status.AFGEHANDELD,
        door=door,
        klantcontact=klantcontact,
        toelichting=toelichting,
    )
    return "afgehandeld"


@transaction.atomic
def poststuk_claim(*, poststuk: Poststuk, medewerker: Medewerker, via: str = "ui") -> Poststuk:
    """A medewerker takes an open letter on ("oppakken"), as a zaak in the werkvoorraad:
    shown in the post queue, and routing it is then theirs."""
    item = _lock_open(poststuk)
    if item.behandelaar_id == medewerker.pk:
        return item
    if item.behandelaar_id:
        raise ValidationError(
            {"behandelaar": [f"Dit poststuk is al opgepakt door {item.behandelaar}."]}
        )
    item.behandelaar = medewerker
    item.save(update_fields=["behandelaar"])
    _audit(item, medewerker, AuditLogEntry.Actie.CHANGE, f"opgepakt door {medewerker}", via)
    return item


@transaction.atomic
def poststuk_route(
    *,
    poststuk: Poststuk,
    route: str,
    door: Medewerker | None,
    product: Product | None = None,
    afdeling: Afdeling | None = None,
    toelichting: str = "",
    via: str = "ui",
) -> Poststuk:
    """Route a registered letter: as a zaak of the product's zaaktype (the scan becomes
    a zaak document), as a contactverzoek for an afdeling, into the agents' post queue,
    or handled there. Every handled letter is a klantcontact (kanaal post)."""
    item = _lock_open(poststuk)
    if item.behandelaar_id and (door is None or item.behandelaar_id != door.pk):
        raise ValidationError({"behandelaar": [f"{item.behandelaar} heeft dit poststuk opgepakt."]})
    toelichting = toelichting.strip()
    if route == Route.ZAAK:
        wat = _route_zaak(item, door, product, toelichting)
    elif route == Route.CONTACTVERZOEK:
        wat = _route_contactverzoek(item, door, afdeling, toelichting)
    elif route == Route.WERKVOORRAAD:
        if item.status != Poststuk.Status.TE_ROUTEREN:
            raise ValidationError({"route": ["Dit poststuk staat al in de postwerkvoorraad."]})
        item.status = Poststuk.Status.WERKVOORRAAD
        item.toelichting = toelichting
        item.behandelaar = None  # the queue's, for whoever takes it on there
        item.save(update_fields=["status", "toelichting", "behandelaar"])
        wat = "in de postwerkvoorraad gezet"
    elif route == Route.AFGEHANDELD:
        wat = _afhandelen(item, door, toelichting)
    else:
        raise ValidationError(
            {"route": ["Kies zaak, contactverzoek, werkvoorraad of afgehandeld."]}
        )
    _audit(item, door, AuditLogEntry.Actie.CHANGE, wat, via)
    return item


# --- Outgoing letters -------------------------------------------------------------


def adresregels(partij: Partij) -> list[str]:
    """The address block as the post office wants it: name, street, POSTCODE  PLACE."""
    adres = partij.adressen.order_by("pk").first()
    if adres is None:
        return []
    nummer = f"{adres.huisnummer}{adres.huisletter}"
    if adres.toevoeging:
        nummer += f"-{adres.toevoeging}"
    return [
        partij.naam,
        f"{adres.straat} {nummer}".strip(),
        f"{adres.postcode}  {adres.woonplaats.upper()}".strip(),
    ]


def brief_html(brief: UitgaandeBrief) -> str:
    """The letter as HTML on the letterhead: what the PDF shows."""
    return letterhead_html(
        "kanalen/post/brief_pdf.html",
        {
            "adresregels": brief.adresregels.splitlines(),
            "datum": brief.datum,
            "kenmerk": brief.kenmerk,
            "uw_kenmerk": brief.poststuk.kenmerk_afzender if brief.poststuk else "",
            "zaak": brief.zaak,
            "onderwerp": brief.onderwerp,
            "alineas": [a.strip() for a in brief.tekst.split("\n\n") if a.strip()],
        },
    )


def uitgaande_brief_create(
    *,
    partij: Partij | None,
    onderwerp: str,
    tekst: str,
    door: Medewerker | None,
    zaak: Zaak | None = None,
    poststuk: Poststuk | None = None,
    via: str = "ui",
) -> UitgaandeBrief:
    """Render a letter on the letterhead, store it and register it as an outgoing
    klantcontact (kanaal post) on the partij and the zaak.

    The kenmerk is taken in a short transaction of its own so that the slow PDF
    rendering holds no lock; a failed rendering leaves a gap in the numbers, nothing else.
    """
    errors: dict[str, list[str]] = {}
    onderwerp, tekst = onderwerp.strip(), tekst.strip()
    if partij is None:
        errors["partij"] = ["Kies de geadresseerde."]
    else:
        if (
            partij.indicatie_geheimhouding
            and door
            and not authz.can(door.user, authz.VIEW_SECRET_ADDRESS, partij)
        ):
            errors["partij"] = [
                "Het adres van deze klant is afgeschermd: u mag geen brief naar dit adres maken."
            ]
        elif not adresregels(partij):
            errors["partij"] = ["Van deze klant is geen adres bekend."]
    if not onderwerp:
        errors["onderwerp"] = ["Vul het onderwerp in."]
    if not tekst:
        errors["tekst"] = ["Schrijf de tekst van de brief."]
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    with transaction.atomic():
        kenmerk = _next_nummer(reeks="BRIEF", moment=now)
    brief = UitgaandeBrief(
        kenmerk=kenmerk,
        partij=partij,
        adresregels="\n".join(adresregels(partij)),
        zaak=zaak,
        poststuk=poststuk,
        datum=timezone.localdate(),
        onderwerp=onderwerp[:200],
        tekst=tekst,
        aangemaakt_op=now,
        aangemaakt_door=door,
    )
    pdf = pdf_from_html(brief_html(brief))
    with transaction.atomic():
        brief.klantcontact = klantcontact_register(
            medewerker=door,
            kanaal=Kanaal.POST,
            richting=Klantcontact.Richting.UITGAAND,
            partij=partij,
            onderwerp=onderwerp,
            inhoud=tekst,
            vragen=[
                VraagData(
                    vraag=f"Brief {kenmerk}: {onderwerp}",
                    onderwerp=onderwerp,
                    antwoord=tekst,
                    afhandeling=Afhandeling.DIRECT_BEANTWOORD,
                )
            ],
        )
        if zaak is not None:
            zaak_klantcontact_add(zaak=zaak, klantcontact=brief.klantcontact)
        brief.pdf.save(f"{kenmerk}.pdf", ContentFile(pdf), save=False)
        brief.save()
        audit_log_record(
            user=door.user if door else None,
            action=AuditLogEntry.Actie.CREATE,
            object_type="uitgaande-brief",
            object_uuid=brief.uuid,
            description=f"{kenmerk} {onderwerp}",
            partij_uuid=partij.uuid,
            via=via,
        )
    return brief
