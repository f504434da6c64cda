import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from catalogus.models import Aanvraagveld, Product
from catalogus.selectors import product_list
from contacts.identifiers import normalise_phone, normalise_postcode
from kanalen.models import InkomendeEmail
from kanalen.selectors import QUEUE_FILTERS
from kanalen.services import TIJDVAKKEN
from kcc.selectors import afdeling_list
from zaken import documents

_TEXTAREA = {"class": "utrecht-textarea", "rows": 8}
_TEXTBOX = {"class": "utrecht-textbox"}
_SELECT = {"class": "utrecht-select"}


class EmailFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[("open", _("Open (nieuw en in behandeling)"))]
        + [(s.value, s.label) for s in InkomendeEmail.Status],
        widget=forms.Select(attrs=_SELECT),
    )

    def status_value(self) -> str:
        if self.is_valid() and self.cleaned_data["status"] in QUEUE_FILTERS:
            return self.cleaned_data["status"]
        return "open"


class AntwoordForm(forms.Form):
    tekst = forms.CharField(
        label=_("Antwoord"),
        max_length=20_000,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 12}),
        error_messages={"required": _("Schrijf een antwoord.")},
    )


class DoorsturenForm(forms.Form):
    afdeling = forms.ModelChoiceField(
        label=_("Afdeling"),
        queryset=afdeling_list(actief=True),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": _("Kies een afdeling.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de afdeling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 3}),
    )


class ZaakForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=product_list(gepubliceerd_only=True)
        .filter(zaaktype__isnull=False)
        .order_by("naam"),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": _("Kies het product waarvoor een zaak start.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de behandelaar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 3}),
    )


class SluitenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=500,
        widget=forms.TextInput(attrs=_TEXTBOX),
        error_messages={"required": _("Geef een reden op.")},
        help_text=_("Bijvoorbeeld: spam, bedankje, dubbel verstuurd."),
    )


# --- Public web forms ---------------------------------------------------------

_TOKEN_SALT = "kanalen.webformulier"  # noqa: S105 - a signing salt, not a secret
TOO_FAST = _(
    "U heeft het formulier erg snel verstuurd. Controleer uw gegevens en verstuur het "
    "formulier opnieuw."
)


def form_token() -> str:
    """When the form was shown, signed: a bot that posts at once is recognised."""
    return signing.dumps(time.time(), salt=_TOKEN_SALT)


class PublicForm(forms.Form):
    """Honeypot and minimum fill time; no third-party services."""

    # Hidden from people (CSS, aria-hidden, no tab stop); bots fill every field.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))
    formulier_token = forms.CharField(widget=forms.HiddenInput)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def renew_token(self) -> None:
        """A fresh token on a form shown again: the visitor may send after correcting."""
        self.data = self.data.copy()
        self.data["formulier_token"] = form_token()

    def clean_formulier_token(self) -> str:
        token = self.cleaned_data["formulier_token"]
        try:
            shown = signing.loads(token, salt=_TOKEN_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("Het formulier is verlopen. Verstuur het formulier opnieuw.")
            ) from None
        if time.time() - float(shown) < settings.KCC_WEBFORMULIER_MIN_SECONDS:
            raise forms.ValidationError(TOO_FAST)
        return token


class VraagFormulier(PublicForm):
    naam = forms.CharField(
        label=_("Naam"),
        max_length=200,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "name"}),
        error_messages={"required": _("Vul uw naam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={**_TEXTBOX, "autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
    telefoon = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "tel", "type": "tel"}),
    )
    product = forms.ModelChoiceField(
        label=_("Onderwerp"),
        required=False,
        queryset=product_list(gepubliceerd_only=True).order_by("naam"),
        to_field_name="uuid",
        empty_label=_("Anders, of weet ik niet"),
        widget=forms.Select(attrs=_SELECT),
    )
    vraag = forms.CharField(
        label=_("Uw vraag"),
        max_length=5000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        error_messages={
            "required": _("Vul uw vraag in."),
            "max_length": _("Uw vraag is te lang: gebruik maximaal %(limit_value)d tekens."),
        },
    )
    field_order = ["naam", "email", "telefoon", "product", "vraag", "website"]

    def clean_telefoon(self) -> str:
        telefoon = self.cleaned_data["telefoon"]
        return normalise_phone(telefoon) if telefoon else ""


