"""Outgoing letters: a PDF on the letterhead, stored, and an outgoing klantcontact
(kanaal post) on the partij and the zaak."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from contacts.models import Kanaal, Klantcontact
from kanalen.models import UitgaandeBrief
from kanalen.post import services
from kcc.roles import KLANTCONTACTMEDEWERKER, TEAMLEIDER
from tests.contacts.factories import AdresFactory, PersoonFactory
from tests.kanalen.factories import upload
from tests.zaken.factories import make_zaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def klant():
    partij = PersoonFactory(voornaam="Jan", voorvoegsel_achternaam="", achternaam="D'Hondt")
    AdresFactory(
        partij=partij, straat="Kerkstraat", huisnummer=12, huisletter="a", woonplaats="Voorbeeld"
    )
    return partij


def test_a_letter_is_rendered_stored_and_registered_as_outgoing_contact(
    klant, make_medewerker, settings
):
    settings.KCC_ORGANISATION_POSTADRES = "Postbus 7, 1000 AA Voorbeeld"
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    zaak = make_zaak(initiator=klant)
    poststuk = services.poststuk_register(
        partij=klant,
        onderwerp="Vraag",
        kenmerk_afzender="JDH-7",
        datum_ontvangen=timezone.localdate(),
        scan=upload(b"%PDF-1.4\n%%EOF\n"),
        door=None,
    )

    brief = services.uitgaande_brief_create(
        partij=klant,
        zaak=zaak,
        poststuk=poststuk,
        onderwerp="Uw aanvraag",
        tekst="Geachte heer D'Hondt,\n\nWij hebben uw aanvraag ontvangen.\n\nTot slot.",
        door=agent,
    )

    assert brief.kenmerk == f"BRIEF-{timezone.localdate().year}-000001"
    assert brief.adresregels == "Jan D'Hondt\nKerkstraat 12a\n1234 AB  VOORBEELD"
    with brief.pdf.open("rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    # No PDF text extractor in the requirements: the HTML the PDF is rendered from.
    html = services.brief_html(brief)
    for text in [
        "Gemeente Voorbeeld",
        "Postbus 7",
        "1000 AA Voorbeeld",
        escape("Jan D'Hondt"),
        "Kerkstraat 12a",
        "1234 AB  VOORBEELD",
        brief.kenmerk,
        "JDH-7",
        zaak.identificatie,
        "Uw aanvraag",
        "Wij hebben uw aanvraag ontvangen.",
        "Met vriendelijke groet,",
        f"{timezone.localdate().day} ",
    ]:
        assert text in html, text
    assert html.count("<p>") >= 3  # one per paragraph, plus the closing
    klantcontact = brief.klantcontact
    assert klantcontact.kanaal == Kanaal.POST
    assert klantcontact.richting == Klantcontact.Richting.UITGAAND
    assert klantcontact.partij == klant
    assert klantcontact.medewerker == agent
    assert list(zaak.klantcontacten.filter(pk=klantcontact.pk)) == [klantcontact]
    assert list(poststuk.antwoordbrieven.all()) == [brief]


def test_bad_letters_are_refused_with_nothing_stored(make_medewerker):
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    zonder_adres = PersoonFactory()
    with pytest.raises(ValidationError) as exc:
        services.uitgaande_brief_create(partij=zonder_adres, onderwerp="", tekst=" ", door=agent)
    assert exc.value.message_dict == {
        "partij": ["Van deze klant is geen adres bekend."],
        "onderwerp": ["Vul het onderwerp in."],
        "tekst": ["Schrijf de tekst van de brief."],
    }
    assert not UitgaandeBrief.objects.exists()
    assert not Klantcontact.objects.exists()


def test_a_secret_address_only_for_roles_that_may_see_it(make_medewerker):
    geheim = PersoonFactory(indicatie_geheimhouding=True)
    AdresFactory(partij=geheim)
    agent = make_medewerker(KLANTCONTACTMEDEWERKER)
    with pytest.raises(ValidationError) as exc:
        services.uitgaande_brief_create(partij=geheim, onderwerp="X", tekst="Y", door=agent)
    assert "afgeschermd" in exc.value.message_dict["partij"][0]
    teamleider = make_medewerker(TEAMLEIDER)
    brief = services.uitgaande_brief_create(
        partij=geheim, onderwerp="X", tekst="Y", door=teamleider
    )
    assert brief.pdf
