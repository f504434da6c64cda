"""oppakken, toewijzen, terugleggen and bulk-toewijzen through the API."""

import pytest

from kcc import roles
from kcc.models import AuditLogEntry
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken.models import Zaak, ZaakNotitie

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_role(make_medewerker, api_client):
    def login(role, **kwargs):
        medewerker = make_medewerker(role, **kwargs)
        api_client.force_authenticate(medewerker.user)
        api_client.medewerker = medewerker
        return api_client

    return login


def test_oppakken(as_role):
    api = as_role(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=api.medewerker.afdeling))

    response = api.post(f"/api/v1/zaken/{zaak.uuid}/oppakken")

    assert response.status_code == 200, response.json()
    assert response.json()["behandelaar"] == str(api.medewerker.uuid)
    assert zaak.notities.filter(soort=ZaakNotitie.Soort.OPGEPAKT).exists()
    assert AuditLogEntry.objects.filter(
        object_uuid=str(zaak.uuid), actie="change", kanaal="api"
    ).exists()


def test_oppakken_outside_the_afdeling_is_refused_by_the_matrix(as_role):
    # A change to another afdeling's zaak is outside the authorisation matrix's scope.
    api = as_role(roles.BACKOFFICE)
    zaak = make_zaak()

    response = api.post(f"/api/v1/zaken/{zaak.uuid}/oppakken")

    assert response.status_code == 403
    assert response.json()["detail"] == "U heeft geen toestemming voor deze handeling."
    zaak.refresh_from_db()
    assert zaak.behandelaar is None


def test_toewijzen_is_for_the_teamleider(as_role, make_medewerker):
    api = as_role(roles.BACKOFFICE)
    collega = make_medewerker(roles.BACKOFFICE, afdeling=api.medewerker.afdeling)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=api.medewerker.afdeling))

    refused = api.post(f"/api/v1/zaken/{zaak.uuid}/toewijzen", {"behandelaar": collega.uuid})

    assert refused.status_code == 403
    zaak.refresh_from_db()
    assert zaak.behandelaar is None


def test_toewijzen(as_role, make_medewerker):
    api = as_role(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=api.medewerker.afdeling)
    buiten = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=api.medewerker.afdeling))
    url = f"/api/v1/zaken/{zaak.uuid}/toewijzen"

    missing = api.post(url, {})
    elsewhere = api.post(url, {"behandelaar": buiten.uuid})
    done = api.post(url, {"behandelaar": sara.uuid})

    assert missing.status_code == 400
    assert "behandelaar" in missing.json()
    assert elsewhere.status_code == 400
    assert "werkt niet bij" in elsewhere.json()["behandelaar"][0]
    assert done.status_code == 200
    assert done.json()["behandelaar"] == str(sara.uuid)


def test_terugleggen(as_role):
    kcc = AfdelingFactory(code="kcc")
    api = as_role(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=api.medewerker.afdeling))
    url = f"/api/v1/zaken/{zaak.uuid}/terugleggen"

    empty = api.post(url, {"notitie": ""})
    done = api.post(url, {"notitie": "Verkeerd gerouteerd"})

    assert empty.status_code == 400
    assert list(empty.json()) == ["notitie"]
    assert done.status_code == 200, done.json()
    assert done.json()["behandelende_afdeling"] == kcc.code
    assert zaak.notities.get(soort=ZaakNotitie.Soort.TERUG_NAAR_KCC).tekst == (
        "Verkeerd gerouteerd"
    )


def test_bulk_toewijzen_all_or_nothing(as_role, make_medewerker):
    api = as_role(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=api.medewerker.afdeling)
    zaaktype = make_zaaktype(afdeling=api.medewerker.afdeling)
    eerste, tweede = make_zaak(zaaktype=zaaktype), make_zaak(zaaktype=zaaktype)
    elders = make_zaak()
    url = "/api/v1/zaken/bulk-toewijzen"

    empty = api.post(url, {"zaken": [], "behandelaar": sara.uuid}, format="json")
    unknown = api.post(
        url,
        {"zaken": [str(eerste.uuid), "00000000-0000-0000-0000-000000000000"], "behandelaar": ""},
        format="json",
    )
    mixed = api.post(
        url,
        {"zaken": [str(eerste.uuid), str(elders.uuid)], "behandelaar": sara.uuid},
        format="json",
    )
    assert empty.status_code == unknown.status_code == mixed.status_code == 400
    assert "zaken" in empty.json()
    assert set(unknown.json()) == {"zaken", "behandelaar"}
    assert "werkt niet bij" in mixed.json()["behandelaar"][0]
    assert not Zaak.objects.filter(behandelaar=sara).exists()

    body = {"zaken": [str(eerste.uuid), str(tweede.uuid)], "behandelaar": sara.uuid}
    done = api.post(url, body, format="json")
    assert done.status_code == 200
    assert done.json() == {"aantal": 2, "behandelaar": str(sara.uuid)}
    assert set(Zaak.objects.filter(behandelaar=sara)) == {eerste, tweede}


def test_bulk_toewijzen_is_refused_to_backoffice(as_role):
    api = as_role(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=api.medewerker.afdeling))

    response = api.post(
        "/api/v1/zaken/bulk-toewijzen",
        {"zaken": [str(zaak.uuid)], "behandelaar": str(api.medewerker.uuid)},
        format="json",
    )

    assert response.status_code == 403
