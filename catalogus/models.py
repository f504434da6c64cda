"""The product catalogue (PDC), zaaktypen and the knowledge base."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext_lazy as _

from kcc.models import Eenheid
from kcc.richtext import clean_rich_text

SEARCH_CONFIG = "dutch"


class SanitizedHTMLField(models.TextField):
    """Rich text cleaned with nh3 on every save, whoever writes it (admin, API, import):
    scripts and event handlers never reach the database."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        cleaned = clean_rich_text(value)
        setattr(model_instance, self.attname, cleaned)
        return cleaned


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as checkboxes rather than comma-separated text."""

    def formfield(self, **kwargs):
        return super(ArrayField, self).formfield(
            form_class=forms.TypedMultipleChoiceField,
            choices=self.base_field.choices,
            coerce=self.base_field.to_python,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


def _unaccent(expression):
    return Func(expression, function="unaccent", output_field=models.TextField())


def _text(field: str):
    return Coalesce(F(field), Value(""), output_field=models.TextField())


def _words(field: str):
    return Func(F(field), Value(" "), function="array_to_string", output_field=models.TextField())


def _concat(*expressions):
    return Func(
        *expressions, template="concat_ws(' ', %(expressions)s)", output_field=models.TextField()
    )


def _vector(*parts):
    vector = None
    for expression, weight in parts:
        part = SearchVector(_unaccent(expression), config=SEARCH_CONFIG, weight=weight)
        vector = part if vector is None else vector + part
    return vector


class Searchable(models.Model):
    """Keeps the derived search columns in step on every save (unaccented, Dutch)."""

    title_field = "naam"

    zoekvector = SearchVectorField(null=True, editable=False)
    # Unaccented lower-case title and trefwoorden, for trigram typo matching.
    zoeknaam = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        type(self).search_columns_update(type(self).objects.filter(pk=self.pk))

    @classmethod
    def search_columns_update(cls, queryset) -> int:
        """Recompute the search columns in SQL (also in bulk, e.g. after a COPY)."""
        return queryset.update(
            zoekvector=_vector(*cls.search_vector_parts()),
            zoeknaam=_unaccent(Lower(cls.search_name_expression())),
        )

    @classmethod
    def search_vector_parts(cls) -> list:
        raise NotImplementedError

    @classmethod
    def search_name_expression(cls):
        raise NotImplementedError


class Publicatiestatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    GEPUBLICEERD = "gepubliceerd", _("gepubliceerd")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Vertrouwelijkheidaanduiding(models.TextChoices):
    """The ZGW enum (Catalogi API 1.3)."""

    OPENBAAR = "openbaar", _("openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("beperkt openbaar")
    INTERN = "intern", _("intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("confidentieel")
    GEHEIM = "geheim", _("geheim")
    ZEER_GEHEIM = "zeer_geheim", _("zeer geheim")


# A zaak's terms count in days; kcc's hours (of opening time) are for servicenormen.
TERMIJN_EENHEDEN = [(unit.value, unit.label) for unit in (Eenheid.WERKDAGEN, Eenheid.KALENDERDAGEN)]


class SdgInformatiegebied(models.Model):
    """A Single Digital Gateway information area and theme (e.g. A1)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    informatiegebied = models.CharField(_("informatiegebied"), max_length=255)
    informatiegebied_uri = models.URLField(_("URI informatiegebied"), max_length=500, blank=True)
    thema = models.TextField(_("thema"), blank=True)
    thema_uri = models.URLField(_("URI thema"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("SDG-informatiegebied")
        verbose_name_plural = _("SDG-informatiegebieden")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.informatiegebied}"


class Zaaktype(models.Model):
    """The type of a zaak, with the field names of the ZGW Catalogi API 1.3.

    All terms of one zaaktype count in the same unit (`termijn_eenheid`), because
    our business calendar counts werkdagen and a mixed zaaktype confuses agents.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=50, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    doel = models.TextField(_("doel"), blank=True)
    aanleiding = models.TextField(_("aanleiding"), blank=True)
    vertrouwelijkheidaanduiding = models.CharField(
        _("vertrouwelijkheidaanduiding"),
        max_length=20,
        choices=Vertrouwelijkheidaanduiding.choices,
        default=Vertrouwelijkheidaanduiding.ZAAKVERTROUWELIJK,
    )
    doorlooptijd = models.PositiveIntegerField(
        _("doorlooptijd"), help_text=_("Wettelijke of maximale behandelduur.")
    )
    servicenorm = models.PositiveIntegerField(
        _("servicenorm"),
        null=True,
        blank=True,
        help_text=_("Beloofde behandelduur, korter dan de doorlooptijd."),
    )
    termijn_eenheid = models.CharField(
        _("termijnen in"),
        max_length=15,
        choices=TERMIJN_EENHEDEN,
        default=Eenheid.WERKDAGEN,
    )
    opschorting_en_aanhouding_mogelijk = models.BooleanField(
        _("opschorting en aanhouding mogelijk"), default=False
    )
    verlenging_mogelijk = models.BooleanField(_("verlenging mogelijk"), default=False)
    verlengingstermijn = models.PositiveIntegerField(_("verlengingstermijn"), null=True, blank=True)
    behandelende_afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("behandelende afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zaaktypen",
    )
    deelzaaktypen = models.ManyToManyField(
        "self",
        verbose_name=_("deelzaaktypen"),
        symmetrical=False,
        blank=True,
        related_name="hoofdzaaktypen",
    )
    begin_geldigheid = models.DateField(_("begin geldigheid"), default=datetime.date.today)
    einde_geldigheid = models.DateField(_("einde geldigheid"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["omschrijving"]

    def __str__(self) -> str:
        return self.omschrijving

    def clean(self):
        errors = {}
        if self.verlenging_mogelijk and not self.verlengingstermijn:
            errors["verlengingstermijn"] = _("Geef de verlengingstermijn op.")
        if not self.verlenging_mogelijk and self.verlengingstermijn:
            errors["verlengingstermijn"] = _("Alleen bij een zaaktype dat verlengd kan worden.")
        if self.servicenorm and self.doorlooptijd and self.servicenorm > self.doorlooptijd:
            errors["servicenorm"] = _("De servicenorm mag niet langer zijn dan de doorlooptijd.")
        if self.einde_geldigheid and self.einde_geldigheid < self.begin_geldigheid:
            errors["einde_geldigheid"] = _("Het einde ligt vóór het begin van de geldigheid.")
        if errors:
            raise ValidationError(errors)


class Statustype(models.Model):
    """A step of a zaaktype; the one with the highest volgnummer is the end status."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(
        Zaaktype, verbose_name=_("zaaktype"), on_delete=models.CASCADE, related_name="statustypen"
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    omschrijving = models.CharField(_("omschrijving"), max_length=80)
    statustekst = models.CharField(
        _("statustekst"),
        max_length=1000,
        blank=True,
        help_text=_("De tekst die de klant krijgt bij deze status."),
    )
    informeren = models.BooleanField(
        _("informeren"), default=False, help_text=_("De klant krijgt bericht bij deze status.")
    )
    doorlooptijd = models.PositiveIntegerField(_("doorlooptijd"), null=True, blank=True)

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["zaaktype", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "volgnummer"], name="statustype_volgnummer_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(volgnummer__gte=1), name="statustype_volgnummer_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.omschrijving}"

    @property
    def is_eindstatus(self) -> bool:
        last = self.zaaktype.statustypen.order_by("-volgnummer").values_list("pk", flat=True)
        return last.first() == self.pk


