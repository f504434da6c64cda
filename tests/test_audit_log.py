import pytest
from django.db import IntegrityError, InternalError, transaction

from kcc.models import AuditLogEntry
from kcc.services import audit_log_record


@pytest.mark.django_db
def test_audit_log_records_who_what_why(agent):
    entry = audit_log_record(
        user=agent.user,
        action=AuditLogEntry.Actie.VIEW,
        object_type="partij",
        object_uuid="0b6c0f4e-5f7f-4a7e-9d3c-1c1a3d1b2e11",
        description="Klantbeeld",
        reason="Telefonische vraag",
    )
    entry.refresh_from_db()
    assert entry.gebruikersnaam == agent.user.username
    assert entry.actie == "view"
    assert entry.reden == "Telefonische vraag"
    assert entry.tijdstip is not None


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["update", "delete"])
def test_audit_log_lines_cannot_be_changed_or_removed(agent, change):
    entry = audit_log_record(user=agent.user, action="view", object_type="partij")
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        if change == "update":
            AuditLogEntry.objects.filter(pk=entry.pk).update(reden="verborgen")
        else:
            AuditLogEntry.objects.filter(pk=entry.pk).delete()
    assert AuditLogEntry.objects.get(pk=entry.pk).reden == ""
