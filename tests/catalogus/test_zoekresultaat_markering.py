"""Search results mark the words of the question (stem, accents, typos, synonyms)."""

import pytest
from django.urls import reverse

from catalogus.highlight import highlight
from tests.catalogus.factories import ProductFactory


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        (
            "Parkeervergunning",
            ["parkeervergunnig"],
            '<mark class="kb-mark">Parkeervergunning</mark>',
        ),
        (
            "Verhuismelding doorgeven",
            ["verhuizen"],
            '<mark class="kb-mark">Verhuismelding</mark> doorgeven',
        ),
        ("Café-vergunning", ["cafe"], '<mark class="kb-mark">Café</mark>-vergunning'),
        (
            "Huwelijk of partnerschap",
            ["trouwen", "huwelijk"],
            '<mark class="kb-mark">Huwelijk</mark> of partnerschap',
        ),
        (
            "Het paspoort van een kind",
            ["het paspoort"],
            'Het <mark class="kb-mark">paspoort</mark> van een kind',
        ),
        (
            "<b>Paspoort</b>",
            ["paspoort"],
            '&lt;b&gt;<mark class="kb-mark">Paspoort</mark>&lt;/b&gt;',
        ),
        ("Niets te zien", ["paspoort"], "Niets te zien"),
        ("Rijbewijs", [], "Rijbewijs"),
    ],
)
def test_highlight(text, terms, expected):
    assert highlight(text, terms) == expected


@pytest.mark.django_db
def test_the_result_list_marks_the_question_and_its_synonym(client, agent):
    ProductFactory(naam="Huwelijk", samenvatting="Trouwen of een geregistreerd partnerschap.")
    client.force_login(agent.user)
    page = client.get(reverse("catalogus:kennisbank"), {"q": "trouwen"}).content.decode()
    assert '<mark class="kb-mark">Huwelijk</mark>' in page
    assert '<mark class="kb-mark">Trouwen</mark> of een' in page