class Resultaattype(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaaktype = models.ForeignKey(
        Zaaktype,
        verbose_name=_("zaaktype"),
        on_delete=models.CASCADE,
        related_name="resultaattypen",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=30)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("resultaattype")
        verbose_name_plural = _("resultaattypen")
        ordering = ["zaaktype", "omschrijving"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "omschrijving"], name="resultaattype_omschrijving_uniek"
            )
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Product(Searchable):
    """A product or service, named after the national UPL list where one fits."""

    class Doelgroep(models.TextChoices):
        BURGER = "burger", _("burger")
        BEDRIJF = "bedrijf", _("bedrijf")

    class Aanvraagkanaal(models.TextChoices):
        WEB = "web", _("website")
        BALIE = "balie", _("balie")
        TELEFOON = "telefoon", _("telefoon")
        POST = "post", _("post")
        EMAIL = "email", _("e-mail")

    class Knip(models.TextChoices):
        FRONTOFFICE = "frontoffice", _("Frontoffice handelt volledig af")
        FRONTOFFICE_NEEMT_IN = (
            "frontoffice_neemt_in",
            _("Frontoffice neemt in, backoffice handelt af"),
        )
        BACKOFFICE = "backoffice", _("Alleen backoffice")
        EXTERN = "extern", _("Externe organisatie")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=255)
    upl_naam = models.CharField(_("UPL-naam"), max_length=255, blank=True)
    upl_uri = models.URLField(_("UPL-URI"), max_length=500, blank=True)
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    beschrijving = SanitizedHTMLField(_("beschrijving"), blank=True)
    doelgroep = ChoiceArrayField(
        models.CharField(max_length=10, choices=Doelgroep.choices),
        verbose_name=_("doelgroep"),
        default=list,
        blank=True,
    )
    voorwaarden = models.TextField(_("voorwaarden"), blank=True)
    benodigde_documenten = models.TextField(
        _("benodigde documenten"), blank=True, help_text=_("Eén document per regel.")
    )
    aanvraagkanalen = ChoiceArrayField(
        models.CharField(max_length=10, choices=Aanvraagkanaal.choices),
        verbose_name=_("aanvraagkanalen"),
        default=list,
        blank=True,
    )
    afspraak_nodig = models.BooleanField(_("afspraak nodig"), default=False)
    afspraak_duur = models.PositiveSmallIntegerField(
        _("duur van een afspraak (minuten)"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    knip = models.CharField(
        _("knip"), max_length=25, choices=Knip.choices, default=Knip.FRONTOFFICE_NEEMT_IN
    )
    knip_toelichting = models.TextField(_("toelichting voor de klantcontactmedewerker"), blank=True)
    behandelende_afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("behandelende afdeling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producten",
    )
    zaaktype = models.ForeignKey(
        Zaaktype,
        verbose_name=_("zaaktype"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="producten",
    )
    servicenorm = models.CharField(
        _("servicenorm"),
        max_length=255,
        blank=True,
        help_text=_("Wat wij de klant beloven, bijvoorbeeld 'binnen 5 werkdagen klaar'."),
    )
    trefwoorden = ArrayField(
        models.CharField(max_length=100), verbose_name=_("trefwoorden"), default=list, blank=True
    )
    sdg_informatiegebieden = models.ManyToManyField(
        SdgInformatiegebied,
        verbose_name=_("SDG-informatiegebieden"),
        blank=True,
        related_name="producten",
    )
    publicatiestatus = models.CharField(
        _("publicatiestatus"),
        max_length=15,
        choices=Publicatiestatus.choices,
        default=Publicatiestatus.CONCEPT,
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["upl_uri"], condition=~models.Q(upl_uri=""), name="product_upl_uri_uniek"
            )
        ]
        indexes = [
            GinIndex(fields=["zoekvector"], name="product_zoekvector_gin"),
            GinIndex(fields=["zoeknaam"], name="product_zoeknaam_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def documenten(self) -> list[str]:
        return [line.strip() for line in self.benodigde_documenten.splitlines() if line.strip()]

    @classmethod
    def search_vector_parts(cls) -> list:
        return [
            (_text("naam"), "A"),
            (_concat(_text("upl_naam"), _words("trefwoorden")), "B"),
            (_text("samenvatting"), "C"),
            (_concat(_text("beschrijving"), _text("voorwaarden")), "D"),
        ]

    @classmethod
    def search_name_expression(cls):
        return _concat(_text("naam"), _words("trefwoorden"))


class Kosten(models.Model):
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="kosten"
    )
    bedrag = models.DecimalField(_("bedrag (euro)"), max_digits=10, decimal_places=2)
    omschrijving = models.CharField(_("omschrijving"), max_length=255)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("kosten")
        verbose_name_plural = _("kosten")
        ordering = ["product", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(bedrag__gte=0), name="kosten_niet_negatief")
        ]

    def __str__(self) -> str:
        return f"{self.omschrijving}: € {self.bedrag}"


class Aanvraagveld(models.Model):
    """A question on the product's public application form (web intake), in the order
    the redacteur sets; the required documents get an upload field of their own."""

    class Type(models.TextChoices):
        TEKST = "tekst", _("tekst (één regel)")
        LANGE_TEKST = "lange_tekst", _("lange tekst")
        DATUM = "datum", _("datum")
        GETAL = "getal", _("getal")
        KEUZE = "keuze", _("keuze uit een lijst")
        JA_NEE = "ja_nee", _("ja/nee")

    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="aanvraagvelden",
    )
    label = models.CharField(_("vraag"), max_length=200)
    type = models.CharField(_("type"), max_length=15, choices=Type.choices, default=Type.TEKST)
    verplicht = models.BooleanField(_("verplicht"), default=True)
    toelichting = models.CharField(
        _("toelichting"), max_length=500, blank=True, help_text=_("Uitleg onder de vraag.")
    )
    keuzes = models.TextField(
        _("keuzes"),
        blank=True,
        help_text=_("Alleen bij 'keuze uit een lijst': één keuze per regel."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("aanvraagveld")
        verbose_name_plural = _("aanvraagvelden")
        ordering = ["product", "volgorde", "pk"]
        constraints = [
            # The answers on a zaak are kept by their question: two equal ones would blur.
            models.UniqueConstraint(fields=["product", "label"], name="aanvraagveld_label_uniek")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def keuzelijst(self) -> list[str]:
        return [line.strip() for line in self.keuzes.splitlines() if line.strip()]

    def clean(self) -> None:
        self.label = self.label.strip()
        keuzes = self.keuzelijst
        if self.type == self.Type.KEUZE:
            if len(keuzes) < 2:
                raise ValidationError({"keuzes": _("Geef ten minste twee keuzes, één per regel.")})
            if len(set(keuzes)) != len(keuzes):
                raise ValidationError({"keuzes": _("Elke keuze mag maar één keer voorkomen.")})
            if any(len(keuze) > 200 for keuze in keuzes):
                raise ValidationError({"keuzes": _("Een keuze mag hoogstens 200 tekens zijn.")})
        elif keuzes:
            raise ValidationError(
                {"keuzes": _("Keuzes horen alleen bij het type 'keuze uit een lijst'.")}
            )


class Kennisartikel(Searchable):
    """Knowledge for agents: a question-answer pair (VAC), a script, a work instruction or news."""

    title_field = "titel"

    class Type(models.TextChoices):
        VAC = "vac", _("vraag en antwoord")
        SCRIPT = "script", _("gespreksscript")
        WERKINSTRUCTIE = "werkinstructie", _("werkinstructie")
        NIEUWS = "nieuws", _("nieuws")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(_("type"), max_length=15, choices=Type.choices, default=Type.VAC)
    titel = models.CharField(_("titel of vraag"), max_length=255)
    samenvatting = models.TextField(_("kort antwoord"), blank=True)
    inhoud = SanitizedHTMLField(_("inhoud"), blank=True)
    producten = models.ManyToManyField(
        Product, verbose_name=_("producten"), blank=True, related_name="kennisartikelen"
    )
    afdeling = models.ForeignKey(
        "kcc.Afdeling",
        verbose_name=_("eigenaar (afdeling)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kennisartikelen",
    )
    trefwoorden = ArrayField(
        models.CharField(max_length=100), verbose_name=_("trefwoorden"), default=list, blank=True
    )
    openbaar = models.BooleanField(
        _("openbaar"), default=False, help_text=_("Mag de klant dit lezen, of alleen intern?")
    )
    belangrijk = models.BooleanField(_("belangrijk"), default=False)
    doelgroep_rollen = ArrayField(
        models.CharField(max_length=50),
        verbose_name=_("voor rollen"),
        default=list,
        blank=True,
        help_text=_("Nieuws en werkinstructies: leeg is voor iedereen."),
    )
    publicatiestatus = models.CharField(
        _("publicatiestatus"),
        max_length=15,
        choices=Publicatiestatus.choices,
        default=Publicatiestatus.CONCEPT,
    )
    publiceren_vanaf = models.DateField(_("publiceren vanaf"), null=True, blank=True)
    publiceren_tot = models.DateField(_("publiceren tot"), null=True, blank=True)
    review_datum = models.DateField(_("controleren vóór"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")
        ordering = ["titel"]
        indexes = [
            GinIndex(fields=["zoekvector"], name="kennisartikel_zoekvector_gin"),
            GinIndex(
                fields=["zoeknaam"], name="kennisartikel_zoeknaam_trgm", opclasses=["gin_trgm_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self):
        vanaf, tot = self.publiceren_vanaf, self.publiceren_tot
        if vanaf and tot and tot < vanaf:
            raise ValidationError({"publiceren_tot": _("Dit ligt vóór 'publiceren vanaf'.")})

    @classmethod
    def search_vector_parts(cls) -> list:
        return [
            (_text("titel"), "A"),
            (_words("trefwoorden"), "B"),
            (_text("samenvatting"), "C"),
            (_text("inhoud"), "D"),
        ]

    @classmethod
    def search_name_expression(cls):
        return _concat(_text("titel"), _words("trefwoorden"))


class KennisartikelGelezen(models.Model):
    """That a medewerker has read a news item or work instruction (read/unread per person)."""

    artikel = models.ForeignKey(Kennisartikel, on_delete=models.CASCADE, related_name="gelezen")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gelezen_op = models.DateTimeField(_("gelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gelezen artikel")
        verbose_name_plural = _("gelezen artikelen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "artikel"], name="kennisartikel_eenmaal_gelezen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.artikel}"


class Synoniem(models.Model):
    """A citizen's word that differs from the official one ("trouwen" → huwelijk)."""

    woord = models.CharField(_("woord"), max_length=100, unique=True)
    zoek_ook = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("zoek ook op"),
        help_text=_("Officiële termen, gescheiden door komma's."),
    )

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["woord"]

    def __str__(self) -> str:
        return f"{self.woord} → {', '.join(self.zoek_ook)}"

    def save(self, *args, **kwargs):
        self.woord = self.woord.strip().lower()
        super().save(*args, **kwargs)
