"""The registration form's widgets are rendered in Python for speed; their HTML is the
HTML Django's widget templates give."""

import datetime

import pytest
from django import forms

from contacts import forms as contact_forms

CASES = [
    (contact_forms.TextInput, forms.TextInput, {"maxlength": "200"}, 'Jan "& <Piet>'),
    (contact_forms.TextInput, forms.TextInput, {"required": True, "disabled": False}, None),
    (contact_forms.HiddenInput, forms.HiddenInput, {}, "0b0e0000-0000-4000-8000-00000000beef"),
    (
        contact_forms.DateTimeInput,
        forms.DateTimeInput,
        {"type": "datetime-local"},
        datetime.datetime(2026, 11, 27, 9, 30),
    ),
    (contact_forms.Textarea, forms.Textarea, {"rows": 2}, "Regel 1\n<b>regel</b> 2"),
    (contact_forms.Textarea, forms.Textarea, {"aria-describedby": "x-error"}, ""),
]


@pytest.mark.parametrize(("ours", "djangos", "attrs", "value"), CASES)
def test_inputs_render_as_django_does(ours, djangos, attrs, value):
    extra = {"id": "id_veld", "class": "utrecht-textbox"}
    kwargs = {"format": "%Y-%m-%dT%H:%M"} if djangos is forms.DateTimeInput else {}
    assert ours(attrs=attrs, **kwargs).render("veld", value, extra) == djangos(
        attrs=attrs, **kwargs
    ).render("veld", value, extra)


@pytest.mark.parametrize("value", [None, "", "balie", "<onbekend>"])
def test_select_renders_as_django_does(value):
    choices = [("", "— kies —"), ("telefoon", "Telefoon"), ("balie", "Balie & <loket>")]
    extra = {"id": "id_kanaal", "class": "utrecht-select", "required": True}
    assert contact_forms.Select(choices=choices).render("kanaal", value, extra) == forms.Select(
        choices=choices
    ).render("kanaal", value, extra)


@pytest.mark.parametrize("data", [None, {"vragen-TOTAL_FORMS": "2", "vragen-INITIAL_FORMS": "0"}])
def test_the_management_form_renders_as_djangos(data):
    formset = contact_forms.VraagFormSet(data, prefix="vragen", initial=[{}])
    djangos = forms.BaseFormSet.management_form.func(formset)  # Django's own, uncached
    assert "".join(str(field) for field in formset.management_form) == str(djangos)
