"""What the whole KCC shares: the organisation, the audit log and API idempotency."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
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
