import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from catalogus.models import Product
from kcc.models import Eenheid, Servicenorm
from kcc.selectors import servicenorm_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def paspoort():
    return Product.objects.create(naam="Paspoort aanvragen")


def norm(kanaal="", product=None, termijn=2):
    return Servicenorm.objects.create(
        kanaal=kanaal, product=product, termijn=termijn, eenheid=Eenheid.WERKDAGEN, omschrijving="x"
    )


def test_the_most_specific_norm_applies(paspoort):
    email = norm(Servicenorm.Kanaal.EMAIL, termijn=2)
    product = norm("", paspoort, termijn=5)
    product_by_email = norm(Servicenorm.Kanaal.EMAIL, paspoort, termijn=3)

    assert servicenorm_for(kanaal="e-mail") == email
    assert servicenorm_for(kanaal="e-mail", product=paspoort) == product_by_email
    assert servicenorm_for(kanaal="post", product=paspoort) == product
    assert servicenorm_for(kanaal="post") is None
    product_by_email.delete()
    assert servicenorm_for(kanaal="e-mail", product=paspoort) == product


def test_a_norm_needs_a_kanaal_or_a_product():
    with pytest.raises(ValidationError, match="Kies een kanaal, een product of beide"):
        Servicenorm(termijn=1, eenheid=Eenheid.WERKDAGEN, omschrijving="x").full_clean()


def test_the_demo_data_has_the_kwaliteitshandvest():
    call_command("demo_data")
    call_command("demo_data")
    assert servicenorm_for(kanaal="e-mail").termijn == 2
    assert servicenorm_for(kanaal="contactverzoek").termijn == 1
    assert servicenorm_for(kanaal="webformulier").termijn == 2
    assert servicenorm_for(kanaal="post").termijn == 5
