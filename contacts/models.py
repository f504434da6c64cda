"""Partijen and their contacts, named after Open Klant's Klantinteracties API."""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from kcc.models import SlaBewaakt, sla_indexes


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    BALIE = "balie", _("Balie")
    EMAIL = "e-mail", _("E-mail")
    POST = "post", _("Post")
    WEBFORMULIER = "webformulier", _("Webformulier")
    CHAT = "chat", _("Chat")


class Afhandeling(models.TextChoices):
    DIRECT_BEANTWOORD = "direct_beantwoord", _("Direct beantwoord")
    DOORVERBONDEN = "doorverbonden", _("Doorverbonden")
    TERUGBELVERZOEK = "terugbelverzoek", _("Terugbelverzoek")
    AFSPRAAK_GEMAAKT = "afspraak_gemaakt", _("Afspraak gemaakt")
    AANVRAAG_INGENOMEN = "aanvraag_ingenomen", _("Aanvraag ingenomen")
    DOORVERWEZEN_EXTERN = "doorverwezen_extern", _("Doorverwezen naar andere organisatie")
    NIET_OPGELOST = "niet_opgelost", _("Niet opgelost")


class Partij(models.Model):
    """A customer: a person, an organisation or an organisation's contact person."""

    class Soort(models.TextChoices):
        PERSOON = "persoon", _("Persoon")
        ORGANISATIE = "organisatie", _("Organisatie")
        CONTACTPERSOON = "contactpersoon", _("Contactpersoon")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField(_("soort partij"), max_length=20, choices=Soort.choices)
    voornaam = models.CharField(_("voornaam"), max_length=200, blank=True)
    voorvoegsel_achternaam = models.CharField(
        _("voorvoegsel achternaam"), max_length=20, blank=True
    )
    achternaam = models.CharField(_("achternaam"), max_length=200, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    overlijdensdatum = models.DateField(_("overlijdensdatum"), null=True, blank=True)
    statutaire_naam = models.CharField(_("statutaire naam"), max_length=500, blank=True)
    voorkeurskanaal = models.CharField(
        _("voorkeurskanaal"), max_length=20, choices=Kanaal.choices, blank=True
    )
    indicatie_geheimhouding = models.BooleanField(
        _("indicatie geheimhouding"),
        default=False,
        help_text=_("Geheimhouding persoonsgegevens (BRP): adres alleen voor bevoegde rollen."),
    )
    # A contactpersoon speaks for this organisation.
    organisatie = models.ForeignKey(
        "self",
        verbose_name=_("vertegenwoordigde organisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contactpersonen",
        limit_choices_to={"soort": "organisatie"},
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["achternaam", "voornaam", "statutaire_naam"]
        permissions = [("view_geheim_adres", _("Mag adressen onder geheimhouding zien"))]
        indexes = [
            # Surname search is a case-insensitive prefix LIKE: a pattern b-tree serves it
            # (measured 3x faster than the trigram index); trigrams serve "contains".
            models.Index(
                OpClass(Upper("achternaam"), name="varchar_pattern_ops"),
                name="partij_achternaam_prefix",
            ),
            GinIndex(
                OpClass(Upper("achternaam"), name="gin_trgm_ops"), name="partij_achternaam_trgm"
            ),
            GinIndex(
                OpClass(Upper("statutaire_naam"), name="gin_trgm_ops"),
                name="partij_statnaam_trgm",
            ),
            models.Index(fields=["geboortedatum"], name="partij_geboortedatum"),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        if self.soort == self.Soort.ORGANISATIE:
            return self.statutaire_naam
        achternaam = " ".join(p for p in [self.voorvoegsel_achternaam, self.achternaam] if p)
        return " ".join(p for p in [self.voornaam, achternaam] if p)


class PartijIdentificator(models.Model):
    class Soort(models.TextChoices):
        BSN = "bsn", _("BSN")
        KVK_NUMMER = "kvk_nummer", _("KvK-nummer")
        VESTIGINGSNUMMER = "vestigingsnummer", _("Vestigingsnummer")
        RSIN = "rsin", _("RSIN")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="identificatoren", verbose_name=_("partij")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    waarde = models.CharField(_("waarde"), max_length=20)

    class Meta:
        verbose_name = _("partij-identificator")
        verbose_name_plural = _("partij-identificatoren")
        constraints = [
            models.UniqueConstraint(fields=["soort", "waarde"], name="identificator_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.waarde}"


class Adres(models.Model):
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="adressen", verbose_name=_("partij")
    )
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    toevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, help_text=_("Zoals 1234 AB."))
    woonplaats = models.CharField(_("woonplaats"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("adres")
        verbose_name_plural = _("adressen")
        indexes = [models.Index(fields=["postcode", "huisnummer"], name="adres_postcode_nr")]

    def __str__(self) -> str:
        nummer = f"{self.huisnummer}{self.huisletter}"
        if self.toevoeging:
            nummer += f"-{self.toevoeging}"
        return f"{self.straat} {nummer}, {self.postcode} {self.woonplaats}".strip()


class DigitaalAdres(models.Model):
    class Soort(models.TextChoices):
        EMAIL = "email", _("E-mail")
        TELEFOON = "telefoon", _("Telefoon")
        OVERIG = "overig", _("Overig")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="digitale_adressen", verbose_name=_("partij")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    adres = models.CharField(_("adres"), max_length=254)
    omschrijving = models.CharField(_("omschrijving"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("digitaal adres")
        verbose_name_plural = _("digitale adressen")
        indexes = [models.Index(fields=["soort", "adres"], name="digitaal_adres_zoek")]

    def __str__(self) -> str:
        return self.adres


class Klantcontact(models.Model):
    """One contact over one channel, with one or more questions."""

    class Richting(models.TextChoices):
        INKOMEND = "inkomend", _("Inkomend")
        UITGAAND = "uitgaand", _("Uitgaand")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partij = models.ForeignKey(
        Partij,
        verbose_name=_("partij"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="klantcontacten",
        help_text=_("Leeg bij een anoniem contact."),
        # Index "klantcontact_partij" starts with it: a second one only costs writes.
        db_index=False,
    )
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    richting = models.CharField(
        _("richting"), max_length=10, choices=Richting.choices, default=Richting.INKOMEND
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    inhoud = models.TextField(_("inhoud"), blank=True)
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    plaatsgevonden_op = models.DateTimeField(_("plaatsgevonden op"))
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="klantcontacten",
    )
    afhandeling = models.CharField(_("afhandeling"), max_length=30, choices=Afhandeling.choices)
    in_een_keer_opgelost = models.BooleanField(
        _("in één keer opgelost"),
        default=True,
        help_text=_(
            "Onwaar zodra dezelfde partij binnen enkele dagen over hetzelfde onderwerp terugkomt."
        ),
    )

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        ordering = ["-plaatsgevonden_op"]
        indexes = [
            models.Index(fields=["partij", "-plaatsgevonden_op"], name="klantcontact_partij"),
            models.Index(fields=["-plaatsgevonden_op"], name="klantcontact_tijd"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()}: {self.onderwerp}"


class Vraag(models.Model):
    """One question asked in a klantcontact."""

    klantcontact = models.ForeignKey(
        Klantcontact,
        on_delete=models.CASCADE,
        related_name="vragen",
        verbose_name=_("klantcontact"),
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"), default=1)
    product = models.ForeignKey(
        "catalogus.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vragen",
    )
    onderwerp = models.CharField(
        _("onderwerp"),
        max_length=200,
        blank=True,
        help_text=_("Vrije tekst als er geen product is."),
    )
    vraag = models.TextField(_("vraag"))
    antwoord = models.TextField(_("antwoord of notitie"), blank=True)
    afhandeling = models.CharField(_("afhandeling"), max_length=30, choices=Afhandeling.choices)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["klantcontact", "volgnummer"]

    def __str__(self) -> str:
        return self.onderwerp or str(self.product or "")


class Contactverzoek(SlaBewaakt):
    """A callback request or internal task (Open Klant: interne taak)."""

    class Status(models.TextChoices):
        TE_VERWERKEN = "te_verwerken", _("Te verwerken")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        VERWERKT = "verwerkt", _("Verwerkt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    klantcontact = models.ForeignKey(
        Klantcontact,
        verbose_name=_("klantcontact"),
        on_delete=models.PROTECT,
        related_name="contactverzoeken",
        help_text=_("Het klantcontact waaruit het verzoek voortkomt."),
    )
    vraag = models.ForeignKey(
        Vraag,
        verbose_name=_("vraag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contactverzoeken",
    )
    afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("toegewezen aan afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contactverzoeken",
    )
    team = models.ForeignKey(
        "kcc.Team",
        verbose_name=_("toegewezen aan team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contactverzoeken",
    )
    medewerker = models.ForeignKey(
        "kcc.Medewerker",
        verbose_name=_("toegewezen aan medewerker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contactverzoeken",
    )
    gevraagde_handeling = models.CharField(_("gevraagde handeling"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    terugbelnummer = models.CharField(_("terugbelnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_VERWERKEN
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afhandeling_toelichting = models.TextField(_("toelichting bij afhandeling"), blank=True)

    class Meta:
        verbose_name = _("contactverzoek")
        verbose_name_plural = _("contactverzoeken")
        ordering = ["deadline"]
        indexes = [
            models.Index(fields=["afdeling", "status", "deadline"], name="cv_afdeling"),
            models.Index(fields=["medewerker", "status", "deadline"], name="cv_medewerker"),
            models.Index(fields=["status", "deadline"], name="cv_status"),
            # The dashboard: requests created or completed in a period.
            models.Index(fields=["aangemaakt_op"], name="cv_aangemaakt"),
            models.Index(fields=["afgehandeld_op"], name="cv_afgehandeld"),
            # The klantbeeld's open requests: small, unlike the FK index over all history
            # (bench, city: seq scan 29 ms → 5 ms).
            models.Index(
                fields=["klantcontact"],
                condition=~models.Q(status="verwerkt"),
                name="cv_open_klantcontact",
            ),
            *sla_indexes("cv", open_items=~models.Q(status="verwerkt")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(afdeling__isnull=False)
                | models.Q(team__isnull=False)
                | models.Q(medewerker__isnull=False),
                name="contactverzoek_toegewezen",
            )
        ]

    def __str__(self) -> str:
        return self.gevraagde_handeling


class ContactverzoekGebeurtenis(models.Model):
    """The log of a contactverzoek: created, claimed, handed back, completed."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", _("Aangemaakt")
        OPGEPAKT = "opgepakt", _("Opgepakt")
        AFGEHANDELD = "afgehandeld", _("Afgehandeld")
        TERUG_NAAR_KCC = "terug_naar_kcc", _("Teruggegeven aan het KCC")

    contactverzoek = models.ForeignKey(
        Contactverzoek, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    medewerker = models.ForeignKey(
        "kcc.Medewerker", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["tijdstip"]

    def __str__(self) -> str:
        return self.get_soort_display()


class KlantcontactDagtelling(models.Model):
    """Roll-up for the dashboard: klantcontacten per day, kanaal, afdeling (of the
    medewerker), afhandeling and true first-contact resolution. Rebuilt per day by
    Celery (contacts.services.klantcontact_dagtellingen_bijwerken), so a month on
    the dashboard reads a few thousand rows instead of every contact."""

    dag = models.DateField(_("dag"))
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    afdeling = models.ForeignKey(
        "kcc.Afdeling",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    afhandeling = models.CharField(_("afhandeling"), max_length=30, choices=Afhandeling.choices)
    in_een_keer_opgelost = models.BooleanField(_("in één keer opgelost"))
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("dagtelling klantcontacten")
        verbose_name_plural = _("dagtellingen klantcontacten")
        indexes = [models.Index(fields=["dag", "kanaal"], name="kc_dagtelling_dag")]

    def __str__(self) -> str:
        return f"{self.dag} {self.kanaal}: {self.aantal}"


class VraagDagtelling(models.Model):
    """Roll-up for the dashboard next to KlantcontactDagtelling: vragen per day, kanaal,
    afdeling (of the medewerker), subject (product, else the free-text onderwerp) and
    the contact's outcome. It answers the top subjects and the product filter; rebuilt
    with the contacts' roll-up of the same day and trusted by the same KlantcontactDagstatus.

    `contacten` counts the contacts with at least one vraag in the row: all vragen of a
    contact on one product fall in one row, so summing it per product counts each
    contact once."""

    dag = models.DateField(_("dag"))
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    afdeling = models.ForeignKey(
        "kcc.Afdeling",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    product = models.ForeignKey(
        "catalogus.Product",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    afhandeling = models.CharField(_("afhandeling"), max_length=30, choices=Afhandeling.choices)
    in_een_keer_opgelost = models.BooleanField(_("in één keer opgelost"))
    vragen = models.PositiveIntegerField(_("vragen"))
    contacten = models.PositiveIntegerField(_("contacten"))

    class Meta:
        verbose_name = _("dagtelling vragen")
        verbose_name_plural = _("dagtellingen vragen")
        indexes = [models.Index(fields=["dag", "kanaal"], name="vraag_dagtelling_dag")]

    def __str__(self) -> str:
        return f"{self.dag} {self.kanaal} {self.product_id or self.onderwerp}: {self.vragen}"


class TevredenheidDagtelling(models.Model):
    """Roll-up for the dashboard: surveys sent after the klantcontacten of a day, per
    kanaal, afdeling (of the medewerker) and score (empty: not answered). Rebuilt with
    the contacts' roll-up of the same day; an answer marks the contact's day stale."""

    dag = models.DateField(_("dag"))
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    afdeling = models.ForeignKey(
        "kcc.Afdeling",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True)
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("dagtelling tevredenheid")
        verbose_name_plural = _("dagtellingen tevredenheid")
        indexes = [models.Index(fields=["dag", "kanaal"], name="tevredenheid_dagtelling_dag")]

    def __str__(self) -> str:
        return f"{self.dag} {self.kanaal} {self.score}: {self.aantal}"


class KlantcontactDagstatus(models.Model):
    """Whether the roll-up of a day is current: every write that changes the day's
    contacts before `ververst_tot` bumps `versie`; the roll-up is trusted when it was
    built from that versie. It holds the contacts before `ververst_tot`: the end of the
    day once the day is over, some minutes ago for today (contacts.services.ROLLUP_MARGE)."""

    dag = models.DateField(_("dag"), primary_key=True)
    versie = models.BigIntegerField(_("versie"), default=0)
    ververst_versie = models.BigIntegerField(_("opgebouwd uit versie"), null=True)
    ververst_op = models.DateTimeField(_("opgebouwd op"), null=True)
    ververst_tot = models.DateTimeField(_("telt contacten vóór"), null=True)

    class Meta:
        verbose_name = _("dagstatus klantcontacten")
        verbose_name_plural = _("dagstatussen klantcontacten")

    def __str__(self) -> str:
        return f"{self.dag} v{self.versie}"


class Tevredenheidsmeting(models.Model):
    """The one-question survey sent after a klantcontact, and the customer's answer.

    A row is the invitation (sent); `score` is filled once the customer answers, so the
    response rate is beantwoord / verstuurd over the same rows."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    klantcontact = models.OneToOneField(
        Klantcontact,
        on_delete=models.CASCADE,
        related_name="tevredenheidsmeting",
        verbose_name=_("klantcontact"),
    )
    # Denormalised from the contact: "at most once per partij per N days" is one index probe.
    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="+", verbose_name=_("partij")
    )
    token = models.CharField(max_length=64, unique=True)
    verstuurd_op = models.DateTimeField(_("verstuurd op"))
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("tevredenheidsmeting")
        verbose_name_plural = _("tevredenheidsmetingen")
        ordering = ["-verstuurd_op"]
        indexes = [models.Index(fields=["partij", "-verstuurd_op"], name="tevredenheid_partij")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="tevredenheid_score_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.klantcontact}: {self.score or '-'}"


class KlantcontactConcept(models.Model):
    """A contact the agent has open but not saved yet: what was typed, kept server-side
    so that switching between open contacts, a reload or a crash loses nothing. The
    uuid is the form's formulier_id, so saving the contact removes its concept."""

    uuid = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="klantcontact_concepten",
        verbose_name=_("gebruiker"),
    )
    partij = models.ForeignKey(
        Partij,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partij"),
    )
    # The posted form fields as {name: [values]}.
    gegevens = models.JSONField(_("gegevens"), default=dict)
    gestart_op = models.DateTimeField(_("gestart op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("open klantcontact")
        verbose_name_plural = _("open klantcontacten")
        ordering = ["gestart_op"]

    def __str__(self) -> str:
        return str(self.partij or _("Anoniem contact"))

    @property
    def kanaal_label(self) -> str:
        kanaal = (self.gegevens.get("kanaal") or [""])[0]
        return Kanaal(kanaal).label if kanaal in Kanaal.values else ""
