import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from catalogus.selectors import product_list
from contacts.identifiers import normalise_phone
from kanalen.models import InkomendeEmail
from kanalen.selectors import QUEUE_FILTERS
from kanalen.services import TIJDVAKKEN
from kcc.selectors import afdeling_list

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
