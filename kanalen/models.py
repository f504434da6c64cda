import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Postgres sequence behind the human reference number (see migration 0001).
REFERENTIE_SEQUENCE = "kanalen_inkomende_email_referentie_seq"


def _raw_upload_to(instance: "InkomendeEmail", filename: str) -> str:
    return f"kanalen/email/{timezone.now():%Y/%m}/{instance.uuid}.eml"


def _bijlage_upload_to(instance: "EmailBijlage", filename: str) -> str:
    return f"kanalen/bijlagen/{timezone.now():%Y/%m}/{instance.uuid}/{filename}"


class InkomendeEmail(models.Model):
    """One received e-mail, stored whole (raw file) with what was read from it."""

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("Nieuw")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        BEANTWOORD = "beantwoord", _("Beantwoord")
        DOORGESTUURD = "doorgestuurd", _("Doorgestuurd naar afdeling")
        GESLOTEN = "gesloten", _("Gesloten")
        QUARANTAINE = "quarantaine", _("Quarantaine")
        # Auto-replies, bounces, lists: kept, not acknowledged, not in the queue.
        AUTOMATISCH = "automatisch", _("Automatisch bericht")

    class Bron(models.TextChoices):
        IMAP = "imap", _("IMAP-postvak")
        API = "api", _("API")
        COMMANDO = "commando", _("Commando (MTA)")
        DEVMAIL = "devmail", _("Ontwikkelmailserver")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referentie = models.CharField(_("referentie"), max_length=20, unique=True)
    bron = models.CharField(_("bron"), max_length=20, choices=Bron.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True
    )
    message_id = models.CharField(_("Message-ID"), max_length=998, blank=True, db_index=True)
    afzender_email = models.CharField(_("afzender (adres)"), max_length=320, blank=True)
    afzender_naam = models.CharField(_("afzender (naam)"), max_length=255, blank=True)
    antwoord_aan = models.CharField(_("antwoord aan (Reply-To)"), max_length=320, blank=True)
    aan = models.JSONField(_("aan"), default=list, blank=True)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    onderwerp = models.TextField(_("onderwerp"), blank=True)
    tekst = models.TextField(_("tekst"), blank=True)
    html = models.TextField(_("HTML (opgeschoond)"), blank=True)
    datum = models.DateTimeField(_("datum (Date-kopregel)"), null=True, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    in_reply_to = models.TextField(_("In-Reply-To"), blank=True)
    references = models.TextField(_("References"), blank=True)
    raw = models.FileField(_("origineel bericht"), upload_to=_raw_upload_to, max_length=255)
    raw_grootte = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    origineel = models.ForeignKey(
        "self",
        verbose_name=_("eerste bericht van de draad"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervolgberichten",
    )
    deadline = models.DateField(_("uiterste antwoorddatum"), null=True, blank=True)
    is_automatisch = models.BooleanField(_("automatisch bericht"), default=False)
    automatisch_reden = models.CharField(_("reden automatisch"), max_length=255, blank=True)
    quarantaine_reden = models.TextField(_("reden quarantaine"), blank=True)
    verwerkingsnotities = models.TextField(
        _("verwerkingsnotities"),
        blank=True,
        help_text=_("Wat bij het inlezen opviel: MIME-fouten, weggelaten bijlagen."),
    )
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("afzender (partij)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inkomende_emails",
        help_text=_("Gevonden op het e-mailadres van de afzender."),
    )
    # Claimed ("opgepakt") by one medewerker, so two agents do not answer the same mail.
    behandelaar = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inkomende_emails",
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afhandeling_toelichting = models.TextField(_("toelichting bij afhandeling"), blank=True)
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inkomende e-mail")
        verbose_name_plural = _("inkomende e-mails")
        ordering = ["-ontvangen_op"]
        indexes = [
            # The work queue: open items by deadline.
            models.Index(
                fields=["deadline", "ontvangen_op"],
                condition=Q(status__in=["nieuw", "in_behandeling"]),
                name="kanalen_email_open_deadline",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~Q(message_id=""),
                name="kanalen_inkomende_email_unieke_message_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.referentie} {self.onderwerp[:60]}"


class EmailBijlage(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.ForeignKey(InkomendeEmail, on_delete=models.CASCADE, related_name="bijlagen")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(
        _("type (naar inhoud)"), max_length=255, help_text=_("Bepaald uit de inhoud.")
    )
    opgegeven_content_type = models.CharField(_("type (opgegeven)"), max_length=255, blank=True)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"))
    inline = models.BooleanField(_("in de tekst"), default=False)
    content_id = models.CharField(_("Content-ID"), max_length=255, blank=True)
    bestand = models.FileField(_("bestand"), upload_to=_bijlage_upload_to, max_length=255)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.bestandsnaam


class EmailAntwoord(models.Model):
    """An answer sent from KCC, kept in the thread of the mail it answers."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.ForeignKey(InkomendeEmail, on_delete=models.CASCADE, related_name="antwoorden")
    medewerker = models.ForeignKey(
        "kcc.Medewerker", verbose_name=_("medewerker"), on_delete=models.PROTECT, related_name="+"
    )
    aan = models.CharField(_("aan"), max_length=320)
    onderwerp = models.TextField(_("onderwerp"))
    tekst = models.TextField(_("tekst (met het citaat)"))
    # The outgoing Message-ID: a reply to it threads back onto the item.
    message_id = models.CharField(_("Message-ID"), max_length=998, db_index=True)
    bericht_uuid = models.UUIDField(_("bericht (outbox)"))
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("e-mailantwoord")
        verbose_name_plural = _("e-mailantwoorden")
        ordering = ["verstuurd_op"]

    def __str__(self) -> str:
        return self.onderwerp


class Webformulier(models.Model):
    """One submission of a public web form; the klantcontact holds what was asked."""

    class Soort(models.TextChoices):
        VRAAG = "vraag", _("Stel een vraag")
        TERUGBELLEN = "terugbellen", _("Bel mij terug")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referentie = models.CharField(_("referentie"), max_length=20, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)

    class Meta:
        verbose_name = _("webformulier")
        verbose_name_plural = _("webformulieren")
        ordering = ["-ingediend_op"]

    def __str__(self) -> str:
        return self.referentie
