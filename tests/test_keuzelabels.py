"""get_<field>_display() gives the same labels as Django's own version (kcc.choices
keeps them per language instead of translating all choices on every call)."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from contacts.models import Klantcontact
from kcc import choices

FIELDS_WITH_CHOICES = [
    (model, field)
    for model in apps.get_models()
    for field in model._meta.fields
    if field.choices is not None
]


def test_every_field_with_choices_of_kcc_uses_the_kept_labels():
    ours = [
        (model, field)
        for model, field in FIELDS_WITH_CHOICES
        if model._meta.app_label in {"kcc", "contacts", "zaken", "catalogus", "kanalen"}
    ]
    assert len(ours) > 20
    for model, field in ours:
        method = model.__dict__[f"get_{field.name}_display"]
        assert isinstance(method, partialmethod) and method.func is choices._display, (
            model,
            field,
        )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_labels_are_djangos_for_every_value(language):
    with translation.override(language):
        for model, field in FIELDS_WITH_CHOICES:
            for value, _label in field.flatchoices:
                instance = model(**{field.attname: value})
                assert getattr(instance, f"get_{field.name}_display")() == (
                    Model._get_FIELD_display(instance, field)
                ), (model, field, value)


def test_a_value_outside_the_choices_is_shown_as_it_is():
    contact = Klantcontact(kanaal="duifpost")
    assert contact.get_kanaal_display() == "duifpost"
    assert Klantcontact(kanaal=None).get_kanaal_display() is None
