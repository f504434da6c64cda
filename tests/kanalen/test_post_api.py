"""The poststukken and uitgaande-brieven API: create with upload, list with filters,
detail, route, and a letter as PDF."""

import pytest
from django.utils import timezone

from kanalen.models import Poststuk
from kcc.roles import BACKOFFICE, KLANTCONTACTMEDEWERKER, POSTKAMER
from tests.contacts.factories import AdresFactory, PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory
from tests.kanalen.factories import scan_pdf, upload
from tests.zaken.factories import make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_api(api_client, make_medewerker):
    api_client.force_authenticate(make_medewerker(POSTKAMER).user)
    return api_client


def _create(api, *, headers=None, **fields):
    data = {
        "datum_ontvangen": timezone.localdate().isoformat(),
        "onderwerp": "Aanvraag dakkapel",
        "scan": upload(scan_pdf(pages=2), name="dakkapel.pdf"),
        **fields,
    }
    return api.post("/api/v1/poststukken", data, format="multipart", **(headers or {}))


def test_register_list_detail_and_route_as_zaak(post_api):
    klant = PersoonFactory()
    response = _create(post_api, partij=str(klant.uuid), kenmerk_afzender="K-1")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["poststuknummer"].startswith("POST-")
    assert body["partij"] == str(klant.uuid)
    assert body["status"] == "te_routeren"
    assert body["scan_formaat"] == "application/pdf"
    assert body["deadline"]

    _create(post_api, afzender_naam="Onbekend", onderwerp="Andere brief")
    listed = post_api.get("/api/v1/poststukken", {"partij": str(klant.uuid)}).json()
    assert listed["count"] == 1
    assert listed["results"][0]["uuid"] == body["uuid"]
    assert post_api.get("/api/v1/poststukken", {"status": "zaak"}).json()["count"] == 0

    detail = post_api.get(f"/api/v1/poststukken/{body['uuid']}")
    assert detail.json()["kenmerk_afzender"] == "K-1"
    scan = post_api.get(body["scan"])
    assert b"".join(scan.streaming_content).startswith(b"%PDF-")

    product = ProductFactory(zaaktype=make_zaaktype())
    routed = post_api.post(
        f"/api/v1/poststukken/{body['uuid']}/routeren",
        {"route": "zaak", "product": str(product.uuid)},
        format="json",
    )
    assert routed.status_code == 200, routed.json()
    zaak = Zaak.objects.get()
    assert routed.json()["zaak"] == str(zaak.uuid)
    assert routed.json()["status"] == "zaak"
    assert zaak.documenten.count() == 1


def test_bad_input_gives_400_per_field(post_api):
    response = _create(post_api, scan=upload(b"MZ\x90\x00" * 20, name="scan.pdf"))
    assert response.status_code == 400
    assert response.json() == {
        "afzender_naam": ["Kies een afzender of vul de naam van de afzender in."],
        "scan": [
            "Dit bestand is geen PDF of afbeelding (JPEG, PNG): gecontroleerd op de inhoud, "
            "niet op de naam."
        ],
    }
    assert not Poststuk.objects.exists()

    poststuk = _create(post_api, afzender_naam="Piet").json()
    response = post_api.post(
        f"/api/v1/poststukken/{poststuk['uuid']}/routeren", {"route": "contactverzoek"}
    )
    assert response.status_code == 400
    assert response.json() == {"afdeling": ["Kies een afdeling."]}


def test_agents_route_but_do_not_register_and_backoffice_sees_nothing(
    api_client, make_medewerker, post_api
):
    poststuk = _create(post_api, afzender_naam="Piet").json()
    api_client.force_authenticate(make_medewerker(KLANTCONTACTMEDEWERKER).user)
    assert _create(api_client, afzender_naam="Piet").status_code == 403
    response = api_client.post(
        f"/api/v1/poststukken/{poststuk['uuid']}/routeren",
        {"route": "contactverzoek", "afdeling": str(AfdelingFactory().uuid)},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "contactverzoek"
    api_client.force_authenticate(make_medewerker(BACKOFFICE).user)
    assert api_client.get("/api/v1/poststukken").status_code == 403


def test_an_outgoing_letter_through_the_api(agent_api):
    klant = PersoonFactory()
    AdresFactory(partij=klant)
    response = agent_api.post(
        "/api/v1/uitgaande-brieven",
        {"partij": str(klant.uuid), "onderwerp": "Uw vraag", "tekst": "Geachte heer, mevrouw,"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kenmerk"].startswith("BRIEF-")
    assert body["klantcontact"]
    pdf = agent_api.get(body["pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    listed = agent_api.get("/api/v1/uitgaande-brieven", {"partij": str(klant.uuid)}).json()
    assert listed["count"] == 1

    response = agent_api.post(
        "/api/v1/uitgaande-brieven",
        {"partij": str(PersoonFactory().uuid), "onderwerp": "X", "tekst": "Y"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"partij": ["Van deze klant is geen adres bekend."]}


def test_the_same_idempotency_key_registers_one_letter(post_api):
    headers = {"HTTP_IDEMPOTENCY_KEY": "scan-batch-7-brief-3"}
    first = _create(post_api, afzender_naam="Piet", headers=headers)
    again = _create(post_api, afzender_naam="Piet", headers=headers)
    assert first.status_code == 201
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["uuid"] == first.json()["uuid"]
    assert Poststuk.objects.count() == 1
