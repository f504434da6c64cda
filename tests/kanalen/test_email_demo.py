import pytest
from django.core.management import call_command

from kanalen.models import InkomendeEmail
from kcc.models import Bericht


@pytest.mark.django_db
def test_demo_data_shows_every_kind_of_inbound_mail_once():
    call_command("demo_data")
    call_command("demo_data")

    assert InkomendeEmail.objects.count() == 8
    statuses = list(InkomendeEmail.objects.values_list("status", flat=True))
    assert sorted(statuses) == [
        "automatisch",
        "automatisch",
        "nieuw",
        "nieuw",
        "nieuw",
        "nieuw",
        "nieuw",
        "quarantaine",
    ]
    reply = InkomendeEmail.objects.get(message_id="demo-grofvuil-reactie@example.nl")
    assert reply.origineel.message_id == "demo-grofvuil@example.nl"
    woz = InkomendeEmail.objects.get(message_id="demo-woz@example.com")
    assert woz.bijlagen.get().content_type == "application/pdf"
    # The sender is found among the demo partijen; new mail is acknowledged once.
    assert InkomendeEmail.objects.get(message_id="demo-parkeren@example.nl").partij.naam == (
        "Jan Jansen"
    )
    assert Bericht.objects.filter(aanleiding__startswith="Ontvangstbevestiging e-mail").count() == 4
