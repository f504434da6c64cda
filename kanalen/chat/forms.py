from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Afhandeling
from kanalen.chat.services import MAX_TEKST
from kanalen.forms import PublicForm
from kcc.selectors import medewerker_list

_TEXTAREA = {"class": "utrecht-textarea", "rows": 3}
_TEXTBOX = {"class": "utrecht-textbox"}
_SELECT = {"class": "utrecht-select"}


class ChatStartForm(PublicForm):
    """The public chat start: the web forms' honeypot and minimum fill time."""

    naam = forms.CharField(
        label=_("Uw naam (niet verplicht)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**_TEXTBOX, "autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        max_length=320,
        widget=forms.EmailInput(attrs={**_TEXTBOX, "autocomplete": "email"}),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    vraag = forms.CharField(
        label=_("Uw vraag"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs=_TEXTAREA),
        error_messages={"required": _("Typ uw vraag.")},
    )


class BerichtForm(forms.Form):
    tekst = forms.CharField(
        label=_("Bericht"),
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={**_TEXTAREA, "rows": 2}),
        error_messages={"required": _("Typ een bericht.")},
    )


class DoorverbindenForm(forms.Form):
    naar = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=medewerker_list().none(),
        widget=forms.Select(attrs=_SELECT),
        error_messages={"required": _("Kies een collega.")},
    )

    def __init__(self, *args, medewerker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].queryset = (
            medewerker_list()
            .filter(user__is_active=True)
            .filter(user__groups__permissions__codename="use_klantcontact")
            .exclude(pk=getattr(medewerker, "pk", None))
            .distinct()
        )
        self.fields["naar"].label_from_instance = lambda m: m.user.get_full_name() or str(m)


class BeeindigenForm(forms.Form):
    onderwerp = forms.CharField(
        label=_("Onderwerp"), max_length=200, widget=forms.TextInput(attrs=_TEXTBOX)
    )
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=Afhandeling.choices,
        initial=Afhandeling.DIRECT_BEANTWOORD,
        widget=forms.Select(attrs=_SELECT),
    )
    partij = forms.UUIDField(required=False, widget=forms.HiddenInput)
