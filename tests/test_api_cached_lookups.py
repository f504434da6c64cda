"""Registration and intake read the products and afdelingen they name from the
per-process cache (kcc/lookups.py): no query for a known one, a change is seen by
the next request, and an unknown or malformed uuid is still a field error."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogus.models import Product
from contacts.models import Klantcontact
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaaktype

# Committed for real: a change only reaches the cache through its on-commit hook.
pytestmark = pytest.mark.django_db(transaction=True)


def _registratie(product, afdeling=None) -> dict:
    vraag = {
        "product": str(product.uuid),
        "vraag": "Hoe lang duurt het?",
        "afhandeling": "direct_beantwoord",
    }
    if afdeling is not None:
        vraag["afhandeling"] = "terugbelverzoek"
        vraag["contactverzoek"] = {
            "gevraagde_handeling": "Terugbellen",
            "afdeling": str(afdeling.uuid),
        }
    return {"partij": str(PersoonFactory().uuid), "kanaal": "telefoon", "vragen": [vraag]}


def _queries_on(table: str, queries) -> int:
    return sum(f'FROM "{table}"' in query["sql"] for query in queries)


def test_a_second_registration_reads_product_and_afdeling_from_the_cache(agent_api):
    product, afdeling = ProductFactory(), AfdelingFactory()
    first = agent_api.post("/api/v1/klantcontacten", _registratie(product, afdeling))
    assert first.status_code == 201, first.json()

    with CaptureQueriesContext(connection) as queries:
        second = agent_api.post("/api/v1/klantcontacten", _registratie(product, afdeling))

    assert second.status_code == 201, second.json()
    assert _queries_on("catalogus_product", queries) == 0
    assert _queries_on("kcc_afdeling", queries) == 0
    assert Klantcontact.objects.filter(vragen__product=product).count() == 2


def test_a_renamed_product_is_seen_by_the_next_registration(agent_api):
    product = ProductFactory(naam="Paspoort")
    agent_api.post("/api/v1/klantcontacten", _registratie(product))

    product.naam = "Paspoort aanvragen"
    product.save()
    response = agent_api.post("/api/v1/klantcontacten", _registratie(product))

    assert response.json()["vragen"][0]["onderwerp"] == "Paspoort aanvragen"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (str(uuid.uuid4()), "bestaat niet"),
        ("geen-uuid", "Ongeldige waarde."),
    ],
)
def test_an_unknown_or_malformed_product_is_a_field_error(agent_api, value, message):
    body = _registratie(ProductFactory())
    body["vragen"][0]["product"] = value

    response = agent_api.post("/api/v1/klantcontacten", body, format="json")

    assert response.status_code == 400
    assert message in response.json()["vragen"]["0"]["product"][0]
    assert not Klantcontact.objects.exists()


def test_intake_sees_a_product_moved_to_another_afdeling(agent_api):
    product = ProductFactory(zaaktype=make_zaaktype())
    body = {"product": str(product.uuid), "communicatiekanaal": "telefoon"}
    assert agent_api.post("/api/v1/zaken", body, format="json").status_code == 201

    product.behandelende_afdeling = AfdelingFactory(naam="Vergunningen")
    product.save()
    response = agent_api.post("/api/v1/zaken", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["behandelende_afdeling"] == product.behandelende_afdeling.code


def test_a_product_made_elsewhere_since_the_products_were_read_is_found(agent_api):
    """All products are read at once; one made since without this process hearing
    of it (bulk_create sends no signal, as a save in another process within the last
    second) is read on its own."""
    known = ProductFactory()
    assert agent_api.post("/api/v1/klantcontacten", _registratie(known)).status_code == 201
    nieuw = ProductFactory.build(
        naam="Parkeervergunning bezoekers", behandelende_afdeling=known.behandelende_afdeling
    )
    Product.objects.bulk_create([nieuw])

    response = agent_api.post("/api/v1/klantcontacten", _registratie(nieuw), format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["vragen"][0]["onderwerp"] == "Parkeervergunning bezoekers"
