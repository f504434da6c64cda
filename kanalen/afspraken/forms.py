from django import forms
from django.utils.translation import gettext_lazy as _

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}


class ContactgegevensForm(forms.Form):
    # The service checks; a red empty box before anyone typed only distracts.
    use_required_attribute = False

    naam = forms.CharField(
        label=_("Naam"),
        max_length=200,
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=320,
        help_text=_("Hierheen sturen wij de bevestiging met de afspraakcode."),
        widget=forms.EmailInput(attrs={**_TEXT, "autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Telefoonnummer (niet verplicht)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={**_TEXT, "autocomplete": "tel", "inputmode": "tel"}),
    )


class CheckInForm(forms.Form):
    use_required_attribute = False

    code = forms.CharField(
        label=_("Uw afspraakcode"),
        max_length=12,
        help_text=_("Deze staat in de bevestiging per e-mail, bijvoorbeeld K7M2QX."),
        widget=forms.TextInput(
            attrs={
                **_TEXT,
                "class": _TEXT["class"] + " kcc-kiosk__code",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
