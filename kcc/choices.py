"""The labels behind `get_<field>_display()`, translated once per language.

Django's own version builds a dict of all a field's choices on every call and hashes
each lazy label, which translates it: the klantbeeld's history of ten rows spent a
third of its rendering there (two labels per row, each translating all of a field's
choices). The labels are the same on every call in a language, so they are kept.
"""

from functools import cache, partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def _labels(field, language: str | None) -> dict:
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


def _display(self, field):
    value = getattr(self, field.attname)
    label = _labels(field, get_language()).get(make_hashable(value))
    return force_str(value, strings_only=True) if label is None else label


def _is_djangos_display(method) -> bool:
    return isinstance(method, partialmethod) and method.func is Model._get_FIELD_display


def install() -> None:
    """Give every model field with choices the kept labels, where the model uses
    Django's get_<field>_display (one it defines itself is left alone)."""
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            if field.choices is not None and _is_djangos_display(model.__dict__.get(name)):
                setattr(model, name, partialmethod(_display, field=field))
