"""The klantbeeld's "+ vraag" template: the empty question, made once per process and
language, as the page rendered it before."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from contacts.forms import VraagFormSet, vraag_template
from tests.contacts.factories import PersoonFactory

pytestmark = pytest.mark.django_db


def _template_on(client, partij) -> str:
    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}))
    found = re.search(
        r'<template id="vraag-template">(.*?)</template>', page.content.decode(), re.S
    )
    return found.group(1)


def test_the_page_holds_the_empty_question(client, agent):
    client.force_login(agent.user)
    expected = render_to_string(
        "contacts/partials/vraag.html",
        {"vraag_form": VraagFormSet(prefix="vragen").empty_form, "nummer": ""},
    )

    html = _template_on(client, PersoonFactory())

    assert html == expected
    assert 'name="vragen-__prefix__-vraag"' in html
    # The long lists come from the first question in the browser (klantcontact.js).
    assert re.search(
        r'<select name="vragen-__prefix__-product"[^>]*>\s*<option value="" selected>', html
    )


def test_every_page_gets_the_same(client, agent):
    client.force_login(agent.user)

    assert _template_on(client, PersoonFactory()) == _template_on(client, PersoonFactory())


def test_made_once_per_language():
    with translation.override("nl"):
        dutch = vraag_template()
        assert vraag_template() is dutch
    with translation.override("en"):
        english = vraag_template()

    assert english is not dutch
    assert "Vraag" in dutch
