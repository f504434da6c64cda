"""The beheerder looks into quarantined mail in the admin: read only, and logged."""

import pytest

from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from kcc.models import AuditLogEntry
from tests.kanalen.conftest import corpus_bytes


@pytest.fixture
def quarantined(db):
    item, _ = inkomende_email_ingest(
        raw=corpus_bytes("enmime__mail_erroneous.eml"), bron=InkomendeEmail.Bron.COMMANDO
    )
    return item


def test_the_beheerder_sees_quarantined_mail_with_reason_and_raw_text(
    client, beheerder, quarantined
):
    client.force_login(beheerder.user)

    listing = client.get("/admin/kanalen/inkomendeemail/?status__exact=quarantaine")
    detail = client.get(f"/admin/kanalen/inkomendeemail/{quarantined.pk}/change/")

    assert listing.status_code == 200
    assert quarantined.referentie in listing.content.decode()
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "Geen e-mailbericht: er zijn geen kopregels gevonden." in page
    assert "// Not an RFC-822 Document" in page
    assert 'name="_save"' not in page  # read only
    entry = AuditLogEntry.objects.get(object_type="inkomende_email")
    assert entry.object_uuid == str(quarantined.uuid)
    assert entry.user == beheerder.user


def test_the_admin_cannot_change_or_delete_mail(client, beheerder, quarantined):
    client.force_login(beheerder.user)

    response = client.post(
        f"/admin/kanalen/inkomendeemail/{quarantined.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert InkomendeEmail.objects.filter(pk=quarantined.pk).exists()


def test_an_agent_has_no_access(client, agent, quarantined):
    client.force_login(agent.user)

    response = client.get("/admin/kanalen/inkomendeemail/")

    assert response.status_code == 302
