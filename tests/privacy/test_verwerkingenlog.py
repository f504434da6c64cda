"""Every read of personal data is logged: who, what, when and why (screen or endpoint,
and a reason the user gives); a list logs one line per partij shown."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kanalen.models import Telefoongesprek
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory, PersoonFactory
from tests.dashboard.factories import InkomendeEmailFactory
from tests.kanalen.factories import TelefonieKoppelingFactory

pytestmark = pytest.mark.django_db


def _lines(**filters):
    return AuditLogEntry.objects.filter(**filters)


def test_search_results_in_the_klantcontact_screen_log_each_partij_shown(client, agent):
    jansens = [PersoonFactory(achternaam="Jansen") for _ in range(3)]
    PersoonFactory(achternaam="Pietersen")
    client.force_login(agent.user)

    response = client.get(reverse("contacts:klantcontact"), {"q": "Jansen"})

    assert response.status_code == 200
    lines = _lines(object_type="partij", actie="view")
    assert {line.partij_uuid for line in lines} == {p.uuid for p in jansens}
    line = lines.first()
    assert line.gebruikersnaam == agent.user.username
    assert line.reden == "Zoekresultaat in het klantcontactscherm"
    assert line.context == "/klantcontact/"
    assert line.kanaal == "ui"


def test_api_partij_list_logs_each_partij_with_the_reason_the_caller_gives(agent_api):
    jansens = [PersoonFactory(achternaam="Jansen") for _ in range(2)]

    response = agent_api.get(
        "/api/v1/partijen", {"achternaam": "Jansen"}, HTTP_X_REDEN="Klantcontact KC-123"
    )

    assert response.status_code == 200
    assert response.json()["count"] == 2
    lines = _lines(object_type="partij", kanaal="api")
    assert {line.partij_uuid for line in lines} == {p.uuid for p in jansens}
    assert {line.reden for line in lines} == {"Zoekresultaat (API): Klantcontact KC-123"}
    assert {line.context for line in lines} == {"/api/v1/partijen"}


def test_api_klantcontacten_and_contactverzoeken_are_logged_per_row(agent_api):
    verzoek = ContactverzoekFactory()
    klantcontact = verzoek.klantcontact

    assert agent_api.get("/api/v1/klantcontacten").status_code == 200
    assert agent_api.get(f"/api/v1/klantcontacten/{klantcontact.uuid}").status_code == 200
    assert agent_api.get("/api/v1/contactverzoeken").status_code == 200
    assert agent_api.get(f"/api/v1/contactverzoeken/{verzoek.uuid}").status_code == 200

    partij = klantcontact.partij.uuid
    assert _lines(object_type="klantcontact", partij_uuid=partij).count() == 2
    assert _lines(object_type="contactverzoek", partij_uuid=partij).count() == 2
    assert _lines(reden="Klantcontact opgevraagd (API)").exists()


def test_contactverzoeken_work_list_logs_the_partijen_shown(client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    verzoeken = ContactverzoekFactory.create_batch(2, afdeling=medewerker.afdeling)
    ContactverzoekFactory()  # another afdeling's: not shown, not logged
    client.force_login(medewerker.user)

    assert client.get(reverse("contacts:contactverzoeken")).status_code == 200

    assert {line.partij_uuid for line in _lines(object_type="contactverzoek")} == {
        v.klantcontact.partij.uuid for v in verzoeken
    }


def test_e_mail_queue_logs_each_sender_shown(client, agent):
    partij = PersoonFactory()
    InkomendeEmailFactory(partij=partij, afzender_email="a@example.nl")
    InkomendeEmailFactory(afzender_email="onbekend@example.nl")
    client.force_login(agent.user)

    assert client.get(reverse("kanalen:email-lijst")).status_code == 200

    lines = _lines(object_type="inkomende-email")
    assert lines.count() == 2
    assert lines.filter(partij_uuid=partij.uuid).exists()
    assert lines.filter(object_omschrijving__contains="onbekend@example.nl").exists()


def test_a_list_of_fifty_partijen_is_one_insert(agent_api, django_assert_max_num_queries):
    PersoonFactory.create_batch(25, achternaam="Bakker")
    # auth, count, page, 3 prefetches, the log INSERT (and session/savepoint noise)
    with django_assert_max_num_queries(12):
        response = agent_api.get("/api/v1/partijen", {"achternaam": "Bakker"})
    assert response.json()["count"] == 25
    assert _lines(object_type="partij").count() == 25


def test_klantcontact_drilldown_logs_the_rows_of_the_page(client, make_medewerker):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    contact = KlantcontactFactory()
    client.force_login(teamleider.user)

    today = timezone.localdate()
    response = client.get(
        reverse("contacts:klantcontact-overzicht"),
        {"periode": "aangepast", "van": today - datetime.timedelta(days=7), "tot": today},
    )

    assert response.status_code == 200
    assert _lines(object_type="klantcontact", partij_uuid=contact.partij.uuid).exists()


def test_api_calls_log_the_caller_of_each_call(agent_api):
    partij = PersoonFactory()
    Telefoongesprek.objects.create(
        koppeling=TelefonieKoppelingFactory(),
        extern_id="gesprek-1",
        beller="+31612345678",
        partij=partij,
        begonnen_op=timezone.now(),
    )

    assert agent_api.get("/api/v1/telefonie/gesprekken").status_code == 200

    line = _lines(object_type="telefoongesprek").get()
    assert line.partij_uuid == partij.uuid
    assert line.object_omschrijving == "+31612345678"
