"""Templates per berichtsoort: checked before they are saved, used for every bericht."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from kcc.berichtsjablonen import default_text
from kcc.models import Bericht, BerichtSjabloon
from tests.zaken.factories import make_zaak

pytestmark = pytest.mark.django_db


def test_the_former_hard_coded_texts_are_seeded_as_templates():
    # Transactional tests empty the tables, so the data migration is run here again.
    BerichtSjabloon.objects.all().delete()
    import_module("kcc.migrations.0010_berichtsjablonen_seed").seed(apps, None)
    seeded = set(BerichtSjabloon.objects.values_list("code", "kanaal"))
    assert seeded >= {
        ("zaak_status", "email"),
        ("zaak_status", "sms"),
        ("zaak_ontvangstbevestiging", "email"),
        ("email_ontvangstbevestiging", "email"),
        ("webformulier_bevestiging", "email"),
        ("tevredenheid_uitnodiging", "email"),
    }


def sjabloon() -> BerichtSjabloon:
    onderwerp, inhoud = default_text("zaak_status", "email")
    return BerichtSjabloon.objects.get_or_create(
        code="zaak_status", kanaal="email", defaults={"onderwerp": onderwerp, "inhoud": inhoud}
    )[0]


def test_a_template_with_an_unknown_variable_cannot_be_saved():
    template = sjabloon()
    template.inhoud = "Beste {{ naam }}, uw {{ burgerservicenummer }} is bekend."
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    message = error.value.message_dict["inhoud"][0]
    assert message.startswith("Onbekende variabele {{ burgerservicenummer }}.")
    assert "naam, zaaknummer" in message


def test_an_unknown_variable_in_a_condition_is_found_too():
    template = sjabloon()
    template.onderwerp = "{% if spoed %}Spoed: {% endif %}Uw zaak"
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "{{ spoed }}" in error.value.message_dict["onderwerp"][0]


def test_a_template_with_a_syntax_error_cannot_be_saved():
    template = sjabloon()
    template.inhoud = "{% if naam %}Beste {{ naam }}"
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert error.value.message_dict["inhoud"][0].startswith("De opmaak klopt niet:")


def test_the_edited_template_is_what_the_customer_gets():
    template = sjabloon()
    template.onderwerp = "Zaak {{ zaaknummer }}: {{ status }}"
    template.inhoud = "Hallo {{ naam }},\n\n{{ statustekst }}\n\n{{ organisatie }}"
    template.full_clean()
    template.save()

    zaak = make_zaak()

    bericht = Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding__startswith="Status")
    assert bericht.onderwerp == f"Zaak {zaak.identificatie}: Aanvraag ontvangen"
    assert bericht.inhoud.startswith(f"Hallo {zaak.initiator.naam},")
    assert "Wij hebben uw aanvraag ontvangen." in bericht.inhoud


def test_without_a_stored_template_the_default_text_is_used():
    BerichtSjabloon.objects.all().delete()
    zaak = make_zaak()
    bericht = Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding__startswith="Status")
    assert bericht.onderwerp == f"Nieuwe status van uw zaak {zaak.identificatie}"


def test_the_live_preview_renders_the_typed_texts_on_example_data(client, beheerder):
    client.force_login(beheerder.user)
    url = "/admin/kcc/berichtsjabloon/voorbeeld/"
    response = client.post(
        url, {"code": "zaak_status", "onderwerp": "Zaak {{ zaaknummer }}", "inhoud": "{{ naam }}"}
    )
    assert response.json()["onderwerp"] == "Zaak ZAAK-2026-0000123"
    assert response.json()["inhoud"] == "J. de Vries"

    response = client.post(url, {"code": "zaak_status", "onderwerp": "", "inhoud": "{{ bsn }}"})
    assert response.status_code == 400
    assert response.json()["fouten"][0].startswith("Onbekende variabele {{ bsn }}")


def test_the_admin_refuses_to_save_an_unknown_variable(client, beheerder):
    client.force_login(beheerder.user)
    template = sjabloon()
    response = client.post(
        f"/admin/kcc/berichtsjabloon/{template.pk}/change/",
        {"code": "zaak_status", "kanaal": "email", "onderwerp": "x", "inhoud": "{{ bsn }}"},
    )
    assert response.status_code == 200
    assert "Onbekende variabele {{ bsn }}" in response.content.decode()
    template.refresh_from_db()
    assert "bsn" not in template.inhoud
