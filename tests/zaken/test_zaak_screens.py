import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Afhandeling, Kanaal
from contacts.services import VraagData, klantcontact_register
from kcc import roles
from tests.contacts.factories import ProductFactory
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype

pytestmark = pytest.mark.django_db


def test_klantcontact_with_aanvraag_ingenomen_starts_a_zaak_shown_in_the_klantbeeld(client, agent):
    zaaktype = make_zaaktype()
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )
    partij = make_initiator()
    klantcontact = klantcontact_register(
        medewerker=agent,
        partij=partij,
        kanaal=Kanaal.BALIE,
        vragen=[
            VraagData(
                vraag="Vergunning aanvragen",
                product=product,
                afhandeling=Afhandeling.AANVRAAG_INGENOMEN,
            )
        ],
    )
    zaak = klantcontact.zaken.get()
    assert zaak.initiator == partij
    assert zaak.communicatiekanaal == Kanaal.BALIE

    client.force_login(agent.user)
    page = client.get(reverse("contacts:klantbeeld", kwargs={"uuid": partij.uuid}))
    assert zaak.identificatie in page.content.decode()


def test_werkvoorraad_shows_the_afdelings_zaken_and_claim_works(client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=medewerker.afdeling))
    other = make_zaak()
    client.force_login(medewerker.user)

    page = client.get(reverse("zaken:werkvoorraad")).content.decode()
    assert zaak.identificatie in page
    assert other.identificatie not in page

    client.post(reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "oppakken"}))
    zaak.refresh_from_db()
    assert zaak.behandelaar == medewerker

    detail = client.get(reverse("zaken:zaak", kwargs={"uuid": zaak.uuid}))
    assert "Tijdlijn" in detail.content.decode()


def test_status_form_without_resultaat_at_the_end_is_refused(client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=medewerker.afdeling))
    client.force_login(medewerker.user)
    eind = zaak.zaaktype.statustypen.get(volgnummer=3)
    response = client.post(
        reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "status"}),
        {"statustype": str(eind.uuid)},
    )
    assert response.status_code == 400
    assert "Kies een resultaat om de zaak af te sluiten." in response.content.decode()
    zaak.refresh_from_db()
    assert zaak.einddatum is None


def test_public_status_page_shows_only_customer_facing_progress(client, settings):
    zaak = make_zaak(toelichting="Interne opmerking over de buren")
    page = client.get(f"/zaak/{zaak.status_token}")
    text = page.content.decode()
    assert page.status_code == 200
    assert zaak.identificatie in text
    assert "Wij hebben uw aanvraag ontvangen." in text
    assert "Interne opmerking" not in text
    assert escape(zaak.initiator.achternaam) not in text
    assert client.get("/zaak/verkeerd-token").status_code == 404


def test_public_status_page_is_rate_limited(client, settings):
    settings.KCC_ZAAK_STATUSPAGINA_PER_MINUUT = 3
    for _ in range(3):
        assert client.get("/zaak/onbekend").status_code == 404
    assert client.get("/zaak/onbekend").status_code == 429


def test_revoked_token_no_longer_opens_the_page(client):
    from zaken import services

    zaak = make_zaak()
    token = zaak.status_token
    services.zaak_status_token_renew(zaak=zaak)
    assert client.get(f"/zaak/{token}").status_code == 404
    assert client.get(f"/zaak/{zaak.status_token}").status_code == 200


def test_demo_data_has_zaken_with_a_multi_part_evenementenvergunning():
    from django.core.management import call_command

    from zaken.models import Zaak

    call_command("demo_data")
    call_command("demo_data")
    assert (
        Zaak.objects.filter(hoofdzaak__isnull=True).count() == 9
    )  # one of them nearly due (SLA demo)
    evenement = Zaak.objects.get(product__upl_naam="evenementenvergunning")
    assert evenement.behandelende_afdeling.code == "vergunningen"
    assert [d.behandelende_afdeling.code for d in evenement.deelzaken.all()] == ["openbare-ruimte"]
    assert (
        Zaak.objects.filter(
            einddatum__isnull=True, uiterlijke_einddatum_afdoening__lt=evenement.startdatum
        ).count()
        == 3
    )
