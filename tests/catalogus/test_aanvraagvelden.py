"""The questions of a product's web application form, as the redacteur defines them."""

import pytest
from django.core.exceptions import ValidationError

from catalogus.models import Aanvraagveld
from catalogus.services import AanvraagveldData, aanvraagvelden_replace, product_update
from kcc.roles import REDACTEUR, ROLE_PERMISSIONS
from tests.contacts.factories import ProductFactory

pytestmark = pytest.mark.django_db

T = Aanvraagveld.Type


def test_the_questions_are_stored_in_the_given_order():
    product = ProductFactory()

    aanvraagvelden_replace(
        product=product,
        velden=[
            AanvraagveldData("Kenteken"),
            AanvraagveldData("Soort", T.KEUZE, keuzes=["Eerste", "Tweede"]),
            AanvraagveldData("Ingangsdatum", T.DATUM, verplicht=False),
        ],
    )

    velden = list(product.aanvraagvelden.all())
    assert [v.label for v in velden] == ["Kenteken", "Soort", "Ingangsdatum"]
    assert velden[1].keuzelijst == ["Eerste", "Tweede"]
    assert velden[2].verplicht is False


@pytest.mark.parametrize(
    ("veld", "key", "message"),
    [
        (AanvraagveldData("", T.TEKST), "label", "niet leeg"),
        (AanvraagveldData("Soort", T.KEUZE, keuzes=["Alleen"]), "keuzes", "ten minste twee"),
        (AanvraagveldData("Soort", T.KEUZE, keuzes=["A", "A"]), "keuzes", "maar één keer"),
        (AanvraagveldData("Kenteken", T.TEKST, keuzes=["A", "B"]), "keuzes", "alleen bij"),
        (AanvraagveldData("Kenteken", "plaatje"), "type", "geldige keuze"),
        (AanvraagveldData("x" * 201), "label", "200"),
    ],
)
def test_a_bad_question_is_refused_with_a_message_per_field_and_nothing_changes(veld, key, message):
    product = ProductFactory()
    aanvraagvelden_replace(product=product, velden=[AanvraagveldData("Bestaand")])

    with pytest.raises(ValidationError) as raised:
        aanvraagvelden_replace(product=product, velden=[AanvraagveldData("Goed"), veld])

    errors = raised.value.message_dict
    assert list(errors) == [f"aanvraagvelden.1.{key}"]
    assert message.lower() in " ".join(errors[f"aanvraagvelden.1.{key}"]).lower()
    assert [v.label for v in product.aanvraagvelden.all()] == ["Bestaand"]


def test_the_same_question_twice_is_refused():
    product = ProductFactory()

    with pytest.raises(ValidationError) as raised:
        aanvraagvelden_replace(
            product=product, velden=[AanvraagveldData("Kenteken"), AanvraagveldData("kenteken")]
        )

    assert raised.value.message_dict == {
        "aanvraagvelden.1.label": ["Deze vraag staat al op het formulier."]
    }


def test_product_update_replaces_the_questions():
    product = ProductFactory()
    aanvraagvelden_replace(product=product, velden=[AanvraagveldData("Oud")])

    product_update(product=product, aanvraagvelden=[AanvraagveldData("Nieuw", T.GETAL)])

    assert [(v.label, v.type) for v in product.aanvraagvelden.all()] == [("Nieuw", "getal")]


def test_the_redacteur_may_edit_the_questions():
    assert {
        "catalogus.add_aanvraagveld",
        "catalogus.change_aanvraagveld",
        "catalogus.delete_aanvraagveld",
    } <= set(ROLE_PERMISSIONS[REDACTEUR])


def test_the_admin_edits_the_questions_inline_on_the_product(admin_client):
    product = ProductFactory(naam="Parkeervergunning")
    aanvraagvelden_replace(product=product, velden=[AanvraagveldData("Kenteken")])

    html = admin_client.get(f"/admin/catalogus/product/{product.pk}/change/").content.decode()

    assert "aanvraagvelden-0-label" in html
    assert 'value="Kenteken"' in html
