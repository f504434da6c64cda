"""What the whole KCC shares: the organisation, the audit log and API idempotency."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Afdeling(models.Model):
    """A department; afdelingen form a tree (directie → afdeling → bureau)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["naam"]
        permissions = [
            ("use_klantcontact", _("Mag klantcontacten registreren (frontoffice)")),
            ("view_werkvoorraad", _("Mag de werkvoorraad zien")),
            ("view_dashboard", _("Mag het managementdashboard zien")),
            ("view_kennisbank", _("Mag de kennisbank raadplegen")),
            ("edit_kennisbank", _("Mag de kennisbank en producten beheren")),
            ("manage_organisation", _("Mag organisatie, gebruikers en normen beheren")),
        ]

    def __str__(self) -> str:
        return self.naam


class Team(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    afdeling = models.ForeignKey(
        Afdeling, verbose_name=_("afdeling"), on_delete=models.PROTECT, related_name="teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["afdeling__naam", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["afdeling", "naam"], name="team_naam_uniek_per_afdeling"
            )
        ]

    def __str__(self) -> str:
        return f"{self.afdeling} – {self.naam}"


class Medewerker(models.Model):
    """An employee: a user account placed in the organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medewerker"
    )
    afdeling = models.ForeignKey(
        Afdeling,
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="medewerkers",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="medewerkers",
    )
    functie = models.CharField(_("functie"), max_length=200, blank=True)
    toestelnummer = models.CharField(_("toestelnummer"), max_length=20, blank=True)
    vaardigheden = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("vaardigheden"),
        default=list,
        blank=True,
        help_text=_("Bijvoorbeeld productgroepen die de medewerker aan de balie behandelt."),
    )

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class AuditLogEntry(models.Model):
    """One line of the append-only audit log: who did what to which object, why.

    Rows are never changed or removed; a database trigger enforces that.
    """

    class Actie(models.TextChoices):
        VIEW = "view", _("bekeken")
        CREATE = "create", _("aangemaakt")
        CHANGE = "change", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        LOOKUP = "lookup", _("opgevraagd")
        EXPORT = "export", _("geëxporteerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # No database constraint: removing an account must not rewrite the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Kept as text so the line stays readable when the account is removed.
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actie = models.CharField(_("actie"), max_length=10, choices=Actie.choices)
    object_type = models.CharField(_("objecttype"), max_length=100)
    object_uuid = models.CharField(_("object-id"), max_length=64, blank=True)
    object_omschrijving = models.CharField(_("object"), max_length=255, blank=True)
    partij_uuid = models.UUIDField(_("partij"), null=True, blank=True, db_index=True)
    reden = models.CharField(_("reden"), max_length=255, blank=True)
    kanaal = models.CharField(_("via"), max_length=20, blank=True, help_text=_("ui, api, taak"))
    # The screen or endpoint (its path) where the data was shown: part of the "why".
    context = models.CharField(_("scherm of endpoint"), max_length=255, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("auditlogregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip"]
        indexes = [models.Index(fields=["object_type", "object_uuid"])]

    def __str__(self) -> str:
        return (
            f"{self.tijdstip:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} {self.object_type}"
        )


class IdempotencyKey(models.Model):
    """The stored answer to a POST sent with an Idempotency-Key header."""

    key = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "method", "path", "key"], name="idempotency_key_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.key}"


# --- Business calendar ------------------------------------------------------


class Eenheid(models.TextChoices):
    """Units of a term (servicenorm, doorlooptijd, callback)."""

    WERKDAGEN = "werkdagen", _("werkdagen")
    KALENDERDAGEN = "kalenderdagen", _("kalenderdagen")
    UREN = "uren", _("uren binnen openingstijden")


class SluitingsDag(models.Model):
    """A day the municipality is closed besides the public holidays (e.g. the day after
    Ascension): not a werkdag."""

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["datum"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


# --- Outbox -----------------------------------------------------------------


class Bericht(models.Model):
    """One outgoing message. The row is the truth; a Celery message is only a hint to
    deliver it, so a lost hint delays a bericht but never loses it."""

    class Kanaal(models.TextChoices):
        # A channel gets a choice here once it has a delivery adapter (kcc/outbox.py).
        EMAIL = "email", _("e-mail")

    class Status(models.TextChoices):
        TE_VERSTUREN = "te_versturen", _("te versturen")
        VERSTUURD = "verstuurd", _("verstuurd")
        MISLUKT = "mislukt", _("mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    ontvanger = models.CharField(_("ontvanger"), max_length=254)
    onderwerp = models.CharField(_("onderwerp"), max_length=255, blank=True)
    inhoud = models.TextField(_("inhoud"))
    inhoud_html = models.TextField(_("inhoud (HTML)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_VERSTUREN
    )
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), default=timezone.now)
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    # The same key twice queues one bericht (e.g. "zaak:<uuid>:status:<n>").
    dedupe_key = models.CharField(
        _("ontdubbelsleutel"), max_length=255, unique=True, null=True, blank=True
    )
    # Plain UUIDs: the partij, zaak and klantcontact live in apps that may come later.
    partij_uuid = models.UUIDField(_("partij"), null=True, blank=True, db_index=True)
    zaak_uuid = models.UUIDField(_("zaak"), null=True, blank=True, db_index=True)
    klantcontact_uuid = models.UUIDField(_("klantcontact"), null=True, blank=True, db_index=True)
    aanleiding = models.TextField(_("aanleiding"), blank=True)
    # Extra e-mail headers, e.g. In-Reply-To/References so the customer's client threads it.
    headers = models.JSONField(_("extra kopregels"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt"]
        permissions = [("requeue_bericht", _("Mag mislukte berichten opnieuw versturen"))]
        indexes = [
            # The sweep and the outbox lag look only at unsent rows.
            models.Index(
                fields=["volgende_poging_op"],
                condition=models.Q(status="te_versturen"),
                name="bericht_due_idx",
            ),
            models.Index(
                fields=["aangemaakt"],
                condition=models.Q(status="te_versturen"),
                name="bericht_unsent_age_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()} aan {self.ontvanger}: {self.onderwerp}"


class BerichtBijlage(models.Model):
    """A file sent with an e-mail bericht (e.g. the receipt PDF of a zaak)."""

    bericht = models.ForeignKey(
        Bericht, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="bijlagen"
    )
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    formaat = models.CharField(_("formaat (MIME-type)"), max_length=100)
    bestand = models.FileField(_("bestand"), upload_to="berichten/bijlagen/%Y/%m/")

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.bestandsnaam


# --- Service norms ----------------------------------------------------------


class Servicenorm(models.Model):
    """A promise from the kwaliteitshandvest: answered or handled within a term, per
    kanaal, per product, or per product on one kanaal."""

    class Kanaal(models.TextChoices):
        TELEFOON = "telefoon", _("telefoon")
        BALIE = "balie", _("balie")
        EMAIL = "email", _("e-mail")
        POST = "post", _("post")
        WEBFORMULIER = "webformulier", _("webformulier")
        CHAT = "chat", _("chat")
        CONTACTVERZOEK = "contactverzoek", _("contactverzoek (terugbellen)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices, blank=True)
    product = models.ForeignKey(
        "catalogus.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="servicenormen",
    )
    termijn = models.PositiveIntegerField(_("termijn"))
    eenheid = models.CharField(_("eenheid"), max_length=20, choices=Eenheid.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=255)

    class Meta:
        verbose_name = _("servicenorm")
        verbose_name_plural = _("servicenormen")
        ordering = ["kanaal", "product__naam"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kanaal="") | models.Q(product__isnull=False),
                name="servicenorm_kanaal_of_product",
                violation_error_message=_("Kies een kanaal, een product of beide."),
            ),
            models.UniqueConstraint(
                fields=["kanaal", "product"],
                name="servicenorm_uniek",
                nulls_distinct=False,
                violation_error_message=_("Voor dit kanaal en product bestaat al een norm."),
            ),
        ]

    def __str__(self) -> str:
        scope = " / ".join(str(part) for part in (self.get_kanaal_display(), self.product) if part)
        return f"{scope}: {self.termijn} {self.get_eenheid_display()}"
