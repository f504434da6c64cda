import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from catalogus.models import Kennisartikel, Product
from catalogus.selectors import kennisbank_search
from contacts import identifiers
from contacts import selectors as contacts_selectors
from contacts.models import (
    Contactverzoek,
    DigitaalAdres,
    Kanaal,
    Klantcontact,
    Partij,
    Tevredenheidsmeting,
)
from contacts.registers import LocalRegister
from kanalen.models import Poststuk
from kcc.management.commands.demo_data import ACCOUNTS
from kcc.models import Afdeling, Medewerker


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_has_the_demo_accounts():
    call_command("demo_data")
    call_command("demo_data")
    assert set(Afdeling.objects.values_list("naam", flat=True)) >= {
        "KCC",
        "Burgerzaken",
        "Vergunningen",
        "Belastingen",
        "Sociaal Domein (Wmo)",
        "Openbare Ruimte",
    }
    assert Medewerker.objects.count() == len(ACCOUNTS)
    for username, role in [
        ("agent", "Klantcontactmedewerker"),
        ("backoffice", "Backoffice"),
        ("vergunningen", "Backoffice"),
        ("openbareruimte", "Backoffice"),
        ("manager", "Teamleider"),
        ("redacteur", "Redacteur"),
        ("beheerder", "Beheerder"),
        ("postkamer", "Postkamer (DIV)"),
    ]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("demo"), username
        assert list(user.groups.values_list("name", flat=True)) == [role]
    # The post room's demo letters, registered once: two to route, two in the KCC's queue.
    assert sorted(Poststuk.objects.values_list("status", flat=True)) == [
        "te_routeren",
        "te_routeren",
        "werkvoorraad",
        "werkvoorraad",
    ]


@pytest.mark.django_db
def test_demo_data_fills_the_catalogue_with_routed_products_and_articles():
    call_command("demo_data")
    call_command("demo_data")
    assert Product.objects.count() == 512
    assert Kennisartikel.objects.count() == 20
    paspoort = Product.objects.get(upl_naam="paspoort")
    assert paspoort.behandelende_afdeling.code == "burgerzaken"
    assert paspoort.zaaktype.statustypen.filter(informeren=True).exists()
    evenement = Product.objects.get(upl_naam="evenementenvergunning").zaaktype
    assert [d.behandelende_afdeling.code for d in evenement.deelzaaktypen.all()] == [
        "openbare-ruimte"
    ]
    assert kennisbank_search(query="trouwen")[0].titel == "Huwelijk"
    for upl in ("parkeervergunning", "evenementenvergunning"):
        webaanvraag = Product.objects.get(upl_naam=upl)
        assert "web" in webaanvraag.aanvraagkanalen
        assert webaanvraag.aanvraagvelden.count() >= 4  # added once, not per run
        assert webaanvraag.aanvraagvelden.count() < 8


@pytest.mark.django_db
def test_demo_register_is_a_living_contact_centre():
    register = LocalRegister()
    personen, bedrijven = register.personen(), register.bedrijven()
    assert len(personen) >= 300 and len(bedrijven) >= 50
    for persoon in personen:
        assert identifiers.normalise_bsn(persoon.bsn) == persoon.bsn
        assert persoon.adres.woonplaats == "Voorbeeld"
        assert identifiers.normalise_postcode(persoon.adres.postcode) == persoon.adres.postcode
    for bedrijf in bedrijven:
        identifiers.normalise_kvk_nummer(bedrijf.kvk_nummer)
        identifiers.normalise_vestigingsnummer(bedrijf.vestigingsnummer)
        identifiers.normalise_bsn(bedrijf.rsin)

    call_command("demo_data")

    assert Partij.objects.filter(soort=Partij.Soort.PERSOON).count() >= 300
    assert Partij.objects.filter(soort=Partij.Soort.ORGANISATIE).count() >= 50
    emails = list(DigitaalAdres.objects.filter(soort="email").values_list("adres", flat=True))
    assert len(emails) == len(set(emails))
    for email in emails:
        identifiers.normalise_email(email)
    assert contacts_selectors.partij_by_email("jan.jansen@example.nl").naam == "Jan Jansen"

    now = timezone.now()
    historie = Klantcontact.objects.filter(partij__isnull=False)
    assert set(historie.values_list("kanaal", flat=True)) == set(Kanaal.values)
    assert historie.filter(plaatsgevonden_op__lt=now - datetime.timedelta(days=300)).exists()
    assert historie.filter(plaatsgevonden_op__gt=now - datetime.timedelta(days=7)).exists()
    assert not historie.filter(plaatsgevonden_op__gt=now).exists()
    assert historie.filter(partij__soort=Partij.Soort.ORGANISATIE).exists()
    open_ = Contactverzoek.objects.exclude(status=Contactverzoek.Status.VERWERKT)
    assert open_.filter(deadline__lt=now).exists() and open_.filter(deadline__gt=now).exists()
    assert Contactverzoek.objects.filter(status=Contactverzoek.Status.VERWERKT).exists()
    assert Tevredenheidsmeting.objects.filter(score__isnull=False).exists()
    assert Tevredenheidsmeting.objects.filter(score__isnull=True).exists()
