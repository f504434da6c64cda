import uuid

import pytest
from django.db import IntegrityError, InternalError, transaction

from kcc.models import AuditLogEntry
from kcc.services import AuditObject, audit_log_record, audit_log_record_many


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
def test_a_shown_list_is_logged_one_line_per_object_in_one_statement(
    agent, django_assert_num_queries
):
    objects = [AuditObject(uuid.uuid4(), f"Klant {n}", uuid.uuid4()) for n in range(3)]
    with django_assert_num_queries(1):
        written = audit_log_record_many(
            user=agent.user, action="view", object_type="partij", objects=objects,
            reason="Zoekresultaten",
        )  # fmt: skip

    assert written == 3
    rows = AuditLogEntry.objects.order_by("pk").values_list(
        "object_uuid", "object_omschrijving", "partij_uuid", "gebruikersnaam", "reden"
    )
    assert list(rows) == [
        (str(o.object_uuid), o.description, o.partij_uuid, agent.user.username, "Zoekresultaten")
        for o in objects
    ]
    assert all(entry.tijdstip is not None for entry in AuditLogEntry.objects.all())


@pytest.mark.django_db
def test_an_empty_list_logs_nothing(agent, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert (
            audit_log_record_many(user=agent.user, action="view", object_type="partij", objects=[])
            == 0
        )


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
