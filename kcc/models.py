"""What the whole KCC shares: the organisation, the audit log and API idempotency."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kcc import berichtsjablonen


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
    sla_dagoverzicht = models.BooleanField(
        _("dagelijks overzicht van meldingen per e-mail"),
        # A database default too: bulk loaders (the benchmark city) leave it out.
        db_default=False,
        help_text=_("Elke ochtend een e-mail met de ongelezen termijnmeldingen."),
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
    # The unique constraint "idempotency_key_uniek" starts with it: no index of its own.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
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
        SMS = "sms", _("sms")

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


class BerichtSjabloon(models.Model):
    """The text of one soort of bericht on one kanaal, as the beheerder wrote it
    (kcc/berichtsjablonen.py lists the soorten, their variables and default texts)."""

    code = models.CharField(
        _("berichtsoort"), max_length=50, choices=berichtsjablonen.soort_choices
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Bericht.Kanaal.choices)
    onderwerp = models.CharField(
        _("onderwerp"), max_length=255, blank=True, help_text=_("Niet voor sms.")
    )
    inhoud = models.TextField(_("tekst"))
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.CharField(_("gewijzigd door"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("berichtsjabloon")
        verbose_name_plural = _("berichtsjablonen")
        ordering = ["code", "kanaal"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "kanaal"],
                name="berichtsjabloon_uniek",
                violation_error_message=_("Voor deze berichtsoort en dit kanaal is er al een."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.get_kanaal_display()})"

    def clean(self) -> None:
        berichtsjablonen.validate(code=self.code, onderwerp=self.onderwerp, inhoud=self.inhoud)


class Campagne(models.Model):
    """A mailing the beheerder schedules: one text to a selection of partijen at a
    moment (e.g. "uw paspoort verloopt binnenkort"). Celery beat sends it when due,
    one bericht per partij through the outbox."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("gepland")
        VERSTUURD = "verstuurd", _("verstuurd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    onderwerp = models.CharField(_("onderwerp"), max_length=255)
    inhoud = models.TextField(_("tekst"), help_text=_("Variabelen: {{ naam }}, {{ organisatie }}."))
    partijen = ArrayField(models.UUIDField(), verbose_name=_("partijen"), default=list)
    verstuur_op = models.DateTimeField(_("versturen op"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    aantal_berichten = models.PositiveIntegerField(_("aantal berichten"), default=0)
    aangemaakt_door = models.CharField(_("aangemaakt door"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-verstuur_op"]
        indexes = [
            models.Index(
                fields=["verstuur_op"],
                condition=models.Q(status="gepland"),
                name="campagne_due_idx",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        berichtsjablonen.validate(code="campagne", onderwerp=self.onderwerp, inhoud=self.inhoud)


# --- Service norms ----------------------------------------------------------


class Servicenorm(models.Model):
    """A promise from the kwaliteitshandvest: answered or handled within a term, per
    kanaal, per product, or per product on one kanaal."""

    class Kanaal(models.TextChoices):
        # The values of contacts.Kanaal (what klantcontacten store), so norms, KPIs and
        # SLA events per kanaal speak one vocabulary.
        TELEFOON = "telefoon", _("telefoon")
        BALIE = "balie", _("balie")
        EMAIL = "e-mail", _("e-mail")
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


# --- SLA monitoring ---------------------------------------------------------


class SlaSoort(models.TextChoices):
    """The thresholds of a term, in the order they are crossed."""

    WAARSCHUWING = "waarschuwing", _("termijn bijna verstreken")
    VANDAAG_VERLOPEND = "vandaag_verlopend", _("termijn verloopt vandaag")
    VERLOPEN = "verlopen", _("termijn verlopen")
    ERNSTIG_VERLOPEN = "ernstig_verlopen", _("termijn ernstig verlopen (3× de termijn)")


class SlaBewaakt(models.Model):
    """The threshold moments an app stores on each monitored item (kcc.sla.drempels),
    set whenever its deadline is set or recomputed."""

    sla_waarschuwing_op = models.DateTimeField(_("waarschuwing op"), null=True, blank=True)
    sla_vandaag_op = models.DateTimeField(_("verloopt vandaag vanaf"), null=True, blank=True)
    sla_verlopen_op = models.DateTimeField(_("verlopen op"), null=True, blank=True)
    sla_ernstig_op = models.DateTimeField(_("ernstig verlopen op"), null=True, blank=True)

    class Meta:
        abstract = True


def sla_indexes(prefix: str, *, open_items: models.Q) -> list[models.Index]:
    """One partial index per threshold moment over the open items, for the sweep's
    range queries."""
    return [
        models.Index(fields=[field], condition=open_items, name=f"{prefix}_{field}")
        for field in ("sla_waarschuwing_op", "sla_vandaag_op", "sla_verlopen_op", "sla_ernstig_op")
    ]


class SlaGebeurtenis(models.Model):
    """One threshold an item crossed: the breach history the dashboards read.

    Plain UUIDs for the item: zaken, contactverzoeken and e-mails live in other apps.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    object_type = models.CharField(_("soort object"), max_length=30)
    object_uuid = models.UUIDField(_("object"))
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    afdeling = models.ForeignKey(
        Afdeling,
        verbose_name=_("afdeling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    behandelaar = models.ForeignKey(
        Medewerker,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kanaal = models.CharField(
        _("kanaal"), max_length=20, choices=Servicenorm.Kanaal.choices, blank=True
    )
    zaaktype = models.ForeignKey(
        "catalogus.Zaaktype",
        verbose_name=_("zaaktype"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalogus.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=SlaSoort.choices)
    deadline = models.DateTimeField(_("deadline"))
    tijdstip = models.DateTimeField(_("drempel bereikt op"))
    vastgelegd = models.DateTimeField(_("vastgelegd"), default=timezone.now)

    class Meta:
        verbose_name = _("termijngebeurtenis")
        verbose_name_plural = _("termijngebeurtenissen")
        ordering = ["-tijdstip", "pk"]
        constraints = [
            # One crossing per threshold of a deadline; a moved deadline is a new term.
            models.UniqueConstraint(
                fields=["object_type", "object_uuid", "soort", "deadline"],
                name="sla_gebeurtenis_eenmalig",
            )
        ]
        indexes = [
            models.Index(fields=["tijdstip"], name="sla_gebeurtenis_tijdstip"),
            models.Index(fields=["afdeling", "tijdstip"], name="sla_gebeurtenis_afdeling"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.object_type} {self.omschrijving}"


class SlaSweepStand(models.Model):
    """Up to which moment the SLA sweep has looked (one row)."""

    tot = models.DateTimeField(_("bekeken tot"))

    class Meta:
        verbose_name = _("stand van de termijnbewaking")
        verbose_name_plural = _("stand van de termijnbewaking")

    def __str__(self) -> str:
        return f"{self.tot:%Y-%m-%d %H:%M:%S}"


class Escalatieregel(models.Model):
    """Who hears of a threshold crossed in an afdeling. Without a rule for a soort the
    behandelaar hears it, or the teamleiders when nobody has the item."""

    class Ontvanger(models.TextChoices):
        BEHANDELAAR = "behandelaar", _("behandelaar (of teamleider als niemand het heeft)")
        TEAMLEIDER = "teamleider", _("teamleider(s)")
        POSTVAK = "postvak", _("postvak (e-mail)")

    afdeling = models.ForeignKey(
        Afdeling,
        verbose_name=_("afdeling"),
        on_delete=models.CASCADE,
        related_name="escalatieregels",
    )
    soort = models.CharField(_("bij"), max_length=20, choices=SlaSoort.choices)
    ontvanger = models.CharField(_("melden aan"), max_length=20, choices=Ontvanger.choices)
    email = models.EmailField(
        _("e-mailadres postvak"),
        blank=True,
        help_text=_("Leeg: het e-mailadres van de afdeling."),
    )

    class Meta:
        verbose_name = _("escalatieregel")
        verbose_name_plural = _("escalatieregels")
        ordering = ["afdeling__naam", "soort", "ontvanger"]
        constraints = [
            models.UniqueConstraint(
                fields=["afdeling", "soort", "ontvanger", "email"], name="escalatieregel_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.afdeling}: {self.get_soort_display()} → {self.get_ontvanger_display()}"

    def clean(self) -> None:
        afdeling_email = self.afdeling.email if self.afdeling_id else ""
        if self.ontvanger == self.Ontvanger.POSTVAK and not (self.email or afdeling_email):
            raise ValidationError(
                {"email": _("Geef het e-mailadres van het postvak; de afdeling heeft er geen.")}
            )


class Notificatie(models.Model):
    """An in-app message for one user (the counter in the page header)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="notificaties",
    )
    tekst = models.CharField(_("tekst"), max_length=500)
    link = models.CharField(_("link"), max_length=500, blank=True)
    gelezen = models.BooleanField(_("gelezen"), default=False)
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    gebeurtenis = models.ForeignKey(
        SlaGebeurtenis,
        verbose_name=_("termijngebeurtenis"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notificaties",
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "gebeurtenis"], name="notificatie_eenmalig"
            )
        ]
        indexes = [
            # The header counter: unread ones of one user.
            models.Index(
                fields=["ontvanger", "aangemaakt"],
                condition=models.Q(gelezen=False),
                name="notificatie_ongelezen",
            ),
            models.Index(fields=["ontvanger", "-aangemaakt"], name="notificatie_ontvanger"),
        ]

    def __str__(self) -> str:
        return self.tekst


class Rapport(models.Model):
    """A management report (MARAP) for one month: made by Celery, kept as a PDF."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("in de wachtrij")
        BEZIG = "bezig", _("wordt gemaakt")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    periode_van = models.DateField(_("van"))
    periode_tot = models.DateField(_("tot en met"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    bestand = models.FileField(_("bestand"), upload_to="rapporten/%Y/", blank=True)
    fout = models.TextField(_("fout"), blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("maandrapportage")
        verbose_name_plural = _("maandrapportages")
        ordering = ["-periode_van", "-aangemaakt"]

    def __str__(self) -> str:
        return f"MARAP {self.periode_van:%Y-%m}"