class TerugbelFormulier(PublicForm):
    naam = VraagFormulier.base_fields["naam"]
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "tel", "type": "tel"}),
        error_messages={"required": _("Vul uw telefoonnummer in.")},
    )
    tijdvak = forms.ChoiceField(
        label=_("Wanneer mogen wij u bellen?"),
        choices=list(TIJDVAKKEN.items()),
        initial="geen",
        widget=forms.RadioSelect(
            attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}
        ),
        error_messages={"required": _("Kies wanneer wij u mogen bellen.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres (niet verplicht, voor de bevestiging)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={**_TEXTBOX, "autocomplete": "email"}),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    vraag = forms.CharField(
        label=_("Waar gaat het over?"),
        max_length=2000,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 4}),
        error_messages={
            "required": _("Vul in waar het over gaat."),
            "max_length": _("Uw tekst is te lang: gebruik maximaal %(limit_value)d tekens."),
        },
    )
    field_order = ["naam", "telefoon", "tijdvak", "email", "vraag", "website"]

    def clean_telefoon(self) -> str:
        return normalise_phone(self.cleaned_data["telefoon"])


# --- Application for a product (web intake) -----------------------------------

_RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
_UPLOAD_FORMATEN = {documents.PDF, documents.JPEG, documents.PNG}
JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]
TE_LANG = _("Uw tekst is te lang: gebruik maximaal %(limit_value)d tekens.")


def _optioneel(label: str, verplicht: bool) -> str:
    return label if verplicht else f"{label} ({_('niet verplicht')})"


def _aanvraagveld_field(veld: Aanvraagveld) -> forms.Field:
    """The form field for one question the redacteur defined on the product."""
    label = _optioneel(veld.label, veld.verplicht)
    common = {"label": label, "required": veld.verplicht, "help_text": veld.toelichting}
    if veld.type == Aanvraagveld.Type.DATUM and not veld.toelichting:
        common["help_text"] = _("Bijvoorbeeld: 31-12-2026.")
    vul_in = _("Vul dit in.")
    match veld.type:
        case Aanvraagveld.Type.LANGE_TEKST:
            return forms.CharField(
                max_length=5000,
                widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 5}),
                error_messages={
                    "required": vul_in,
                    "max_length": TE_LANG,
                },
                **common,
            )
        case Aanvraagveld.Type.DATUM:
            # A plain text box: typed the same way in every browser, with or without JS.
            return forms.DateField(
                input_formats=["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"],
                widget=forms.DateInput(attrs=_TEXTBOX, format="%d-%m-%Y"),
                error_messages={
                    "required": _("Vul een datum in."),
                    "invalid": _("Vul een geldige datum in, zoals 31-12-2026."),
                },
                **common,
            )
        case Aanvraagveld.Type.GETAL:
            return forms.IntegerField(
                min_value=0,
                max_value=10**9,
                widget=forms.TextInput(attrs={**_TEXTBOX, "inputmode": "numeric"}),
                error_messages={
                    "required": _("Vul een getal in."),
                    "invalid": _("Vul een heel getal in, zoals 12."),
                    "min_value": _("Vul een getal van 0 of meer in."),
                    "max_value": _("Dit getal is te groot."),
                },
                **common,
            )
        case Aanvraagveld.Type.KEUZE:
            return forms.ChoiceField(
                choices=[("", _("Maak een keuze"))] + [(k, k) for k in veld.keuzelijst],
                widget=forms.Select(attrs=_SELECT),
                error_messages={
                    "required": _("Maak een keuze."),
                    "invalid_choice": _("Kies een van de mogelijkheden."),
                },
                **common,
            )
        case Aanvraagveld.Type.JA_NEE:
            return forms.ChoiceField(
                choices=JA_NEE,
                widget=forms.RadioSelect(attrs=_RADIO),
                error_messages={
                    "required": _("Kies ja of nee."),
                    "invalid_choice": _("Kies ja of nee."),
                },
                **common,
            )
    return forms.CharField(
        max_length=500,
        widget=forms.TextInput(attrs=_TEXTBOX),
        error_messages={
            "required": vul_in,
            "max_length": TE_LANG,
        },
        **common,
    )


