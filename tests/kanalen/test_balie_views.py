"""Kiosk, display, desk and floor screens (Django test client)."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from contacts.models import Kanaal, Klantcontact
from kanalen.balie import services
from kanalen.balie.selectors import locatie_is_open
from kanalen.models import BalieLocatie, Ticket
from kcc import roles
from tests.kanalen.factories import BalieFactory, BalieLocatieFactory, ProductgroepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groep():
    return ProductgroepFactory(locatie=BalieLocatieFactory(slug="stadhuis", naam="Stadhuis"))


@pytest.fixture
def aan_balie(make_medewerker, groep, client):
    agent = make_medewerker(roles.KLANTCONTACTMEDEWERKER, vaardigheden=["burgerzaken"])
    balie = BalieFactory(locatie=groep.locatie, nummer=3)
    services.balie_take(medewerker=agent, balie=balie)
    client.force_login(agent.user)
    return agent


def test_kiosk_hands_out_a_ticket(client, groep):
    page = client.get("/balie/kiosk/stadhuis/")
    assert "Burgerzaken" in page.content.decode()

    response = client.post("/balie/kiosk/stadhuis/", {"productgroep": str(groep.uuid)}, follow=True)

    assert response.status_code == 200
    assert "B001" in response.content.decode()
    assert Ticket.objects.get().nummer == "B001"


def test_closed_location_refuses_tickets_with_a_clear_message(client, groep):
    groep.locatie.stand = BalieLocatie.Stand.GESLOTEN
    groep.locatie.save()

    page = client.get("/balie/kiosk/stadhuis/").content.decode()
    response = client.post("/balie/kiosk/stadhuis/", {"productgroep": str(groep.uuid)})

    assert "Stadhuis is nu gesloten" in page
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not Ticket.objects.exists()


def test_opening_hours_follow_the_business_calendar(settings):
    settings.KCC_OPENINGSTIJDEN = "08:30-17:00"
    locatie = BalieLocatieFactory(stand=BalieLocatie.Stand.AUTOMATISCH)
    tz = timezone.get_current_timezone()
    maandag = timezone.datetime(2026, 3, 2, 10, 0, tzinfo=tz)

    assert locatie_is_open(locatie, maandag)
    assert not locatie_is_open(locatie, maandag.replace(hour=17, minute=30))
    assert not locatie_is_open(locatie, maandag.replace(day=7))  # zaterdag
    assert not locatie_is_open(locatie, maandag.replace(month=4, day=6))  # tweede paasdag


def test_agent_calls_next_and_the_display_shows_it(client, aan_balie, groep):
    services.ticket_create(productgroep=groep)

    client.post("/balie/volgende/")
    scherm = client.get("/balie/scherm/stadhuis/", headers={"HX-Request": "true"})

    assert Ticket.objects.get().status == Ticket.Status.OPGEROEPEN
    assert 'data-ticket="B001"' in scherm.content.decode()


def test_agent_only_gets_groups_matching_skills(client, aan_balie, groep):
    andere = ProductgroepFactory(locatie=groep.locatie, letter="V", vaardigheid="vergunningen")
    services.ticket_create(productgroep=andere)

    client.post("/balie/volgende/", follow=True)

    assert Ticket.objects.get().status == Ticket.Status.WACHTEND


def test_complete_registers_a_balie_klantcontact(client, aan_balie, groep):
    ticket = services.ticket_create(productgroep=groep)
    services.ticket_call_next(medewerker=aan_balie)

    response = client.post(
        f"/balie/ticket/{ticket.uuid}/afronden/",
        {"afronden-vraag": "Paspoort verlengen", "afronden-afhandeling": "direct_beantwoord"},
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AFGEHANDELD
    contact = Klantcontact.objects.get()
    assert ticket.klantcontact == contact
    assert contact.kanaal == Kanaal.BALIE
    assert contact.medewerker == aan_balie
    assert "Balieticket B001: wachttijd" in contact.inhoud


def test_recall_no_show_and_transfer(client, aan_balie, groep):
    other_desk = BalieFactory(locatie=groep.locatie, nummer=4)
    first = services.ticket_create(productgroep=groep)
    second = services.ticket_create(productgroep=groep)
    services.ticket_call_next(medewerker=aan_balie)

    client.post(f"/balie/ticket/{first.uuid}/opnieuw/")
    first.refresh_from_db()
    assert first.aantal_oproepen == 2

    client.post(f"/balie/ticket/{first.uuid}/no-show/")
    first.refresh_from_db()
    assert first.status == Ticket.Status.NO_SHOW

    services.ticket_call_next(medewerker=aan_balie)
    client.post(
        f"/balie/ticket/{second.uuid}/doorzetten/", {"doorzetten-naar": f"balie:{other_desk.uuid}"}
    )
    second.refresh_from_db()
    assert (second.status, second.balie) == (Ticket.Status.WACHTEND, other_desk)


def test_another_agent_cannot_act_on_my_ticket(client, aan_balie, groep, make_medewerker):
    ticket = services.ticket_create(productgroep=groep)
    services.ticket_call_next(medewerker=aan_balie)
    collega = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    client.force_login(collega.user)

    client.post(f"/balie/ticket/{ticket.uuid}/no-show/")

    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPGEROEPEN


def test_floor_overview_is_for_the_teamleider(client, groep, make_medewerker, aan_balie):
    services.ticket_create(productgroep=groep)
    assert client.get("/balie/vloer/stadhuis/").status_code == 403

    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    page = client.get("/balie/vloer/stadhuis/").content.decode()

    assert "Vloeroverzicht Stadhuis" in page
    assert escape(str(aan_balie)) in page


def test_desk_page_needs_klantcontact_permission(client, make_medewerker):
    client.force_login(make_medewerker(roles.BACKOFFICE).user)
    assert client.get("/balie/").status_code == 403
