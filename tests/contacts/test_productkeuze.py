"""The product select of the registration form: its options are kept per process and
read again after a product is saved or deleted; the chosen product stays chosen."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from catalogus.models import Product
from tests.contacts.factories import PersoonFactory, ProductFactory
from tests.contacts.test_klantcontact_screen import _post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def klantbeeld(client, agent):
    client.force_login(agent.user)
    url = reverse("contacts:klantbeeld", kwargs={"uuid": PersoonFactory().uuid})
    return lambda: client.get(url).content.decode()


def _option(product: Product, selected: bool = False) -> str:
    return f'<option value="{product.uuid}"{" selected" if selected else ""}>{escape(product.naam)}'


def test_a_product_saved_or_deleted_after_the_first_page_is_in_the_next(
    klantbeeld, django_capture_on_commit_callbacks
):
    paspoort = ProductFactory(naam="Paspoort")
    assert _option(paspoort) in klantbeeld()

    # Not through save(): no signal, so the list kept by this process still holds it.
    Product.objects.filter(pk=paspoort.pk).update(naam="Paspoort (stil)")
    assert "Paspoort (stil)" not in klantbeeld()

    with django_capture_on_commit_callbacks(execute=True):
        paspoort.naam = "Paspoort & ID-kaart"
        paspoort.save()
        rijbewijs = ProductFactory(naam="Rijbewijs")
    page = klantbeeld()
    assert _option(paspoort) in page and _option(rijbewijs) in page
    assert page.index("Paspoort &amp; ID-kaart") < page.index("Rijbewijs")

    with django_capture_on_commit_callbacks(execute=True):
        rijbewijs.delete()
    assert "Rijbewijs" not in klantbeeld()


def test_no_product_is_chosen_on_a_new_contact(klantbeeld):
    product = ProductFactory()
    page = klantbeeld()
    assert '<option value="" selected>— geen product —</option>' in page
    assert _option(product) in page and " selected>" + escape(product.naam) not in page


def test_the_chosen_product_stays_chosen_when_the_form_comes_back(client, agent):
    client.force_login(agent.user)
    gekozen, ander = ProductFactory(), ProductFactory()
    url = reverse("contacts:klantbeeld", kwargs={"uuid": PersoonFactory().uuid})

    page = client.post(
        url, _post_data(**{"vragen-0-product": str(gekozen.uuid), "vragen-0-vraag": ""})
    ).content.decode()

    assert _option(gekozen, selected=True) in page
    assert _option(ander) in page
    assert '<option value="">— geen product —</option>' in page
    # The "+ vraag" template copies its options from the first question in the browser.
    template = page[page.index('<template id="vraag-template">') :]
    assert str(gekozen.uuid) not in template