class DocumentField(forms.FileField):
    """A PDF, JPEG or PNG within the size limit, checked by its content, not its name."""

    def __init__(self, **kwargs):
        maximum = settings.KCC_ZAAK_DOCUMENT_MAX_BYTES // (1024 * 1024)
        super().__init__(
            widget=forms.FileInput(
                attrs={
                    "class": "utrecht-textbox kanalen-upload",
                    "accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png",
                }
            ),
            help_text=_("Een PDF, JPEG of PNG van hoogstens %(mb)d MB.") % {"mb": maximum},
            error_messages={
                "required": _("Voeg dit document toe."),
                "empty": _("Het bestand is leeg."),
                "invalid": _("Er is geen bestand ontvangen. Kies het bestand opnieuw."),
            },
            **kwargs,
        )

    def clean(self, data, initial=None):
        bestand = super().clean(data, initial)
        if not bestand:
            return bestand
        maximum = settings.KCC_ZAAK_DOCUMENT_MAX_BYTES
        if bestand.size > maximum:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)d MB.") % {"mb": maximum // (1024 * 1024)}
            )
        if documents.detect_formaat(bestand) not in _UPLOAD_FORMATEN:
            raise forms.ValidationError(
                _(
                    "Dit bestand is geen PDF, JPEG of PNG (wij kijken naar de inhoud, niet naar "
                    "de naam)."
                )
            )
        return bestand


class AanvraagFormulier(PublicForm):
    """The application for one product: who applies, the product's questions and one
    upload per required document."""

    voornaam = forms.CharField(
        label=_("Voornaam"),
        max_length=200,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "given-name"}),
        error_messages={"required": _("Vul uw voornaam in.")},
    )
    tussenvoegsel = forms.CharField(
        label=_("Tussenvoegsel (niet verplicht)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "additional-name"}),
        help_text=_("Bijvoorbeeld: de, van der."),
    )
    achternaam = forms.CharField(
        label=_("Achternaam"),
        max_length=200,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "family-name"}),
        error_messages={"required": _("Vul uw achternaam in.")},
    )
    email = VraagFormulier.base_fields["email"]
    telefoon = VraagFormulier.base_fields["telefoon"]
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "postal-code"}),
        error_messages={"required": _("Vul uw postcode in.")},
    )
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={**_TEXTBOX, "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul uw huisnummer in."),
            "invalid": _("Vul alleen het nummer in, zoals 12. De toevoeging heeft een eigen veld."),
            "min_value": _("Vul een huisnummer van 1 of meer in."),
            "max_value": _("Vul een huisnummer van hoogstens 99999 in."),
        },
    )
    huisnummertoevoeging = forms.CharField(
        label=_("Huisletter of toevoeging (niet verplicht)"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs=_TEXTBOX),
        help_text=_("Bijvoorbeeld: A of 2-hoog."),
    )

    def __init__(self, *args, product: Product, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Hierop ontvangt u de bevestiging en de link om uw aanvraag te volgen."
        )
        self.velden = {f"veld_{veld.pk}": veld for veld in product.aanvraagvelden.all()}
        for name, veld in self.velden.items():
            self.fields[name] = _aanvraagveld_field(veld)
        self.documenten = {
            f"document_{index}": titel for index, titel in enumerate(product.documenten, 1)
        }
        for name, titel in self.documenten.items():
            self.fields[name] = DocumentField(label=titel)

    clean_telefoon = VraagFormulier.clean_telefoon

    def clean_postcode(self) -> str:
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except forms.ValidationError:
            raise forms.ValidationError(_("Vul een geldige postcode in, zoals 1234 AB.")) from None

    def fieldsets(self) -> list[tuple[str, list]]:
        """The fields grouped under headings, for the template."""
        persoon = ["voornaam", "tussenvoegsel", "achternaam", "email", "telefoon"]
        adres = ["postcode", "huisnummer", "huisnummertoevoeging"]
        groepen = [(_("Uw gegevens"), persoon), (_("Uw adres"), adres)]
        if self.velden:
            groepen.append((_("Uw aanvraag"), list(self.velden)))
        if self.documenten:
            groepen.append((_("Documenten"), list(self.documenten)))
        return [(titel, [self[name] for name in names]) for titel, names in groepen]

    def aanvrager_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "voornaam",
                "tussenvoegsel",
                "achternaam",
                "email",
                "telefoon",
                "postcode",
                "huisnummer",
                "huisnummertoevoeging",
            )
        }

    def antwoorden(self) -> list[tuple[str, str]]:
        """Each answered question as text, with the question as the redacteur wrote it."""
        antwoorden = []
        for name, veld in self.velden.items():
            waarde = self.cleaned_data.get(name)
            if waarde in (None, ""):
                continue
            if veld.type == Aanvraagveld.Type.DATUM:
                waarde = waarde.strftime("%d-%m-%Y")
            elif veld.type == Aanvraagveld.Type.JA_NEE:
                waarde = dict(JA_NEE)[waarde]
            antwoorden.append((veld.label, str(waarde)))
        return antwoorden

    def bestanden(self) -> list[tuple[str, object]]:
        return [(titel, self.cleaned_data[name]) for name, titel in self.documenten.items()]
