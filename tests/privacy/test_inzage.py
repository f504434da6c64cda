"""The inzage page: who looked at one partij's data, for a citizen's inzageverzoek."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.services import partij_view_record
from kcc import roles
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record
from tests.contacts.factories import BsnFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partij():
    return BsnFactory(partij=PersoonFactory(achternaam="D'Hondt")).partij


def test_the_beheerder_finds_the_partij_and_sees_who_looked_when_and_why(
    client, agent, beheerder, partij
):
    partij_view_record(user=agent.user, partij=partij, reason="Telefonische vraag")
    bsn = partij.identificatoren.get().waarde
    audit_log_record(
        user=agent.user,
        action="lookup",
        object_type="brp-persoon",
        object_uuid=bsn,
        reason="Klant nog niet bekend",
    )
    client.force_login(beheerder.user)

    zoeken = client.get(reverse("inzage"), {"q": bsn}).content.decode()
    assert reverse("inzage-partij", kwargs={"uuid": partij.uuid}) in zoeken

    page = client.get(reverse("inzage-partij", kwargs={"uuid": partij.uuid}))
    html = page.content.decode()
    assert page.status_code == 200
    assert escape(partij.naam) in html
    assert agent.user.username in html
    assert "Telefonische vraag" in html
    assert "Klant nog niet bekend" in html  # the BRP look-up of the BSN
    # Searching and looking at the log are processings too, and say so.
    assert (
        AuditLogEntry.objects.filter(
            user=beheerder.user, partij_uuid=partij.uuid, reden__startswith="Inzageverzoek"
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    "role", [roles.KLANTCONTACTMEDEWERKER, roles.BACKOFFICE, roles.TEAMLEIDER, roles.REDACTEUR]
)
def test_only_who_may_see_the_log_opens_the_inzage_pages(client, make_medewerker, partij, role):
    client.force_login(make_medewerker(role).user)
    for url in [
        reverse("inzage"),
        reverse("inzage-partij", kwargs={"uuid": partij.uuid}),
        reverse("inzage-export", kwargs={"uuid": partij.uuid}),
    ]:
        assert client.get(url).status_code == 403, url


def test_the_log_is_paginated_newest_first(client, agent, beheerder, partij):
    for n in range(55):
        partij_view_record(user=agent.user, partij=partij, reason=f"Vraag {n}")
    client.force_login(beheerder.user)
    url = reverse("inzage-partij", kwargs={"uuid": partij.uuid})

    first = client.get(url).content.decode()
    second = client.get(url, {"pagina": 2}).content.decode()

    assert "Inzageverzoek" in first  # this very look is the newest line
    assert "Vraag 54" in first and "Vraag 5<" not in first
    assert "Vraag 0<" in second
    assert "Pagina 2 van 2" in second


def test_export_is_csv_of_every_line_without_formulas_and_is_logged(
    client, agent, beheerder, partij
):
    partij_view_record(user=agent.user, partij=partij, reason='=HYPERLINK("x")')
    client.force_login(beheerder.user)

    response = client.get(reverse("inzage-export", kwargs={"uuid": partij.uuid}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Tijdstip", "Medewerker", "Handeling"]
    reasons = [row[5] for row in rows[1:]]
    assert '\'=HYPERLINK("x")' in reasons
    assert any(r.startswith("Inzageverzoek") for r in reasons)  # the export itself
    assert AuditLogEntry.objects.filter(
        actie="export", object_type="verwerkingslog", partij_uuid=partij.uuid
    ).exists()


def test_an_unknown_partij_is_404(client, beheerder):
    client.force_login(beheerder.user)
    url = reverse("inzage-partij", kwargs={"uuid": "00000000-0000-4000-8000-000000000000"})
    assert client.get(url).status_code == 404


def test_the_api_gives_the_same_lines_and_logs_the_request(api_client, agent, beheerder, partij):
    partij_view_record(user=agent.user, partij=partij, reason="Telefonische vraag")
    api_client.force_authenticate(beheerder.user)

    response = api_client.get(f"/api/v1/partijen/{partij.uuid}/verwerkingen")

    assert response.status_code == 200
    lines = response.json()["results"]
    assert lines[0]["reden"] == "Inzageverzoek: verwerkingen opgevraagd (API)"
    assert lines[1]["gebruikersnaam"] == agent.user.username
    assert lines[1]["reden"] == "Telefonische vraag"
    unknown = "/api/v1/partijen/00000000-0000-4000-8000-000000000000/verwerkingen"
    assert api_client.get(unknown).status_code == 404
