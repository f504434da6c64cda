import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contacts.models import Kanaal
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import ProductFactory
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def backoffice(make_medewerker, api_client):
    medewerker = make_medewerker(roles.BACKOFFICE)
    api_client.force_authenticate(medewerker.user)
    api_client.medewerker = medewerker
    return api_client


def test_intake_through_the_api_is_idempotent(agent_api):
    zaaktype = make_zaaktype()
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )
    body = {
        "product": str(product.uuid),
        "initiator": str(make_initiator().uuid),
        "communicatiekanaal": Kanaal.WEBFORMULIER,
        "toelichting": "Via het webformulier",
    }
    first = agent_api.post("/api/v1/zaken", body, HTTP_IDEMPOTENCY_KEY="web-123")
    again = agent_api.post("/api/v1/zaken", body, HTTP_IDEMPOTENCY_KEY="web-123")

    assert first.status_code == 201, first.json()
    assert again.json()["uuid"] == first.json()["uuid"]
    assert Zaak.objects.count() == 1
    assert first.json()["status"]["volgnummer"] == 1
    assert first.json()["behandelende_afdeling"] == zaaktype.behandelende_afdeling.code


def test_werkvoorraad_list_is_the_afdelings_open_zaken_by_deadline(backoffice):
    zaaktype = make_zaaktype(afdeling=backoffice.medewerker.afdeling)
    late = make_zaak(
        zaaktype=make_zaaktype(afdeling=backoffice.medewerker.afdeling, doorlooptijd=2)
    )
    early = make_zaak(zaaktype=zaaktype)
    make_zaak()  # another afdeling

    response = backoffice.get("/api/v1/zaken")

    assert response.status_code == 200
    assert [z["uuid"] for z in response.json()["results"]] == [str(late.uuid), str(early.uuid)]
    mine = backoffice.get("/api/v1/zaken", {"alleen_mij": "true"})
    assert mine.json()["count"] == 0


def test_detail_is_audit_logged(backoffice):
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=backoffice.medewerker.afdeling))
    response = backoffice.get(f"/api/v1/zaken/{zaak.uuid}")
    assert response.json()["identificatie"] == zaak.identificatie
    assert AuditLogEntry.objects.filter(
        object_type="zaak", object_uuid=str(zaak.uuid), actie="view"
    ).exists()


def test_confidential_zaak_of_another_afdeling_shows_existence_and_customer_status(agent_api):
    zaak = make_zaak(zaaktype=make_zaaktype(vertrouwelijkheidaanduiding="vertrouwelijk"))
    response = agent_api.get(f"/api/v1/zaken/{zaak.uuid}")
    assert response.json() == {
        "uuid": str(zaak.uuid),
        "identificatie": zaak.identificatie,
        "klantstatus": "Wij hebben uw aanvraag ontvangen.",
        "vertrouwelijk": True,
    }
    assert agent_api.get(f"/api/v1/zaken/{zaak.uuid}/statussen").status_code == 403


def test_status_out_of_order_and_close_without_resultaat_give_400(backoffice):
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=backoffice.medewerker.afdeling))
    eerste = zaak.zaaktype.statustypen.get(volgnummer=1)
    response = backoffice.post(
        f"/api/v1/zaken/{zaak.uuid}/statussen", {"statustype": str(eerste.uuid)}
    )
    assert response.status_code == 400
    assert "alleen vooruit" in response.json()["statustype"][0]
    laatste = zaak.zaaktype.statustypen.get(volgnummer=3)
    response = backoffice.post(
        f"/api/v1/zaken/{zaak.uuid}/statussen", {"statustype": str(laatste.uuid)}
    )
    assert response.json() == {"resultaattype": ["Kies een resultaat om de zaak af te sluiten."]}
    assert zaak.statussen.count() == 1

    verleend = zaak.zaaktype.resultaattypen.get(omschrijving="Verleend")
    response = backoffice.post(
        f"/api/v1/zaken/{zaak.uuid}/afsluiten", {"resultaattype": str(verleend.uuid)}
    )
    assert response.status_code == 200
    assert response.json()["resultaat"] == "Verleend"
    assert response.json()["einddatum"] is not None


def test_verlengen_twice_and_opschorten_actions(backoffice):
    zaaktype = make_zaaktype(
        afdeling=backoffice.medewerker.afdeling,
        verlenging_mogelijk=True,
        verlengingstermijn=5,
        opschorting_en_aanhouding_mogelijk=True,
    )
    zaak = make_zaak(zaaktype=zaaktype)
    url = f"/api/v1/zaken/{zaak.uuid}"
    assert backoffice.post(f"{url}/verlengen", {"reden": "Advies", "duur": 5}).status_code == 200
    second = backoffice.post(f"{url}/verlengen", {"reden": "Nog eens", "duur": 1})
    assert second.status_code == 400
    assert "maar één keer" in second.json()["duur"][0]
    response = backoffice.post(f"{url}/opschorten", {"reden": "Wacht op stukken"})
    assert response.json()["opschorting"]["indicatie"] is True
    response = backoffice.post(f"{url}/hervatten")
    assert response.json()["opschorting"]["indicatie"] is False


def test_document_upload_checks_the_content(backoffice):
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=backoffice.medewerker.afdeling))
    url = f"/api/v1/zaken/{zaak.uuid}/documenten"
    exe = SimpleUploadedFile("factuur.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = backoffice.post(url, {"bestand": exe}, format="multipart")
    assert response.status_code == 400
    assert "geen PDF" in response.json()["bestand"][0]
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n")
    response = backoffice.post(url, {"bestand": pdf, "titel": "Plattegrond"}, format="multipart")
    assert response.status_code == 201
    assert response.json()["formaat"] == "application/pdf"
    assert [d["titel"] for d in backoffice.get(url).json()] == ["Plattegrond"]


def test_agent_cannot_change_a_zaak(agent_api):
    zaak = make_zaak()
    response = agent_api.post(f"/api/v1/zaken/{zaak.uuid}/opschorten", {"reden": "x"})
    assert response.status_code == 403
