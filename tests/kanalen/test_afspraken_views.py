"""The appointment pages with the Django test client: bad input on the public pages,
the manage link, the staff planning and its actions."""

import datetime

import pytest
from django.utils import timezone

from kanalen.afspraken import services
from kanalen.models import Afspraak
from kcc import roles
from kcc.models import Bericht
from tests.kanalen.afspraken_helpers import om, werkdag_na
from tests.kanalen.factories import AfspraakAanbodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod():
    return AfspraakAanbodFactory(product__naam="Paspoort aanvragen")


def _post(client, aanbod, **data):
    return client.post(
        "/afspraak/",
        {"product": aanbod.product.uuid, "locatie": aanbod.locatie.uuid, **data},
    )


def test_the_steps_show_days_then_times(client, aanbod):
    day = werkdag_na()

    keuze = client.get("/afspraak/")
    dagen = client.get("/afspraak/", {"product": aanbod.product.uuid})
    tijden = client.get(
        "/afspraak/", {"product": aanbod.product.uuid, "locatie": aanbod.locatie.uuid, "datum": day}
    )

    assert "Paspoort aanvragen (30 minuten)" in keuze.content.decode()
    assert f"datum={day.isoformat()}" in dagen.content.decode()
    assert 'value="' + om(day, 11, 30).isoformat() + '"' in tijden.content.decode()


def test_booking_without_a_time_or_with_a_bad_address_is_refused_in_dutch(client, aanbod):
    day = werkdag_na()

    zonder_tijd = _post(client, aanbod, datum=day, naam="Jan", email="jan@example.nl")
    fout_adres = _post(
        client, aanbod, datum=day, begin=om(day, 10).isoformat(), naam="Jan", email="jan@"
    )

    assert zonder_tijd.status_code == 400
    assert "Kies een product, locatie, dag en tijdstip." in zonder_tijd.content.decode()
    assert fout_adres.status_code == 400
    assert "Vul een geldig e-mailadres in" in fout_adres.content.decode()
    assert not Afspraak.objects.exists()


def test_booking_leads_to_the_manage_page_with_the_code(client, aanbod):
    day = werkdag_na()

    response = _post(
        client,
        aanbod,
        datum=day,
        begin=om(day, 10).isoformat(),
        naam="Fleur van 't Hof",
        email="fleur@example.nl",
    )

    afspraak = Afspraak.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/afspraak/beheer/{afspraak.token}/?nieuw=1"
    page = client.get(response["Location"]).content.decode()
    assert afspraak.code in page


def test_the_manage_link_reschedules_and_cancels(client, aanbod):
    day = werkdag_na()
    afspraak = services.afspraak_book(
        product=aanbod.product,
        locatie=aanbod.locatie,
        begin=om(day, 10),
        naam="Fleur",
        email="fleur@example.nl",
    )
    url = f"/afspraak/beheer/{afspraak.token}/"

    assert client.get("/afspraak/beheer/geraden-token/").status_code == 404
    verzet = client.post(url, {"actie": "verzetten", "begin": om(day, 11).isoformat()})
    buiten = client.post(url, {"actie": "verzetten", "begin": om(day, 14).isoformat()})
    geannuleerd = client.post(url, {"actie": "annuleren"})

    assert verzet.status_code == 302
    assert buiten.status_code == 400
    assert "geen afspraak maken" in buiten.content.decode()
    assert geannuleerd.status_code == 302
    afspraak.refresh_from_db()
    assert (afspraak.begin, afspraak.status) == (om(day, 11), Afspraak.Status.GEANNULEERD)
    assert Bericht.objects.count() == 3  # confirmation, rescheduled, cancelled


def test_staff_pages_need_a_login_and_mark_a_no_show(client, aanbod, make_medewerker):
    now = timezone.now()
    afspraak = Afspraak.objects.create(
        code="K7M2QX",
        token="t" * 43,
        product=aanbod.product,
        locatie=aanbod.locatie,
        begin=now - datetime.timedelta(minutes=5),
        eind=now + datetime.timedelta(minutes=25),
        naam="Jan",
        email="jan@example.nl",
        geboekt_via=Afspraak.GeboektVia.ONLINE,
    )
    assert client.get("/afspraak/planning/").status_code == 302
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)

    planning = client.get(
        "/afspraak/planning/",
        {"locatie": aanbod.locatie.slug, "datum": timezone.localdate().isoformat()},
    )
    no_show = client.post(f"/afspraak/{afspraak.uuid}/no-show/", follow=True)

    assert planning.status_code == 200
    assert "K7M2QX" in planning.content.decode()
    assert "is als niet verschenen geregistreerd" in no_show.content.decode()
    afspraak.refresh_from_db()
    assert afspraak.status == Afspraak.Status.NO_SHOW


def test_the_schedule_is_set_up_in_the_admin(admin_client, aanbod):
    page = admin_client.get(f"/admin/kanalen/balielocatie/{aanbod.locatie.pk}/change/")

    assert page.status_code == 200
    assert "Afspraakblokken" in page.content.decode()
    assert admin_client.get("/admin/kanalen/afspraak/").status_code == 200
