"""Zaken with the field names of the ZGW Zaken API 1.5, their statussen and documents."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogus.models import Vertrouwelijkheidaanduiding
from contacts.models import Kanaal
from kcc.models import SlaBewaakt, sla_indexes

# Above this level only the behandelende afdeling and authorised users see the content.
VERTROUWELIJKHEID_ORDER = list(Vertrouwelijkheidaanduiding.values)
VERTROUWELIJK_BOVEN = Vertrouwelijkheidaanduiding.ZAAKVERTROUWELIJK


def vertrouwelijke_niveaus() -> list[str]:
    """The levels above zaakvertrouwelijk."""
    return VERTROUWELIJKHEID_ORDER[VERTROUWELIJKHEID_ORDER.index(VERTROUWELIJK_BOVEN) + 1 :]


# The dashboard's filters (kanaal, afdeling, product, medewerker) and its grouping.
DASHBOARD_COLUMNS = [
    "communicatiekanaal",
    "behandelende_afdeling",
    "product",
    "behandelaar",
    "zaaktype",
]


class Zaak(SlaBewaakt):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=40, unique=True)
    zaaktype = models.ForeignKey(
        "catalogus.Zaaktype", verbose_name=_("zaaktype"), on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalogus.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    toelichting = models.TextField(_("toelichting"), max_length=1000, blank=True)
    # The answers of a web application as asked then: [{"vraag": ..., "antwoord": ...}].
    # The database default serves bulk loads (COPY) that leave the column out.
    aanvraaggegevens = models.JSONField(
        _("aanvraaggegevens"), default=list, db_default=[], blank=True
    )
    initiator = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("initiator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zaken",
    )
    communicatiekanaal = models.CharField(
        _("communicatiekanaal"), max_length=20, choices=Kanaal.choices, blank=True
    )
    registratiedatum = models.DateField(_("registratiedatum"))
    startdatum = models.DateField(_("startdatum"))
    einddatum_gepland = models.DateField(_("geplande einddatum"), null=True, blank=True)
    uiterlijke_einddatum_afdoening = models.DateField(_("uiterlijke einddatum afdoening"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    opschorting_indicatie = models.BooleanField(_("opgeschort"), default=False)
    opschorting_reden = models.CharField(_("reden opschorting"), max_length=200, blank=True)
    opschorting_sinds = models.DateTimeField(_("opgeschort sinds"), null=True, blank=True)
    verlenging_reden = models.CharField(_("reden verlenging"), max_length=200, blank=True)
    verlenging_duur = models.PositiveIntegerField(_("duur verlenging"), null=True, blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"), max_length=20, choices=Vertrouwelijkheidaanduiding.choices
    )
    hoofdzaak = models.ForeignKey(
        "self",
        verbose_name=_("hoofdzaak"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deelzaken",
    )
    behandelende_afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("behandelende afdeling"),
        on_delete=models.PROTECT,
        related_name="zaken",
    )
    behandelaar = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zaken",
    )
    status = models.ForeignKey(
        "Status",
        verbose_name=_("huidige status"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    klantcontacten = models.ManyToManyField(
        "contacts.Klantcontact", verbose_name=_("klantcontacten"), blank=True, related_name="zaken"
    )
    geautoriseerden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ook toegang voor"),
        blank=True,
        related_name="+",
        help_text=_("Gebruikers buiten de behandelende afdeling die een vertrouwelijke zaak zien."),
    )
    # For the customer's status page; empty when revoked.
    status_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    ontvangstbevestiging = models.FileField(
        _("ontvangstbevestiging"), upload_to="zaken/ontvangstbevestigingen/", blank=True
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["uiterlijke_einddatum_afdoening", "pk"]
        permissions = [
            ("bulk_reassign_zaak", _("Mag zaken in bulk aan een ander toewijzen")),
        ]
        indexes = [
            # The werkvoorraad: open zaken of one afdeling, nearest deadline first. With
            # the behandelaar included its counts (mine, unassigned, overdue, this week)
            # are index-only scans instead of a heap visit per open zaak.
            models.Index(
                fields=["behandelende_afdeling", "uiterlijke_einddatum_afdoening", "id"],
                include=["behandelaar"],
                condition=models.Q(einddatum__isnull=True),
                name="zaak_werkvoorraad_afd_incl",
            ),
            models.Index(
                fields=["behandelaar", "uiterlijke_einddatum_afdoening", "id"],
                condition=models.Q(einddatum__isnull=True),
                name="zaak_werkvoorraad_behandelaar",
            ),
            # The dashboard: zaken started or closed in a period, and the open ones. The
            # filter and count columns are included, so that each count is an
            # index-only scan instead of a heap visit per zaak.
            models.Index(
                fields=["registratiedatum"], include=DASHBOARD_COLUMNS, name="zaak_gestart_kpi"
            ),
            models.Index(
                fields=["einddatum"],
                include=[*DASHBOARD_COLUMNS, "uiterlijke_einddatum_afdoening", "registratiedatum"],
                name="zaak_einddatum_kpi",
            ),
            # A suspended zaak is left out: its thresholds wait for the resumed deadline.
            *sla_indexes(
                "zaak", open_items=models.Q(einddatum__isnull=True, opschorting_indicatie=False)
            ),
        ]

    def __str__(self) -> str:
        return self.identificatie

    @property
    def is_vertrouwelijk(self) -> bool:
        return self.vertrouwelijkheidaanduiding in vertrouwelijke_niveaus()


class Status(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Index "status_zaak_datum" starts with it: no index of its own.
    zaak = models.ForeignKey(
        Zaak,
        verbose_name=_("zaak"),
        on_delete=models.CASCADE,
        related_name="statussen",
        db_index=False,
    )
    statustype = models.ForeignKey(
        "catalogus.Statustype",
        verbose_name=_("statustype"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    datum_status_gezet = models.DateTimeField(_("datum status gezet"))
    statustoelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)
    gezet_door = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("gezet door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["zaak", "datum_status_gezet", "pk"]
        indexes = [models.Index(fields=["zaak", "datum_status_gezet"], name="status_zaak_datum")]

    def __str__(self) -> str:
        return f"{self.zaak}: {self.statustype.omschrijving}"


class Resultaat(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.OneToOneField(
        Zaak, verbose_name=_("zaak"), on_delete=models.CASCADE, related_name="resultaat"
    )
    resultaattype = models.ForeignKey(
        "catalogus.Resultaattype",
        verbose_name=_("resultaattype"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")

    def __str__(self) -> str:
        return self.resultaattype.omschrijving


class ZaakNotitie(models.Model):
    """A note, or a recorded event (hand-over, deadline change) for the timeline."""

    class Soort(models.TextChoices):
        NOTITIE = "notitie", _("Notitie")
        TERUG_NAAR_KCC = "terug_naar_kcc", _("Teruggegeven aan het KCC")
        TOEGEWEZEN = "toegewezen", _("Toegewezen")
        OPGEPAKT = "opgepakt", _("Opgepakt")
        OPGESCHORT = "opgeschort", _("Opgeschort")
        HERVAT = "hervat", _("Hervat")
        VERLENGD = "verlengd", _("Verlengd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(
        Zaak, verbose_name=_("zaak"), on_delete=models.CASCADE, related_name="notities"
    )
    soort = models.CharField(
        _("soort"), max_length=20, choices=Soort.choices, default=Soort.NOTITIE
    )
    tekst = models.TextField(_("tekst"))
    auteur = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("zaaknotitie")
        verbose_name_plural = _("zaaknotities")
        ordering = ["zaak", "aangemaakt", "pk"]

    def __str__(self) -> str:
        return self.tekst[:50]


class ZaakDocument(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(
        Zaak, verbose_name=_("zaak"), on_delete=models.CASCADE, related_name="documenten"
    )
    titel = models.CharField(_("titel"), max_length=200)
    bestand = models.FileField(_("bestand"), upload_to="zaken/documenten/%Y/%m/")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    formaat = models.CharField(_("formaat (MIME-type)"), max_length=100)
    bestandsomvang = models.PositiveBigIntegerField(_("bestandsomvang (bytes)"))
    toegevoegd_door = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("zaakdocument")
        verbose_name_plural = _("zaakdocumenten")
        ordering = ["zaak", "aangemaakt", "pk"]

    def __str__(self) -> str:
        return self.titel


class OpenZakenTelling(models.Model):
    """How many zaken an afdeling has open, kept by the database itself: a trigger on
    zaken_zaak (migration 0010) writes +1 for a zaak that opens in or moves into an
    afdeling and -1 for one that closes, leaves or is deleted there. The sum of an
    afdeling's rows is its count (selectors.open_zaken_aantal); a beat task folds the
    rows into one per afdeling (services.open_zaken_telling_compact).

    Why: counting an afdeling's ~50,000 open zaken for the work list's page count cost
    Postgres 7–10 ms per request at the benchmark metro.
    """

    afdeling_id = models.BigIntegerField(_("afdeling"), db_index=True)
    aantal = models.IntegerField(_("aantal"))

    class Meta:
        verbose_name = _("telling open zaken")
        verbose_name_plural = _("tellingen open zaken")

    def __str__(self) -> str:
        return f"{self.afdeling_id}: {self.aantal:+d}"
