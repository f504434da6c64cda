"""Routing a registered letter: as a zaak, as a contactverzoek, into the post queue and
handled there. Each handled letter is a klantcontact (kanaal post)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import Afhandeling, Contactverzoek, Kanaal, Klantcontact
from kanalen.models import Poststuk
from kanalen.post import services
from kanalen.post.services import Route
from kcc.models import AuditLogEntry
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.factories import AfdelingFactory, MedewerkerFactory
from tests.kanalen.factories import scan_pdf, upload
from tests.zaken.factories import make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    return MedewerkerFactory()


@pytest.fixture
def poststuk(door):
    return services.poststuk_register(
        partij=PersoonFactory(achternaam="D'Ancona"),
        onderwerp="Aanvraag kapvergunning",
        kenmerk_afzender="JD-1",
        datum_ontvangen=timezone.localdate(),
        scan=upload(scan_pdf(), name="kapvergunning.pdf"),
        door=door,
    )


def test_routed_as_a_zaak_the_scan_becomes_a_document_of_the_products_zaak(poststuk, door):
    vergunningen = AfdelingFactory(naam="Vergunningen", code="vergunningen")
    zaaktype = make_zaaktype(afdeling=vergunningen)
    product = ProductFactory(
        naam="Kapvergunning", zaaktype=zaaktype, behandelende_afdeling=vergunningen
    )

    services.poststuk_route(
        poststuk=poststuk, route=Route.ZAAK, product=product, door=door, toelichting="Spoed"
    )

    poststuk.refresh_from_db()
    zaak = Zaak.objects.get()
    assert poststuk.status == Poststuk.Status.ZAAK
    assert poststuk.zaak == zaak
    assert poststuk.behandelaar == door
    assert zaak.behandelende_afdeling == vergunningen
    assert zaak.communicatiekanaal == Kanaal.POST
    assert zaak.initiator == poststuk.partij
    assert poststuk.poststuknummer in zaak.toelichting
    assert "Spoed" in zaak.toelichting
    document = zaak.documenten.get()
    assert document.formaat == "application/pdf"
    assert document.titel == f"Brief {poststuk.poststuknummer}: Aanvraag kapvergunning"
    with document.bestand.open("rb") as stored, poststuk.scan.open("rb") as scan:
        assert stored.read() == scan.read()
    klantcontact = poststuk.klantcontact
    assert klantcontact.kanaal == Kanaal.POST
    assert klantcontact.afhandeling == Afhandeling.AANVRAAG_INGENOMEN
    assert klantcontact.vragen.get().product == product
    assert list(zaak.klantcontacten.all()) == [klantcontact]
    assert (
        AuditLogEntry.objects.filter(object_uuid=poststuk.uuid, actie=AuditLogEntry.Actie.CHANGE)
        .get()
        .object_omschrijving
        == f"{poststuk.poststuknummer} gerouteerd als zaak {zaak.identificatie}"
    )


def test_a_product_without_zaaktype_changes_nothing(poststuk, door):
    product = ProductFactory(zaaktype=None)
    with pytest.raises(ValidationError) as exc:
        services.poststuk_route(poststuk=poststuk, route=Route.ZAAK, product=product, door=door)
    assert exc.value.message_dict == {
        "product": ["Voor dit product kan geen zaak worden gestart (geen zaaktype)."]
    }
    poststuk.refresh_from_db()
    assert poststuk.status == Poststuk.Status.TE_ROUTEREN
    assert not Klantcontact.objects.exists()
    assert not Zaak.objects.exists()


def test_routed_as_a_contactverzoek_due_on_the_promised_answer_date(poststuk, door):
    belastingen = AfdelingFactory(naam="Belastingen")
    services.poststuk_route(
        poststuk=poststuk,
        route=Route.CONTACTVERZOEK,
        afdeling=belastingen,
        toelichting="Graag schriftelijk antwoorden",
        door=door,
    )
    poststuk.refresh_from_db()
    assert poststuk.status == Poststuk.Status.CONTACTVERZOEK
    verzoek = Contactverzoek.objects.get()
    assert verzoek.afdeling == belastingen
    assert verzoek.gevraagde_handeling == f"Brief {poststuk.poststuknummer} beantwoorden"
    assert verzoek.toelichting == "Graag schriftelijk antwoorden"
    assert timezone.localtime(verzoek.deadline).date() == poststuk.deadline
    assert verzoek.klantcontact == poststuk.klantcontact
    assert poststuk.klantcontact.kanaal == Kanaal.POST
    assert poststuk.klantcontact.afhandeling == Afhandeling.DOORVERBONDEN


def test_into_the_post_queue_then_handled_there_by_an_agent(poststuk, door):
    agent = MedewerkerFactory()
    services.poststuk_route(poststuk=poststuk, route=Route.WERKVOORRAAD, door=door)
    poststuk.refresh_from_db()
    assert poststuk.status == Poststuk.Status.WERKVOORRAAD
    assert poststuk.klantcontact is None

    with pytest.raises(ValidationError) as exc:
        services.poststuk_route(poststuk=poststuk, route=Route.AFGEHANDELD, door=agent)
    assert exc.value.message_dict == {"toelichting": ["Beschrijf hoe de brief is beantwoord."]}

    services.poststuk_route(
        poststuk=poststuk,
        route=Route.AFGEHANDELD,
        toelichting="Telefonisch beantwoord: de vergunning is niet nodig.",
        door=agent,
    )
    poststuk.refresh_from_db()
    assert poststuk.status == Poststuk.Status.AFGEHANDELD
    assert poststuk.behandelaar == agent
    vraag = poststuk.klantcontact.vragen.get()
    assert vraag.antwoord == "Telefonisch beantwoord: de vergunning is niet nodig."
    assert poststuk.klantcontact.afhandeling == Afhandeling.DIRECT_BEANTWOORD
    assert poststuk.klantcontact.medewerker == agent

    with pytest.raises(ValidationError) as exc:
        services.poststuk_route(
            poststuk=poststuk, route=Route.AFGEHANDELD, toelichting="Nogmaals", door=agent
        )
    assert exc.value.message_dict == {"status": ["Dit poststuk is al afgehandeld."]}
    assert Klantcontact.objects.count() == 1


def test_an_overdue_letter_forwarded_gets_the_callback_norm(door):
    poststuk = services.poststuk_register(
        afzender_naam="Onbekende schrijver",
        onderwerp="Oude brief",
        datum_ontvangen=timezone.localdate() - datetime.timedelta(days=30),
        scan=upload(b"%PDF-1.4\n%%EOF\n"),
        door=door,
    )
    services.poststuk_route(
        poststuk=poststuk, route=Route.CONTACTVERZOEK, afdeling=AfdelingFactory(), door=door
    )
    verzoek = Contactverzoek.objects.get()
    assert verzoek.deadline > timezone.now()
    assert poststuk.poststuknummer in verzoek.klantcontact.vragen.get().vraag
    assert "Onbekende schrijver" in verzoek.klantcontact.vragen.get().vraag
    assert verzoek.klantcontact.partij is None
