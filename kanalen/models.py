import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kcc.models import SlaBewaakt, sla_indexes

# Postgres sequence behind the human reference number (see migration 0001).
REFERENTIE_SEQUENCE = "kanalen_inkomende_email_referentie_seq"


def _raw_upload_to(instance: "InkomendeEmail", filename: str) -> str:
    return f"kanalen/email/{timezone.now():%Y/%m}/{instance.uuid}.eml"


def _bijlage_upload_to(instance: "EmailBijlage", filename: str) -> str:
    return f"kanalen/bijlagen/{timezone.now():%Y/%m}/{instance.uuid}/{filename}"


class InkomendeEmail(SlaBewaakt):
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
            ),
            *sla_indexes("email", open_items=Q(status__in=["nieuw", "in_behandeling"])),
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


# --- Telefonie (CTI) ----------------------------------------------------------


class TelefonieKoppeling(models.Model):
    """A telephony platform that may report calls; it authenticates with its own token
    (only a hash is stored), never with a user's token."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    platform = models.SlugField(_("platform"), max_length=50, unique=True)
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("telefoniekoppeling")
        verbose_name_plural = _("telefoniekoppelingen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Telefoongesprek(models.Model):
    """One call as the telephony platform reported it, event by event."""

    class Status(models.TextChoices):
        RINGING = "ringing", _("Gaat over")
        ANSWERED = "answered", _("Aangenomen")
        ENDED = "ended", _("Beëindigd")
        ABANDONED = "abandoned", _("Opgehangen in de wacht")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    koppeling = models.ForeignKey(
        TelefonieKoppeling,
        verbose_name=_("platform"),
        on_delete=models.PROTECT,
        related_name="gesprekken",
    )
    extern_id = models.CharField(_("id bij het platform"), max_length=200)
    beller = models.CharField(
        _("beller"), max_length=20, blank=True, help_text=_("E.164; leeg bij een anonieme beller.")
    )
    gebeld_nummer = models.CharField(_("gebeld nummer"), max_length=20, blank=True)
    toestelnummer = models.CharField(_("toestelnummer"), max_length=20, blank=True)
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="telefoongesprekken",
    )
    wachtrij = models.CharField(_("wachtrij"), max_length=100, blank=True)
    wachttijd_seconden = models.PositiveIntegerField(_("wachttijd (s)"), null=True, blank=True)
    gespreksduur_seconden = models.PositiveIntegerField(
        _("gespreksduur (s)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RINGING
    )
    begonnen_op = models.DateTimeField(_("begonnen op"), db_index=True)
    aangenomen_op = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("partij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("telefoongesprek")
        verbose_name_plural = _("telefoongesprekken")
        ordering = ["-begonnen_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["koppeling", "extern_id"], name="telefoongesprek_uniek_per_platform"
            )
        ]

    def __str__(self) -> str:
        return f"{self.beller or _('anoniem')} {self.begonnen_op:%Y-%m-%d %H:%M}"


class TelefoonGebeurtenis(models.Model):
    """One received CTI event; (gesprek, event) is unique, so a resent event changes nothing."""

    gesprek = models.ForeignKey(
        Telefoongesprek, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=Telefoongesprek.Status)
    tijdstip = models.DateTimeField(_("tijdstip"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    gegevens = models.JSONField(_("gegevens"), default=dict)

    class Meta:
        verbose_name = _("telefoniegebeurtenis")
        verbose_name_plural = _("telefoniegebeurtenissen")
        ordering = ["tijdstip", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gesprek", "event"], name="telefoongebeurtenis_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.gesprek_id} {self.event}"


# --- Balie (counter queue) -----------------------------------------------------


class BalieLocatie(models.Model):
    """A building with counters; open by the business calendar and its opening hours,
    unless the teamleider opened or closed it by hand (late opening, calamity)."""

    class Stand(models.TextChoices):
        AUTOMATISCH = "automatisch", _("Volgens openingstijden")
        OPEN = "open", _("Open")
        GESLOTEN = "gesloten", _("Gesloten")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("code in de adresbalk"), max_length=50, unique=True)
    opent_om = models.TimeField(
        _("opent om"), null=True, blank=True, help_text=_("Leeg: de algemene openingstijden.")
    )
    sluit_om = models.TimeField(_("sluit om"), null=True, blank=True)
    stand = models.CharField(
        _("stand"), max_length=20, choices=Stand.choices, default=Stand.AUTOMATISCH
    )

    class Meta:
        verbose_name = _("balielocatie")
        verbose_name_plural = _("balielocaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Productgroep(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    locatie = models.ForeignKey(
        BalieLocatie, on_delete=models.CASCADE, related_name="productgroepen"
    )
    naam = models.CharField(_("naam"), max_length=100)
    letter = models.CharField(
        _("letter"), max_length=1, help_text=_("Voor het ticketnummer, B042.")
    )
    vaardigheid = models.CharField(
        _("vaardigheid"),
        max_length=100,
        help_text=_("Medewerkers met deze vaardigheid roepen deze groep op."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("productgroep")
        verbose_name_plural = _("productgroepen")
        ordering = ["locatie", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["locatie", "letter"], name="productgroep_letter_uniek_per_locatie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter} {self.naam}"


class Balie(models.Model):
    """A desk; `medewerker` is who sits there now."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    locatie = models.ForeignKey(BalieLocatie, on_delete=models.CASCADE, related_name="balies")
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    medewerker = models.OneToOneField(
        "kcc.Medewerker",
        verbose_name=_("bezet door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="balie",
    )

    class Meta:
        verbose_name = _("balie")
        verbose_name_plural = _("balies")
        ordering = ["locatie", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["locatie", "nummer"], name="balie_nummer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.locatie} balie {self.nummer}"


class TicketTeller(models.Model):
    """The last ticket number of a productgroep on one day; locked to hand out the next."""

    productgroep = models.ForeignKey(Productgroep, on_delete=models.CASCADE, related_name="+")
    datum = models.DateField()
    laatste_nummer = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["productgroep", "datum"], name="ticketteller_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.productgroep} {self.datum}: {self.laatste_nummer}"


class Ticket(models.Model):
    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wachtend")
        OPGEROEPEN = "opgeroepen", _("Opgeroepen")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        AFGEHANDELD = "afgehandeld", _("Afgehandeld")
        NO_SHOW = "no_show", _("Niet verschenen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nummer = models.CharField(_("nummer"), max_length=10)
    datum = models.DateField(_("datum"))
    locatie = models.ForeignKey(BalieLocatie, on_delete=models.PROTECT, related_name="tickets")
    productgroep = models.ForeignKey(
        Productgroep, verbose_name=_("productgroep"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    balie = models.ForeignKey(
        Balie,
        verbose_name=_("balie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        help_text=_("Bij een wachtend ticket: doorgezet naar deze balie."),
    )
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    opgeroepen_op = models.DateTimeField(_("opgeroepen op"), null=True, blank=True)
    aantal_oproepen = models.PositiveSmallIntegerField(_("aantal oproepen"), default=0)
    behandeling_gestart_op = models.DateTimeField(_("behandeling gestart"), null=True, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    partij = models.ForeignKey(
        "contacts.Partij", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["locatie", "datum", "nummer"], name="ticket_nummer_uniek_per_dag"
            )
        ]
        indexes = [
            models.Index(
                fields=["locatie", "aangemaakt_op"],
                condition=Q(status="wachtend"),
                name="ticket_wachtend_idx",
            ),
            models.Index(fields=["locatie", "-opgeroepen_op"], name="ticket_opgeroepen_idx"),
        ]

    def __str__(self) -> str:
        return self.nummer

    @property
    def wachttijd(self):
        """Waiting time until the first call (or until now while waiting)."""
        return (self.opgeroepen_op or timezone.now()) - self.aangemaakt_op

    @property
    def behandeltijd(self):
        start = self.behandeling_gestart_op or self.opgeroepen_op
        if start is None or self.afgerond_op is None:
            return None
        return self.afgerond_op - start


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
        AANVRAAG = "aanvraag", _("Aanvraag product")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # An application's reference is its zaaknummer.
    referentie = models.CharField(_("referentie"), max_length=40, unique=True)
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


# --- Post (DIV) ------------------------------------------------------------------


def _scan_upload_to(instance: "Poststuk", filename: str) -> str:
    return f"kanalen/post/{timezone.now():%Y/%m}/{instance.uuid}/{filename}"


def _brief_upload_to(instance: "UitgaandeBrief", filename: str) -> str:
    return f"kanalen/brieven/{timezone.now():%Y/%m}/{instance.uuid}/{filename}"


class PostNummer(models.Model):
    """The last number of a series (incoming POST, outgoing BRIEF) in a year; one upsert
    locks and increments it."""

    reeks = models.CharField(max_length=10)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reeks", "jaar"], name="postnummer_uniek")]

    def __str__(self) -> str:
        return f"{self.reeks} {self.jaar}: {self.laatste}"


class Poststuk(models.Model):
    """An incoming letter as the post room (DIV) registered it, with its scan."""

    class Status(models.TextChoices):
        TE_ROUTEREN = "te_routeren", _("Te routeren")
        WERKVOORRAAD = "werkvoorraad", _("In de postwerkvoorraad")
        ZAAK = "zaak", _("Zaak gestart")
        CONTACTVERZOEK = "contactverzoek", _("Doorgestuurd naar afdeling")
        AFGEHANDELD = "afgehandeld", _("Afgehandeld")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    poststuknummer = models.CharField(_("poststuknummer"), max_length=30, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_ROUTEREN
    )
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("afzender (partij)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="poststukken",
    )
    afzender_naam = models.CharField(
        _("afzender (naam)"), max_length=255, blank=True, help_text=_("Bij een onbekende afzender.")
    )
    afzender_adres = models.TextField(_("afzender (adres)"), blank=True)
    datum_ontvangen = models.DateField(_("datum ontvangen"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    kenmerk_afzender = models.CharField(
        _("kenmerk afzender"),
        max_length=100,
        blank=True,
        help_text=_("Het kenmerk van de afzender."),
    )
    scan = models.FileField(_("scan"), upload_to=_scan_upload_to, max_length=255)
    scan_bestandsnaam = models.CharField(_("bestandsnaam scan"), max_length=255)
    scan_formaat = models.CharField(_("type scan (naar inhoud)"), max_length=100)
    scan_grootte = models.PositiveBigIntegerField(_("grootte scan (bytes)"))
    deadline = models.DateField(_("uiterste antwoorddatum"))
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    geregistreerd_door = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("geregistreerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who took it on from the post queue, then who routed it.
    behandelaar = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("behandelaar (opgepakt of afgehandeld door)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting bij afhandeling"), blank=True)
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    zaak = models.ForeignKey(
        "zaken.Zaak",
        verbose_name=_("zaak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("poststuk")
        verbose_name_plural = _("poststukken")
        ordering = ["-geregistreerd_op"]
        indexes = [
            # The post queue: open letters by deadline.
            models.Index(
                fields=["deadline", "geregistreerd_op"],
                condition=Q(status__in=["te_routeren", "werkvoorraad"]),
                name="kanalen_poststuk_open",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(partij__isnull=False) | ~Q(afzender_naam=""),
                name="poststuk_afzender_bekend",
                violation_error_message=_("Kies een afzender of vul de naam in."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.poststuknummer} {self.onderwerp[:60]}"

    @property
    def afzender(self) -> str:
        return self.partij.naam if self.partij_id else self.afzender_naam


class UitgaandeBrief(models.Model):
    """A letter we send by post: rendered to PDF on the letterhead, kept as it was sent."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kenmerk = models.CharField(_("ons kenmerk"), max_length=30, unique=True)
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("geadresseerde"),
        on_delete=models.PROTECT,
        related_name="uitgaande_brieven",
    )
    # The address as printed; the partij's address may change later.
    adresregels = models.TextField(_("adresblok"))
    zaak = models.ForeignKey(
        "zaken.Zaak",
        verbose_name=_("zaak"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poststuk = models.ForeignKey(
        Poststuk,
        verbose_name=_("in antwoord op"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antwoordbrieven",
    )
    datum = models.DateField(_("datum"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    pdf = models.FileField(_("PDF"), upload_to=_brief_upload_to, max_length=255)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uitgaande brief")
        verbose_name_plural = _("uitgaande brieven")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.kenmerk} {self.onderwerp[:60]}"


# --- Afspraken (appointments) --------------------------------------------------


class AfspraakAanbod(models.Model):
    """A product that can be booked at a location; a check-in joins the queue of
    `productgroep` there."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    product = models.ForeignKey(
        "catalogus.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    locatie = models.ForeignKey(
        BalieLocatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="aanbod"
    )
    productgroep = models.ForeignKey(
        Productgroep,
        verbose_name=_("productgroep bij inchecken"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("afspraakaanbod")
        verbose_name_plural = _("afspraakaanbod")
        constraints = [
            models.UniqueConstraint(fields=["product", "locatie"], name="afspraakaanbod_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.product} @ {self.locatie}"


class AfspraakBlok(models.Model):
    """Desks for appointments at a location in a window of the day: `capaciteit`
    customers per slot. Only on werkdagen and within the location's opening hours."""

    class Weekdag(models.IntegerChoices):
        MAANDAG = 0, _("maandag")
        DINSDAG = 1, _("dinsdag")
        WOENSDAG = 2, _("woensdag")
        DONDERDAG = 3, _("donderdag")
        VRIJDAG = 4, _("vrijdag")

    locatie = models.ForeignKey(
        BalieLocatie, verbose_name=_("locatie"), on_delete=models.CASCADE, related_name="blokken"
    )
    weekdag = models.PositiveSmallIntegerField(
        _("weekdag"),
        choices=Weekdag.choices,
        null=True,
        blank=True,
        help_text=_("Leeg: elke werkdag."),
    )
    begint_om = models.TimeField(_("begint om"))
    eindigt_om = models.TimeField(_("eindigt om"))
    capaciteit = models.PositiveSmallIntegerField(_("balies voor afspraken"), default=1)

    class Meta:
        verbose_name = _("afspraakblok")
        verbose_name_plural = _("afspraakblokken")
        ordering = ["locatie", "weekdag", "begint_om"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt_om__gt=models.F("begint_om")), name="afspraakblok_eind_na_begin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.locatie} {self.begint_om:%H:%M}-{self.eindigt_om:%H:%M} ×{self.capaciteit}"


class AfspraakSlot(models.Model):
    """The bookings in one slot of a location. Booking raises `geboekt` with a
    conditional UPDATE; the check constraint makes overbooking impossible even if
    that condition were ever bypassed."""

    locatie = models.ForeignKey(BalieLocatie, on_delete=models.CASCADE, related_name="+")
    begin = models.DateTimeField()
    capaciteit = models.PositiveSmallIntegerField()
    geboekt = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locatie", "begin"], name="afspraakslot_uniek"),
            models.CheckConstraint(
                condition=Q(geboekt__lte=models.F("capaciteit")), name="afspraakslot_niet_overboekt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.locatie} {self.begin}: {self.geboekt}/{self.capaciteit}"


class Afspraak(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        INGECHECKT = "ingecheckt", _("Ingecheckt")
        NO_SHOW = "no_show", _("Niet verschenen")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    class GeboektVia(models.TextChoices):
        ONLINE = "online", _("Online (klant)")
        MEDEWERKER = "medewerker", _("Medewerker")
        API = "api", _("API")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("afspraakcode"), max_length=8, unique=True, help_text=_("Voor het inchecken bij de zuil.")
    )
    # Only a hash would be safer, but the link must be sent again in the reminder.
    token = models.CharField(_("beheertoken"), max_length=64, unique=True, editable=False)
    product = models.ForeignKey(
        "catalogus.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    locatie = models.ForeignKey(
        BalieLocatie, verbose_name=_("locatie"), on_delete=models.PROTECT, related_name="afspraken"
    )
    begin = models.DateTimeField(_("begin"))
    eind = models.DateTimeField(_("eind"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=320)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("klant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    geboekt_via = models.CharField(_("geboekt via"), max_length=20, choices=GeboektVia.choices)
    geboekt_door = models.ForeignKey(
        "kcc.Medewerker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    ingecheckt_op = models.DateTimeField(_("ingecheckt op"), null=True, blank=True)
    herinnering_op = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    ticket = models.OneToOneField(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="afspraak"
    )

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["begin"]
        indexes = [
            models.Index(fields=["locatie", "begin"], name="afspraak_locatie_begin_idx"),
            models.Index(
                fields=["begin"], condition=Q(status="gepland"), name="afspraak_gepland_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.begin:%Y-%m-%d %H:%M}"


# --- Chat ---------------------------------------------------------------------


class Chat(models.Model):
    """One live chat from the public widget: waiting, then with a medewerker, then ended
    (its transcript becomes a klantcontact, kanaal chat)."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wachtend")
        ACTIEF = "actief", _("In gesprek")
        BEEINDIGD = "beeindigd", _("Beëindigd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WACHTEND
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), max_length=320, blank=True)
    vraag = models.TextField(_("vraag"))
    gestart_op = models.DateTimeField(_("gestart op"), default=timezone.now, db_index=True)
    aangenomen_op = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chats",
    )
    partij = models.ForeignKey(
        "contacts.Partij",
        verbose_name=_("partij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    klantcontact = models.ForeignKey(
        "contacts.Klantcontact",
        verbose_name=_("klantcontact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("chat")
        verbose_name_plural = _("chats")
        ordering = ["gestart_op"]
        indexes = [models.Index(fields=["status", "gestart_op"], name="chat_status_gestart")]

    def __str__(self) -> str:
        return f"{self.naam or _('anoniem')} {self.gestart_op:%Y-%m-%d %H:%M}"


class ChatBericht(models.Model):
    """One line of a chat. Stored before it is pushed: the id is the SSE event id, so a
    reconnecting client asks for everything after the last id it saw."""

    class Afzender(models.TextChoices):
        KLANT = "klant", _("Klant")
        MEDEWERKER = "medewerker", _("Medewerker")
        SYSTEEM = "systeem", _("Systeem")

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="berichten")
    afzender = models.CharField(_("afzender"), max_length=20, choices=Afzender.choices)
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tekst = models.TextField(_("tekst"))
    gebeurtenis = models.CharField(
        _("gebeurtenis"),
        max_length=20,
        blank=True,
        help_text=_("Bij een systeemregel: aangenomen, overgedragen, beeindigd of verlaten."),
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), default=timezone.now)

    class Meta:
        verbose_name = _("chatbericht")
        verbose_name_plural = _("chatberichten")
        ordering = ["id"]
        indexes = [models.Index(fields=["chat", "id"], name="chatbericht_chat_id")]

    def __str__(self) -> str:
        return self.tekst[:50]
