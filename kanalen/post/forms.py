from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogus.selectors import product_list
from contacts.selectors import partij_list
from kanalen.models import Poststuk
from kanalen.post.selectors import POST_FILTERS

_TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
_TEXTBOX = {"class": "utrecht-textbox"}
_SELECT = {"class": "utrecht-select"}


class PostFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[("open", _("Open (te routeren en in de werkvoorraad)"))]
        + [(s.value, s.label) for s in Poststuk.Status],
        widget=forms.Select(attrs=_SELECT),
    )

    def status_value(self) -> str:
        if self.is_valid() and self.cleaned_data["status"] in POST_FILTERS:
            return self.cleaned_data["status"]
        return "open"


class _PartijKeuze(forms.Form):
    """The partij chosen from the search results (a radio button per result)."""

    partij = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_partij(self):
        value = self.cleaned_data["partij"]
        if value is None:
            return None
        partij = partij_list().filter(uuid=value).first()
        if partij is None:
            raise forms.ValidationError(_("Deze klant bestaat niet meer; zoek opnieuw."))
        return partij


class PoststukForm(_PartijKeuze):
    afzender_naam = forms.CharField(
        label=_("Naam afzender (als de afzender niet gevonden is)"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs=_TEXTBOX),
    )
    afzender_adres = forms.CharField(
        label=_("Adres afzender"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )
    datum_ontvangen = forms.DateField(
        label=_("Datum ontvangen"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={**_TEXTBOX, "type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum van ontvangst in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        widget=forms.TextInput(attrs=_TEXTBOX),
        error_messages={"required": _("Vul het onderwerp van de brief in.")},
    )
    kenmerk_afzender = forms.CharField(
        label=_("Kenmerk afzender"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=_TEXTBOX),
    )
    scan = forms.FileField(
        label=_("Scan (PDF, JPEG of PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"class": "utrecht-textbox", "accept": "application/pdf,image/jpeg,image/png"}
        ),
        error_messages={"required": _("Voeg de scan van de brief toe.")},
    )


class RouteZaakForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=product_list().filter(zaaktype__isnull=False).order_by("naam"),
        to_field_name="uuid",
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": _("Kies een product.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )


class AfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Hoe is de brief beantwoord?"),
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
        error_messages={"required": _("Beschrijf hoe de brief is beantwoord.")},
    )


class WerkvoorraadForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting voor het KCC (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=_TEXTAREA),
    )


class BriefForm(_PartijKeuze):
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        widget=forms.TextInput(attrs=_TEXTBOX),
        error_messages={"required": _("Vul het onderwerp in.")},
    )
    tekst = forms.CharField(
        label=_("Tekst"),
        max_length=20_000,
        help_text=_("Begin met de aanhef; een witregel begint een nieuwe alinea."),
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 12}),
        error_messages={"required": _("Schrijf de tekst van de brief.")},
    )
