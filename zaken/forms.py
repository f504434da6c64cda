"""Forms of the zaak screens; they parse input, the services check the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kcc.models import Medewerker


class _UtrechtForm(forms.Form):
    """NL Design System classes on the widgets; Django links errors to their field.

    No `required` attribute: the browser would style every empty required field of
    the action panel as invalid before anyone typed; aria-required says it instead.
    """

    use_required_attribute = False

    _CLASSES = {
        forms.Select: "utrecht-select utrecht-select--html-select",
        forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
        forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = self._CLASSES.get(
                type(field.widget), "utrecht-textbox utrecht-textbox--html-input"
            )
            field.widget.attrs.setdefault("class", css)
            if field.required:
                field.widget.attrs["aria-required"] = "true"


class StatusForm(_UtrechtForm):
    statustype = forms.ModelChoiceField(
        label=_("Nieuwe status"),
        queryset=None,
        to_field_name="uuid",
        empty_label=_("— kies een status —"),
    )
    statustoelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    resultaattype = forms.ModelChoiceField(
        label=_("Resultaat (verplicht bij de eindstatus)"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("— geen —"),
    )

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        huidig = zaak.status.statustype.volgnummer if zaak.status else 0
        self.fields["statustype"].queryset = zaak.zaaktype.statustypen.filter(
            volgnummer__gt=huidig
        ).order_by("volgnummer")
        self.fields["resultaattype"].queryset = zaak.zaaktype.resultaattypen.all()


class OpschortenForm(_UtrechtForm):
    reden = forms.CharField(label=_("Reden van opschorting"), max_length=200)


class VerlengenForm(_UtrechtForm):
    reden = forms.CharField(label=_("Reden van verlenging"), max_length=200)
    duur = forms.IntegerField(label=_("Verlengen met (dagen)"), min_value=1)


class NotitieForm(_UtrechtForm):
    tekst = forms.CharField(
        label=_("Tekst van de notitie"), widget=forms.Textarea(attrs={"rows": 3})
    )


class TerugForm(_UtrechtForm):
    notitie = forms.CharField(
        label=_("Waarom gaat de zaak terug naar het KCC?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DocumentForm(_UtrechtForm):
    bestand = forms.FileField(label=_("Bestand (PDF, JPEG, PNG, DOCX of ODT)"))
    titel = forms.CharField(label=_("Titel"), max_length=200, required=False)


class ToewijzenForm(_UtrechtForm):
    behandelaar = forms.ModelChoiceField(
        label=_("Toewijzen aan"),
        queryset=None,
        to_field_name="uuid",
        empty_label=_("— kies een medewerker —"),
    )

    def __init__(self, *args, zaak, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = (
            Medewerker.objects.filter(afdeling_id=zaak.behandelende_afdeling_id)
            .select_related("user")
            .order_by("user__last_name", "user__first_name")
        )
