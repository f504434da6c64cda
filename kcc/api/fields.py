import uuid
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.utils.encoding import smart_str
from rest_framework import serializers


class CachedUuidRelatedField(serializers.SlugRelatedField):
    """A related object by its uuid, read through `lookup` instead of the ORM's get on
    the write paths every channel uses: a selector that keeps rarely-changing
    configuration per process (products, afdelingen; kcc/lookups.py), or one that
    reads with a fixed statement (partijen; kcc/statements.py).

    The queryset only describes the field (schema, browsable API); `lookup(uuid)`
    returns the object or raises the model's DoesNotExist."""

    def __init__(self, *, lookup: Callable[[uuid.UUID], object], queryset, **kwargs):
        self.lookup = lookup
        super().__init__(slug_field="uuid", queryset=queryset, **kwargs)

    def to_internal_value(self, data):
        try:
            key = uuid.UUID(str(data))
        except ValueError:
            self.fail("invalid")
        try:
            return self.lookup(key)
        except ObjectDoesNotExist:
            self.fail("does_not_exist", slug_name=self.slug_field, value=smart_str(data))
