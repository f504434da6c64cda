"""Stored rich text never runs: whatever way a <script> or onerror= gets in (API,
admin or import through the model, a queryset update past it), the page shows it harmless."""

import pytest

from catalogus.models import Kennisartikel, Product
from kcc import roles
from tests.catalogus.factories import KennisartikelFactory, ProductFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Neem uw <strong>paspoort</strong> mee.</p>"
    "<script>alert('xss-script')</script>"
    '<img src="x" onerror="alert(\'xss-onerror\')">'
    "<a href=\"javascript:alert('xss-href')\">klik</a>"
    "<svg onload=\"alert('xss-svg')\"></svg>"
)


def assert_harmless(html: str) -> None:
    assert "Neem uw <strong>paspoort</strong> mee." in html
    for marker in ("xss-script", "xss-onerror", "xss-href", "xss-svg"):
        assert marker not in html, marker
    assert "onerror" not in html and "javascript:" not in html


@pytest.fixture
def redacteur(make_medewerker):
    return make_medewerker(roles.REDACTEUR)


def test_product_beschrijving_through_the_api_is_cleaned_and_renders_harmless(
    api_client, client, redacteur
):
    api_client.force_authenticate(redacteur.user)
    response = api_client.post(
        "/api/v1/producten", {"naam": "Paspoort", "beschrijving": HOSTILE}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert_harmless(response.json()["beschrijving"])
    product = Product.objects.get(uuid=response.json()["uuid"])
    assert_harmless(product.beschrijving)
    client.force_login(redacteur.user)
    assert_harmless(client.get(f"/kennisbank/producten/{product.uuid}/").content.decode())


def test_kennisartikel_inhoud_through_the_api_is_cleaned(api_client, redacteur):
    api_client.force_authenticate(redacteur.user)
    response = api_client.post(
        "/api/v1/kennisartikelen",
        {"titel": "Paspoort kwijt", "type": "werkinstructie", "inhoud": HOSTILE},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert_harmless(Kennisartikel.objects.get(uuid=response.json()["uuid"]).inhoud)


def test_rich_text_written_past_the_model_field_still_renders_harmless(client, redacteur):
    product = ProductFactory()
    artikel = KennisartikelFactory()
    Product.objects.filter(pk=product.pk).update(beschrijving=HOSTILE)
    Kennisartikel.objects.filter(pk=artikel.pk).update(inhoud=HOSTILE)
    client.force_login(redacteur.user)
    assert_harmless(client.get(f"/kennisbank/producten/{product.uuid}/").content.decode())
    assert_harmless(client.get(f"/kennisbank/artikelen/{artikel.uuid}/").content.decode())
    client.logout()
    public = client.get(f"/producten/{product.uuid}/")
    assert public.status_code == 200
    assert_harmless(public.content.decode())


def test_every_save_cleans_rich_text_admin_and_imports_included():
    product = ProductFactory()
    artikel = KennisartikelFactory()
    product.beschrijving = HOSTILE
    product.save()
    artikel.inhoud = HOSTILE
    artikel.save()
    product.refresh_from_db()
    artikel.refresh_from_db()
    assert_harmless(product.beschrijving)
    assert_harmless(artikel.inhoud)
