from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Afhandeling
from contacts.selectors import partij_search_text, search_text_parse

_TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
_SELECT = {"class": "utrecht-select utrecht-select--html-select"}
_AREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}


class BalieKiesForm(forms.Form):
    balie = forms.ModelChoiceField(
        label=_("Uw balie"), queryset=None, empty_label=None, widget=forms.Select(attrs=_SELECT)
    )

    def __init__(self, *args, balies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["balie"].queryset = balies
        self.fields["balie"].label_from_instance = lambda b: (
            _("%(locatie)s, balie %(nummer)s")
            % {
                "locatie": b.locatie.naam,
                "nummer": b.nummer,
            }
        )


class AfrondenForm(forms.Form):
    # The server checks; a red empty box before anyone typed only distracts.
    use_required_attribute = False

    vraag = forms.CharField(
        label=_("Vraag van de klant"), widget=forms.Textarea(attrs=_AREA), max_length=2000
    )
    antwoord = forms.CharField(
        label=_("Antwoord of notitie"),
        required=False,
        widget=forms.Textarea(attrs=_AREA),
        max_length=4000,
    )
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=Afhandeling.choices,
        initial=Afhandeling.DIRECT_BEANTWOORD,
        widget=forms.Select(attrs=_SELECT),
    )
    klant = forms.CharField(
        label=_("Klant (optioneel)"),
        required=False,
        help_text=_("BSN, postcode + huisnummer, telefoonnummer of e-mailadres."),
        widget=forms.TextInput(attrs=_TEXT),
    )

    def clean_klant(self):
        text = self.cleaned_data["klant"].strip()
        if not text:
            return None
        if search_text_parse(text) is None:
            raise forms.ValidationError(_("Dit zoekgegeven wordt niet herkend."))
        found = list(partij_search_text(text)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                _("Geen klant gevonden.") if not found else _("Meer dan één klant gevonden.")
            )
        return found[0]


class DoorzettenForm(forms.Form):
    naar = forms.ChoiceField(label=_("Doorzetten naar"), widget=forms.Select(attrs=_SELECT))

    def __init__(self, *args, balies, productgroepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [
            (_("Balie"), [(f"balie:{b.uuid}", _("Balie %(n)s") % {"n": b.nummer}) for b in balies]),
            (_("Productgroep"), [(f"groep:{g.uuid}", str(g)) for g in productgroepen]),
        ]
