import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

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
    assert Medewerker.objects.count() == 5
    for username, role in [
        ("agent", "Klantcontactmedewerker"),
        ("backoffice", "Backoffice"),
        ("manager", "Teamleider"),
        ("redacteur", "Redacteur"),
        ("beheerder", "Beheerder"),
    ]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("demo"), username
        assert list(user.groups.values_list("name", flat=True)) == [role]
