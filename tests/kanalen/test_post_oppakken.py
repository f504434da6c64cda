"""Taking a letter on from the post queue ("oppakken"): shown in the list with who has
it, routing it is then theirs; the same in the UI and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kanalen.models import Poststuk
from kanalen.post import services
from kanalen.post.services import Route
from kcc.models import AuditLogEntry
from kcc.roles import BACKOFFICE, KLANTCONTACTMEDEWERKER, POSTKAMER
from tests.contacts.factories import PersoonFactory
from tests.factories import AfdelingFactory
from tests.kanalen.factories import scan_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def poststuk():
    item = services.poststuk_register(
        partij=PersoonFactory(),
        onderwerp="Vraag over de WOZ-beschikking",
        datum_ontvangen=timezone.localdate(),
        scan=upload(scan_pdf(), name="woz.pdf"),
        door=None,
    )
    return services.poststuk_route(poststuk=item, route=Route.WERKVOORRAAD, door=None)


@pytest.fixture
def agents(make_medewerker):
    return make_medewerker(KLANTCONTACTMEDEWERKER), make_medewerker(KLANTCONTACTMEDEWERKER)


def test_claimed_the_letter_is_theirs_to_route(poststuk, agents):
    eerste, tweede = agents

    services.poststuk_claim(poststuk=poststuk, medewerker=eerste)
    services.poststuk_claim(poststuk=poststuk, medewerker=eerste)  # again: still theirs

    poststuk.refresh_from_db()
    assert poststuk.behandelaar == eerste
    assert (
        AuditLogEntry.objects.filter(
            object_uuid=poststuk.uuid, object_omschrijving__contains=f"opgepakt door {eerste}"
        ).count()
        == 1
    )
    with pytest.raises(ValidationError, match=f"al opgepakt door {eerste}"):
        services.poststuk_claim(poststuk=poststuk, medewerker=tweede)
    with pytest.raises(ValidationError, match=f"{eerste} heeft dit poststuk opgepakt"):
        services.poststuk_route(
            poststuk=poststuk, route=Route.AFGEHANDELD, door=tweede, toelichting="Gebeld"
        )
    services.poststuk_route(
        poststuk=poststuk, route=Route.AFGEHANDELD, door=eerste, toelichting="Gebeld"
    )
    poststuk.refresh_from_db()
    assert poststuk.status == Poststuk.Status.AFGEHANDELD
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.poststuk_claim(poststuk=poststuk, medewerker=tweede)


def test_put_in_the_post_queue_a_claimed_letter_is_free_again(make_medewerker):
    postkamer = make_medewerker(POSTKAMER)
    item = services.poststuk_register(
        afzender_naam="Piet",
        onderwerp="Brief",
        datum_ontvangen=timezone.localdate(),
        scan=upload(scan_pdf()),
        door=postkamer,
    )
    services.poststuk_claim(poststuk=item, medewerker=postkamer)

    services.poststuk_route(poststuk=item, route=Route.WERKVOORRAAD, door=postkamer)

    item.refresh_from_db()
    assert (item.status, item.behandelaar) == (Poststuk.Status.WERKVOORRAAD, None)


def test_the_queue_shows_who_has_it_and_claims_with_htmx(client, poststuk, agents):
    eerste, tweede = agents
    client.force_login(eerste.user)
    lijst = client.get(reverse("post:lijst")).content.decode()
    oppakken = reverse("post:oppakken", kwargs={"uuid": poststuk.uuid})
    assert f'action="{oppakken}"' in lijst

    response = client.post(
        oppakken,
        {"volgende": "lijst", "status": "werkvoorraad"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f"U heeft poststuk {poststuk.poststuknummer} opgepakt." in html
    assert escape(str(eerste)) in html
    assert f'action="{oppakken}"' not in html

    client.force_login(tweede.user)
    response = client.post(
        oppakken, {"volgende": "lijst", "status": "werkvoorraad"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert escape(f"Dit poststuk is al opgepakt door {eerste}.") in response.content.decode()
    poststuk.refresh_from_db()
    assert poststuk.behandelaar == eerste


def test_without_javascript_the_claim_returns_to_the_list_or_the_letter(client, poststuk, agents):
    client.force_login(agents[0].user)
    oppakken = reverse("post:oppakken", kwargs={"uuid": poststuk.uuid})

    response = client.post(oppakken, {"volgende": "lijst", "status": "werkvoorraad"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('post:lijst')}?status=werkvoorraad"

    response = client.post(oppakken)
    assert response["Location"] == reverse("post:detail", kwargs={"uuid": poststuk.uuid})
    detail = client.get(response["Location"]).content.decode()
    assert f"opgepakt door {escape(str(agents[0]))}" in detail


def test_roles_without_routing_cannot_claim(client, poststuk, make_medewerker):
    client.force_login(make_medewerker(BACKOFFICE).user)
    response = client.post(reverse("post:oppakken", kwargs={"uuid": poststuk.uuid}))
    assert response.status_code == 403
    poststuk.refresh_from_db()
    assert poststuk.behandelaar is None


def test_the_api_claims_and_refuses_a_second_medewerker(api_client, poststuk, agents):
    eerste, tweede = agents
    url = f"/api/v1/poststukken/{poststuk.uuid}/oppakken"
    api_client.force_authenticate(eerste.user)

    response = api_client.post(url)

    assert response.status_code == 200
    assert response.json()["behandelaar"] == str(eerste.uuid)
    api_client.force_authenticate(tweede.user)
    response = api_client.post(url)
    assert response.status_code == 400
    assert response.json() == {"behandelaar": [f"Dit poststuk is al opgepakt door {eerste}."]}
    routed = api_client.post(
        f"/api/v1/poststukken/{poststuk.uuid}/routeren",
        {"route": "contactverzoek", "afdeling": str(AfdelingFactory().uuid)},
        format="json",
    )
    assert routed.status_code == 400
    assert "behandelaar" in routed.json()
