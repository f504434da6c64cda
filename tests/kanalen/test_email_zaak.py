"""Turning an e-mail into a zaak: the klantcontact (aanvraag ingenomen) starts the
product's zaak with the sender as initiator, and the thread leaves the queue."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalogus.models import Publicatiestatus
from contacts.models import Afhandeling, DigitaalAdres, Kanaal, Klantcontact
from kanalen import services
from kanalen.models import InkomendeEmail
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.kanalen.conftest import make_mail
from tests.kanalen.test_email_ingest import ingest
from tests.zaken.factories import make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    zaaktype = make_zaaktype(omschrijving="Kapvergunning")
    return ProductFactory(
        naam="Kapvergunning",
        zaaktype=zaaktype,
        behandelende_afdeling=zaaktype.behandelende_afdeling,
        publicatiestatus=Publicatiestatus.GEPUBLICEERD,
    )


def test_a_mail_becomes_a_zaak_of_the_sender(agent, product):
    partij = PersoonFactory()
    DigitaalAdres.objects.create(
        partij=partij, soort=DigitaalAdres.Soort.EMAIL, adres="jan.devries@example.nl"
    )
    item, _ = ingest(make_mail(subject="Boom kappen", body="Ik wil de eik in mijn tuin kappen."))

    item = services.inkomende_email_to_zaak(
        email=item, medewerker=agent, product=product, toelichting="Foto's volgen."
    )

    zaak = Zaak.objects.get()
    contact = Klantcontact.objects.get()
    assert (contact.kanaal, contact.afhandeling) == (Kanaal.EMAIL, Afhandeling.AANVRAAG_INGENOMEN)
    assert list(zaak.klantcontacten.all()) == [contact]
    assert zaak.zaaktype == product.zaaktype
    assert item.status == InkomendeEmail.Status.DOORGESTUURD
    assert item.klantcontact == contact
    assert zaak.identificatie in item.afhandeling_toelichting


def test_a_product_without_zaaktype_is_refused_and_nothing_is_stored(agent):
    item, _ = ingest(make_mail())
    with pytest.raises(ValidationError) as exc:
        services.inkomende_email_to_zaak(email=item, medewerker=agent, product=ProductFactory())
    assert "product" in exc.value.message_dict
    assert not Klantcontact.objects.exists()
    item.refresh_from_db()
    assert item.status == InkomendeEmail.Status.NIEUW


def test_starting_a_zaak_from_the_screen(client, agent, product):
    client.force_login(agent.user)
    item, _ = ingest(make_mail())
    url = reverse("kanalen:email-zaak", kwargs={"uuid": item.uuid})
    detail = client.get(reverse("kanalen:email-detail", kwargs={"uuid": item.uuid}))
    assert "Zaak starten" in detail.content.decode()

    empty = client.post(url, {"product": ""})
    assert empty.status_code == 400
    assert "Kies het product waarvoor een zaak start." in empty.content.decode()

    response = client.post(url, {"product": product.pk})
    assert response.status_code == 302
    assert Zaak.objects.count() == 1
    followed = client.get(response.url).content.decode()
    assert f"Zaak {Zaak.objects.get().identificatie} gestart" in followed
