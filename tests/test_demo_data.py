import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalogus.models import Kennisartikel, Product
from catalogus.selectors import kennisbank_search
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
