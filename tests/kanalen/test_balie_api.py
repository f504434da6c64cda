import pytest

from contacts.models import Klantcontact
from kanalen.balie import services
from kanalen.models import BalieLocatie, Ticket
from tests.kanalen.factories import BalieFactory, ProductgroepFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/balie/tickets"


@pytest.fixture
def groep():
    return ProductgroepFactory()


def test_create_call_and_complete_through_the_api(agent_api, agent, groep):
    services.balie_take(medewerker=agent, balie=BalieFactory(locatie=groep.locatie, nummer=2))

    created = agent_api.post(
        URL, {"productgroep": str(groep.uuid)}, headers={"Idempotency-Key": "k1"}
    )
    again = agent_api.post(
        URL, {"productgroep": str(groep.uuid)}, headers={"Idempotency-Key": "k1"}
    )
    called = agent_api.post(f"{URL}/volgende")
    uuid = called.json()["uuid"]
    done = agent_api.post(
        f"{URL}/{uuid}/afronden", {"vraag": "Rijbewijs ophalen", "afhandeling": "direct_beantwoord"}
    )

    assert created.status_code == 201 and created.json()["nummer"] == "B001"
    assert again.json()["uuid"] == created.json()["uuid"]
    assert Ticket.objects.count() == 1
    assert called.json()["balie"] == 2
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "afgehandeld"
    assert Klantcontact.objects.get().kanaal == "balie"
    assert agent_api.get(URL).json()["count"] == 1


def test_volgende_without_desk_or_customers(agent_api, agent, groep):
    assert agent_api.post(f"{URL}/volgende").status_code == 400
    services.balie_take(medewerker=agent, balie=BalieFactory(locatie=groep.locatie))
    assert agent_api.post(f"{URL}/volgende").status_code == 204


def test_closed_location_gives_400(agent_api, groep):
    BalieLocatie.objects.update(stand=BalieLocatie.Stand.GESLOTEN)

    response = agent_api.post(URL, {"productgroep": str(groep.uuid)})

    assert response.status_code == 400
    assert "gesloten" in response.json()["productgroep"][0]
