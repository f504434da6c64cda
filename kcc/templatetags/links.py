"""Links to an object's page by its uuid, in lists.

Django's reverse() checks every URL it builds against its pattern: ~90 µs a call on
the benchmark machine, 1.7 ms for the klantbeeld's 18 zaken (docs/benchmarks-notes.md).
A URL whose one argument is a uuid is the same text around the uuid every time, so
it is reversed once per view name (and URLconf and script prefix) and reused.
"""

import functools
import uuid

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_PLACEHOLDER = uuid.UUID(int=0)


@functools.cache
def _around_uuid(viewname: str, urlconf: str | None, prefix: str) -> tuple[str, str]:
    url = reverse(viewname, urlconf=urlconf, kwargs={"uuid": _PLACEHOLDER})
    before, after = url.split(str(_PLACEHOLDER))
    return before, after


@register.filter
def uuid_url(value: uuid.UUID | str, viewname: str) -> str:
    """`{{ zaak.uuid|uuid_url:"zaken:zaak" }}`: what `{% url viewname uuid=… %}` gives."""
    before, after = _around_uuid(viewname, get_urlconf(), get_script_prefix())
    return f"{before}{value}{after}"
