"""The public product pages: published products only, what a citizen needs, no internal notes."""

import pytest
from django.urls import reverse

from catalogus.models import Publicatiestatus
from tests.catalogus.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_citizen_reads_a_published_product_without_logging_in(client):
    product = ProductFactory(
        naam="Paspoort",
        samenvatting="Een paspoort is 10 jaar geldig.",
        benodigde_documenten="Uw oude paspoort\nEen pasfoto",
        aanvraagkanalen=["balie"],
        afspraak_nodig=True,
        servicenorm="Binnen 5 werkdagen klaar",
        knip_toelichting="Intern: controleer de pasfoto streng.",
        beschrijving="<p>Geldig in de hele wereld<script>alert(1)</script></p>",
    )
    product.kosten.create(bedrag="84.50", omschrijving="18 jaar en ouder")

    page = client.get(reverse("producten:detail", kwargs={"uuid": product.uuid}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Een pasfoto" in text and "€ 84,50" in text and "Binnen 5 werkdagen klaar" in text
    assert "Aan de balie, op afspraak" in text
    assert "controleer de pasfoto" not in text
    assert "<script>alert" not in text


def test_a_concept_product_is_not_public(client):
    concept = ProductFactory(naam="Nog niet klaar", publicatiestatus=Publicatiestatus.CONCEPT)
    assert client.get(reverse("producten:detail", kwargs={"uuid": concept.uuid})).status_code == 404
    assert "Nog niet klaar" not in client.get(reverse("producten:lijst")).content.decode()


def test_the_list_searches_with_the_kennisbank_search(client):
    ProductFactory(naam="Parkeervergunning bewoners")
    ProductFactory(naam="Hondenbelasting")
    text = client.get(reverse("producten:lijst"), {"q": "parkeervergunnig"}).content.decode()
    assert "Parkeervergunning bewoners" in text and "Hondenbelasting" not in text
    alles = client.get(reverse("producten:lijst")).content.decode()
    assert alles.index("Hondenbelasting") < alles.index("Parkeervergunning bewoners")
