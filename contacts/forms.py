"""Forms of the klantcontact screen; they parse input, the services check the rest."""

import functools
from functools import cached_property

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from catalogus import selectors as catalogus_selectors
from catalogus.models import Product
from contacts.models import Afhandeling, Kanaal
from contacts.services import ContactverzoekData, VraagData
from kcc import lookups
from kcc.models import Afdeling


class _RenderedInPython:
    """The HTML of Django's widget templates, made in Python: the registration form
    renders some 25 widgets on every klantbeeld, and their templates (an include for
    the attributes of every widget and every option) were a quarter of the page's
    rendering (profile on the benchmark city)."""

    def render(self, name, value, attrs=None, renderer=None):
        return self.html(self.get_context(name, value, attrs)["widget"])


def _attrs_html(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in the given order, True as a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _input_html(widget: dict) -> str:
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attrs_html(widget["attrs"]),
    )


class TextInput(_RenderedInPython, forms.TextInput):
    html = staticmethod(_input_html)


class HiddenInput(_RenderedInPython, forms.HiddenInput):
    html = staticmethod(_input_html)


class DateTimeInput(_RenderedInPython, forms.DateTimeInput):
    html = staticmethod(_input_html)


class Textarea(_RenderedInPython, forms.Textarea):
    @staticmethod
    def html(widget: dict) -> str:
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            _attrs_html(widget["attrs"]),
            widget["value"] or "",
        )


