"""The klantbeeld's zaken: the running ones on the page, the closed ones when the agent
asks for them (htmx swaps them in; the link works without JavaScript too)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kcc.models import AuditLogEntry
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaken():
    partij = make_initiator()
    lopend = make_zaak(initiator=partij)
    afgesloten = [make_zaak(initiator=partij) for _ in range(2)]
    Zaak.objects.filter(pk__in=[z.pk for z in afgesloten]).update(
        einddatum=datetime.date(2026, 1, 5)
    )
    return partij, lopend, afgesloten


def test_running_zaken_are_shown_and_closed_ones_on_request(client, agent, zaken):
    partij, lopend, afgesloten = zaken
    client.force_login(agent.user)
    url = reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})

    page = client.get(url).content.decode()
    assert lopend.identificatie in page
    assert all(zaak.identificatie not in page for zaak in afgesloten)
    assert f'href="{url}?zaken=afgesloten#zaken-afgesloten"' in page

    # Without JavaScript: the whole page, with the closed zaken in it.
    page = client.get(url, {"zaken": "afgesloten"}).content.decode()
    assert lopend.identificatie in page and 'id="registratie"' in page
    assert all(zaak.identificatie in page for zaak in afgesloten)

    # With htmx: only the swapped part, and the opening is logged like the page.
    gelogd = AuditLogEntry.objects.count()
    part = client.get(
        url, {"zaken": "afgesloten"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="zaken-afgesloten"
    ).content.decode()
    assert part.startswith('<div id="zaken-afgesloten">')
    assert all(zaak.identificatie in part for zaak in afgesloten)
    assert lopend.identificatie not in part and 'id="registratie"' not in part
    assert AuditLogEntry.objects.count() == gelogd + 1
    entry = AuditLogEntry.objects.latest("pk")
    assert (entry.object_type, entry.partij_uuid) == ("partij", partij.uuid)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_confidential_zaken_of_another_afdeling_show_the_customer_status_only(client, agent):
    partij = make_initiator()
    geheim = make_zaaktype(vertrouwelijkheidaanduiding="vertrouwelijk")
    verborgen = make_zaak(zaaktype=geheim, initiator=partij)
    client.force_login(agent.user)
    url = reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})
    client.get(url)  # session and permission caches

    few = _queries(client, url)
    page = client.get(url).content.decode()
    for _ in range(3):
        make_zaak(zaaktype=geheim, initiator=partij)
    client.get(url)  # the new zaken's products: the product list is read again once

    # No query per hidden zaak: their customer status and grants come in one query each.
    assert _queries(client, url) == few <= 22

    assert f"{verborgen.identificatie} (vertrouwelijk) — Wij hebben uw aanvraag ontvangen." in page
    assert reverse("zaken:zaak", kwargs={"uuid": verborgen.uuid}) not in page


def test_a_running_zaak_shows_its_afdeling_status_deadline_and_link(client, agent, zaken):
    partij, lopend, _ = zaken
    client.force_login(agent.user)
    Zaak.objects.filter(pk=lopend.pk).update(
        uiterlijke_einddatum_afdoening=datetime.date(2026, 12, 24)
    )

    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid})).content
    page = page.decode()

    link = reverse("zaken:zaak", kwargs={"uuid": lopend.uuid})
    assert f'<a class="utrecht-link" href="{link}">{lopend.identificatie}</a>' in page
    afdeling = lopend.behandelende_afdeling.naam
    assert f"{afdeling}: Aanvraag ontvangen · uiterlijk 24 december 2026" in page
