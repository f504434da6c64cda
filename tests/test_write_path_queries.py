"""Round trips of the two write paths with throughput targets (issues 4 and 5), as a
running server makes them: caches warm after the first request, committed data.
A query added to either path shows here."""

import pytest

from contacts.models import Kanaal
from tests.contacts.factories import ProductFactory
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_initiator, make_zaaktype

pytestmark = pytest.mark.django_db(transaction=True)


def _vragen(product, afdeling, *, contactverzoek: bool) -> list[dict]:
    vragen = [
        {
            "product": str(product.uuid),
            "vraag": "Hoe lang duurt de aanvraag?",
            "antwoord": "Ongeveer een week.",
            "afhandeling": "direct_beantwoord",
        }
    ]
    if contactverzoek:
        vragen.append(
            {
                "product": str(product.uuid),
                "vraag": "Kunt u mij terugbellen?",
                "afhandeling": "terugbelverzoek",
                "contactverzoek": {
                    "afdeling": str(afdeling.uuid),
                    "gevraagde_handeling": "Klant terugbellen",
                    "terugbelnummer": "06 12345678",
                },
            }
        )
    return vragen


# BEGIN and COMMIT count; the satisfaction survey's e-mail is part of the path.
@pytest.mark.parametrize(("contactverzoek", "bound"), [(False, 13), (True, 15)])
def test_registering_a_klantcontact(
    agent_api, django_assert_max_num_queries, contactverzoek, bound
):
    product, afdeling = ProductFactory(), AfdelingFactory()

    def post(key: str, partij):
        body = {
            "partij": str(partij.uuid),
            "kanaal": Kanaal.TELEFOON,
            "vragen": _vragen(product, afdeling, contactverzoek=contactverzoek),
        }
        response = agent_api.post(
            "/api/v1/klantcontacten", body, format="json", HTTP_IDEMPOTENCY_KEY=key
        )
        assert response.status_code == 201, response.content[:500]

    post("warm", make_initiator())
    partij = make_initiator()
    with django_assert_max_num_queries(bound):
        post("measured", partij)


def test_a_zaak_intake(agent_api, django_assert_max_num_queries):
    zaaktype = make_zaaktype()
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )

    def post(key: str, initiator):
        body = {
            "product": str(product.uuid),
            "initiator": str(initiator.uuid),
            "communicatiekanaal": Kanaal.WEBFORMULIER,
        }
        response = agent_api.post("/api/v1/zaken", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
        assert response.status_code == 201, response.content[:500]

    post("warm", make_initiator())
    initiator = make_initiator()
    with django_assert_max_num_queries(11):
        post("measured", initiator)