class Select(_RenderedInPython, forms.Select):
    """A short select without option groups."""

    @staticmethod
    def html(widget: dict) -> str:
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (option["value"], _attrs_html(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attrs_html(widget["attrs"]),
            options,
        )


class ProductSelect(forms.Select):
    """The product select (hundreds of options) on every klantbeeld. Django renders each
    option with a template of its own, which made the page miss its 50 ms target; here
    the options' HTML is made once per product list (kept per process by
    catalogus.selectors.product_keuzes) and the chosen one is marked in a copy."""

    _rendered: tuple[tuple, str] = ((), "")

    def render(self, name, value, attrs=None, renderer=None):
        keuzes = self.choices.keuzes()
        if keuzes and ProductSelect._rendered[0] is not keuzes:
            html = format_html_join("", '<option value="{}">{}</option>', keuzes)
            ProductSelect._rendered = (keuzes, html)
        options = ProductSelect._rendered[1] if keuzes else ""
        chosen = "" if value is None else str(value)
        if chosen:
            option = format_html('<option value="{}">', chosen)
            options = mark_safe(options.replace(option, option[:-1] + " selected>", 1))  # noqa: S308 - both parts escaped above
        empty = format_html(
            '<option value=""{}>{}</option>',
            "" if chosen else " selected",
            self.choices.field.empty_label,
        )
        return format_html(
            '<select name="{}"{}>{}{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            empty,
            options,
        )


class _ProductKeuzes(forms.models.ModelChoiceIterator):
    """(uuid, naam) from the per-process product list, no model instance per option;
    none for the "+ vraag" template, whose queryset is empty."""

    def keuzes(self) -> tuple[tuple[str, str], ...]:
        if self.queryset.query.is_empty():
            return ()
        return catalogus_selectors.product_keuzes()

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.keuzes()

    def __len__(self):
        return len(self.keuzes()) + (self.field.empty_label is not None)


class _ProductChoiceField(forms.ModelChoiceField):
    iterator = _ProductKeuzes


class _ActieveAfdelingen(forms.models.ModelChoiceIterator):
    """The active afdelingen in one plain query (Django's iterator opens a server-side
    cursor: three round trips), kept per process by kcc.lookups (which watches
    Afdeling): the callback form on every klantbeeld read them each time."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for afdeling in lookups.cached("afdelingen-actief", None, lambda: list(self.queryset)):
            yield self.choice(afdeling)


class _AfdelingChoiceField(forms.ModelChoiceField):
    iterator = _ActieveAfdelingen


class _UtrechtForm(forms.Form):
    """Puts the NL Design System classes on the widgets; Django itself links a field to
    its error (aria-describedby="<id>_error", the id the field partial gives it)."""

    _CLASSES = {
        Select: "utrecht-select utrecht-select--html-select",
        ProductSelect: "utrecht-select utrecht-select--html-select",
        Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = self._CLASSES.get(
                type(field.widget), "utrecht-textbox utrecht-textbox--html-input"
            )
            field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " utrecht-textbox--invalid"


class ZoekForm(_UtrechtForm):
    q = forms.CharField(
        label=_("Zoek klant"),
        required=False,
        help_text=_(
            "BSN, KvK-nummer, postcode + huisnummer, telefoonnummer, e-mailadres of "
            "achternaam (eventueel met geboortedatum dd-mm-jjjj)."
        ),
    )


class KlantcontactForm(_UtrechtForm):
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), choices=Kanaal.choices, initial=Kanaal.TELEFOON, widget=Select
    )
    # Rendered with the form: posting the same form twice registers one contact.
    formulier_id = forms.UUIDField(widget=HiddenInput)


class VraagForm(_UtrechtForm):
    product = _ProductChoiceField(
        label=_("Product"),
        # Only what the option shows: the search columns are large.
        queryset=Product.objects.only("uuid", "naam", "behandelende_afdeling"),
        required=False,
        empty_label=_("— geen product —"),
        to_field_name="uuid",
        widget=ProductSelect,
    )
    onderwerp = forms.CharField(
        label=_("Onderwerp (als er geen product is)"),
        max_length=200,
        required=False,
        widget=TextInput,
    )
    vraag = forms.CharField(label=_("Vraag"), widget=Textarea(attrs={"rows": 2}))
    antwoord = forms.CharField(
        label=_("Antwoord of notitie"), required=False, widget=Textarea(attrs={"rows": 2})
    )
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=Afhandeling.choices,
        initial=Afhandeling.DIRECT_BEANTWOORD,
        widget=Select,
    )
    cv_afdeling = _AfdelingChoiceField(
        label=_("Afdeling"),
        queryset=Afdeling.objects.filter(actief=True),
        required=False,
        empty_label=_("— afdeling van het product —"),
        to_field_name="code",
        widget=Select,
    )
    cv_gevraagde_handeling = forms.CharField(
        label=_("Gevraagde handeling"),
        max_length=200,
        required=False,
        initial=_("Klant terugbellen"),
        widget=TextInput,
    )
    cv_toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=Textarea(attrs={"rows": 2})
    )
    cv_terugbelnummer = forms.CharField(
        label=_("Terugbelnummer"), max_length=30, required=False, widget=TextInput
    )
    cv_deadline = forms.DateTimeField(
        label=_("Deadline (leeg: 1 werkdag)"),
        required=False,
        widget=DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )

    # Service error keys (after "vragen.<n>.") → form fields.
    SERVICE_FIELDS = {
        "contactverzoek.afdeling": "cv_afdeling",
        "afdeling": "cv_afdeling",
        "contactverzoek.gevraagde_handeling": "cv_gevraagde_handeling",
        "contactverzoek.terugbelnummer": "cv_terugbelnummer",
        "contactverzoek.email": "cv_afdeling",
        "contactverzoek.deadline": "cv_deadline",
    }

    def vraag_data(self) -> VraagData:
        data = self.cleaned_data
        contactverzoek = None
        if data["afhandeling"] == Afhandeling.TERUGBELVERZOEK:
            contactverzoek = ContactverzoekData(
                gevraagde_handeling=data.get("cv_gevraagde_handeling") or "",
                afdeling=data.get("cv_afdeling"),
                toelichting=data.get("cv_toelichting") or "",
                terugbelnummer=data.get("cv_terugbelnummer") or "",
                deadline=data.get("cv_deadline"),
            )
        return VraagData(
            product=data.get("product"),
            onderwerp=data.get("onderwerp") or "",
            vraag=data["vraag"],
            antwoord=data.get("antwoord") or "",
            afhandeling=data["afhandeling"],
            contactverzoek=contactverzoek,
        )


class _VraagFormSet(forms.BaseFormSet):
    @property
    def empty_form(self):
        """The "+ vraag" template. Its product and afdeling lists stay empty: the browser
        copies them from the first question (klantcontact.js), so the page renders the
        ~500 products once and asks the database for them once."""
        form = super().empty_form
        form.fields["product"].queryset = Product.objects.none()
        form.fields["cv_afdeling"].queryset = Afdeling.objects.none()
        return form

    @cached_property
    def management_form(self):
        """Django's, with its four hidden inputs rendered in Python like the questions'
        widgets; the page shows them one by one (`{% for field in … %}`), without the
        form template that took 2 ms of the klantbeeld at the benchmark metro."""
        form = super().management_form
        for field in form.fields.values():
            field.widget = HiddenInput()
        return form


VraagFormSet = forms.formset_factory(
    VraagForm,
    formset=_VraagFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


@functools.cache
def _vraag_template(language: str | None) -> str:
    with translation.override(language):
        return render_to_string(
            "contacts/partials/vraag.html",
            {"vraag_form": VraagFormSet(prefix="vragen").empty_form, "nummer": ""},
        )


def vraag_template() -> str:
    """The HTML of the "+ vraag" template (the empty question, its lists empty): the
    same on every klantbeeld in a language, so made once per process. Rendering it
    was a sixth of the klantbeeld's template."""
    return _vraag_template(translation.get_language())


def concept_forms(*, gegevens: dict[str, list[str]], formulier_id) -> tuple:
    """The registration forms as the agent left them (a KlantcontactConcept), unbound so
    that an unfinished contact shows no errors."""

    def value(key: str):
        values = gegevens.get(key)
        return values[0] if values else None

    form = KlantcontactForm(
        initial={"kanaal": value("kanaal") or Kanaal.TELEFOON, "formulier_id": formulier_id}
    )
    try:
        total = min(max(int(value("vragen-TOTAL_FORMS") or 1), 1), VraagFormSet.max_num)
    except ValueError:
        total = 1
    initial = [
        {
            name: value(f"vragen-{index}-{name}")
            for name in VraagForm.base_fields
            if f"vragen-{index}-{name}" in gegevens
        }
        for index in range(total)
    ]
    return form, VraagFormSet(prefix="vragen", initial=initial)


SCORES = [
    (1, _("1 – zeer ontevreden")),
    (2, _("2 – ontevreden")),
    (3, _("3 – neutraal")),
    (4, _("4 – tevreden")),
    (5, _("5 – zeer tevreden")),
]


class TevredenheidForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u over dit contact?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer van 1 tot en met 5.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(
            attrs={"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
        ),
        help_text=_("Wat ging goed, wat kan beter?"),
    )
