"""The uuid_url filter gives what {% url %} gives, reversed once per view name."""

import uuid

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

from kcc.templatetags.links import uuid_url

VIEWS = ["zaken:zaak", "contacts:klantbeeld", "contacts:contactverzoek-oppakken"]


@pytest.mark.parametrize("viewname", VIEWS)
def test_the_same_url_as_reverse(viewname):
    for value in (uuid.uuid4(), uuid.uuid4()):
        assert uuid_url(value, viewname) == reverse(viewname, kwargs={"uuid": value})


def test_in_a_template():
    value = uuid.uuid4()
    template = engines["django"].from_string("{% load links %}{{ u|uuid_url:'zaken:zaak' }}")
    assert template.render({"u": value}) == reverse("zaken:zaak", kwargs={"uuid": value})


def test_a_script_prefix_is_kept():
    value = uuid.uuid4()
    set_script_prefix("/kcc/")
    try:
        assert uuid_url(value, "zaken:zaak") == f"/kcc/zaken/{value}/"
        assert uuid_url(value, "zaken:zaak") == reverse("zaken:zaak", kwargs={"uuid": value})
    finally:
        set_script_prefix("/")
