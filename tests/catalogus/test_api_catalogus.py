import pytest

from catalogus.models import Product
from kcc import roles
from kcc.models import AuditLogEntry
from tests.catalogus.factories import (
    KennisartikelFactory,
    ProductFactory,
    StatustypeFactory,
    ZaaktypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def redacteur_api(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(roles.REDACTEUR).user)
    return api_client


def test_staff_reads_products_with_filters_and_search(agent_api):
    ProductFactory(naam="Parkeervergunning", doelgroep=["burger", "bedrijf"])
    ProductFactory(naam="Kapvergunning", doelgroep=["burger"])
    response = agent_api.get("/api/v1/producten", {"q": "parkeervergunnig"})
    assert response.status_code == 200
    assert [p["naam"] for p in response.json()["results"]] == ["Parkeervergunning"]
    response = agent_api.get("/api/v1/producten", {"doelgroep": "bedrijf"})
    assert [p["naam"] for p in response.json()["results"]] == ["Parkeervergunning"]


def test_an_agent_cannot_write(agent_api):
    assert agent_api.post("/api/v1/producten", {"naam": "X"}).status_code == 403


def test_the_redacteur_creates_a_product_with_kosten_and_it_is_logged(redacteur_api):
    zaaktype = ZaaktypeFactory()
    response = redacteur_api.post(
        "/api/v1/producten",
        {
            "naam": "Hondenbelasting",
            "zaaktype": str(zaaktype.uuid),
            "knip": "frontoffice",
            "kosten": [{"bedrag": "120.00", "omschrijving": "Eerste hond"}],
            "beschrijving": "<p>Per hond<script>x</script></p>",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    product = Product.objects.get(uuid=response.json()["uuid"])
    assert product.zaaktype == zaaktype
    assert [(str(k.bedrag), k.omschrijving) for k in product.kosten.all()] == [
        ("120.00", "Eerste hond")
    ]
    assert product.beschrijving == "<p>Per hond</p>"
    assert AuditLogEntry.objects.filter(object_uuid=str(product.uuid), kanaal="api").exists()


def test_an_unknown_zaaktype_is_a_field_error(redacteur_api):
    response = redacteur_api.post(
        "/api/v1/producten",
        {"naam": "X", "zaaktype": "00000000-0000-0000-0000-000000000000"},
        format="json",
    )
    assert response.status_code == 400
    assert "Onbekend zaaktype" in response.json()["zaaktype"][0]


def test_zaaktypen_come_with_statustypen_and_the_end_status(agent_api):
    zaaktype = ZaaktypeFactory(identificatie="BZ-REIS")
    StatustypeFactory(zaaktype=zaaktype, volgnummer=1, omschrijving="Ontvangen")
    StatustypeFactory(zaaktype=zaaktype, volgnummer=2, omschrijving="Klaar", informeren=True)
    body = agent_api.get(f"/api/v1/zaaktypen/{zaaktype.uuid}").json()
    assert body["identificatie"] == "BZ-REIS"
    assert [
        (s["omschrijving"], s["informeren"], s["is_eindstatus"]) for s in body["statustypen"]
    ] == [
        ("Ontvangen", False, False),
        ("Klaar", True, True),
    ]


def test_kennisartikelen_filter_by_product_and_zoeken_searches_everything(agent_api):
    product = ProductFactory(naam="Paspoort")
    KennisartikelFactory(titel="Paspoort kwijt", producten=[product])
    KennisartikelFactory(titel="Koningsdag", type="nieuws")
    response = agent_api.get("/api/v1/kennisartikelen", {"product": str(product.uuid)})
    assert [a["titel"] for a in response.json()["results"]] == ["Paspoort kwijt"]
    hits = agent_api.get("/api/v1/zoeken", {"q": "paspoort"}).json()
    assert [(h["soort"], h["titel"]) for h in hits] == [
        ("product", "Paspoort"),
        ("vac", "Paspoort kwijt"),
    ]
    assert agent_api.get("/api/v1/zoeken").status_code == 400
