import pytest
from django.urls import reverse

from kcc import roles
from tests.catalogus.factories import KennisartikelFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_the_search_page_answers_a_full_page_and_an_htmx_partial(client, agent):
    ProductFactory(naam="Parkeervergunning", samenvatting="Parkeren in de wijk.")
    client.force_login(agent.user)
    url = reverse("catalogus:kennisbank")
    page = client.get(url, {"q": "parkeervergunnig"})
    assert page.status_code == 200
    assert b"autofocus" in page.content and b"Parkeervergunning" in page.content
    partial = client.get(url, {"q": "parkeervergunnig"}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"Parkeervergunning" in partial.content


def test_the_product_page_shows_knip_kosten_and_sanitised_text(client, agent):
    product = ProductFactory(
        naam="Paspoort",
        knip="frontoffice_neemt_in",
        knip_toelichting="Maak een afspraak.",
        servicenorm="Binnen 5 werkdagen klaar",
        beschrijving="<p>Tien jaar geldig<script>alert(1)</script></p>",
    )
    product.kosten.create(bedrag="71.50", omschrijving="Volwassene")
    client.force_login(agent.user)
    content = client.get(reverse("catalogus:product", kwargs={"uuid": product.uuid})).content
    text = content.decode()
    assert "Frontoffice neemt in, backoffice handelt af" in text
    assert "Maak een afspraak." in text and "Binnen 5 werkdagen klaar" in text
    assert "€ 71,50" in text
    assert "<script>alert" not in text


def test_article_page_and_permission(client, make_medewerker):
    artikel = KennisartikelFactory(titel="Paspoort kwijt", inhoud="<p>Doe aangifte.</p>")
    url = reverse("catalogus:kennisartikel", kwargs={"uuid": artikel.uuid})
    client.force_login(make_medewerker(roles.BACKOFFICE).user)
    assert "Doe aangifte." in client.get(url).content.decode()
    client.force_login(make_medewerker(roles.BEHEERDER).user)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_the_search_partial_takes_a_fixed_number_of_queries(
    client, agent, django_assert_max_num_queries
):
    """User, permissions, synonyms, one search per kind: not one query per hit."""
    for naam in ["Paspoort", "Zakenpaspoort", "Paspoort tweede", "Paspoort spoed"]:
        ProductFactory(naam=naam, samenvatting=f"{naam} aanvragen.")
        KennisartikelFactory(titel=f"{naam} kwijt, wat nu?", samenvatting="Doe aangifte.")
    client.force_login(agent.user)
    url = reverse("catalogus:kennisbank")
    with django_assert_max_num_queries(7):
        partial = client.get(url, {"q": "paspoort"}, headers={"HX-Request": "true"})
    assert partial.content.count(b'class="kb-result"') == 8
