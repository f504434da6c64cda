import pytest

from kcc.models import Bericht
from tests.zaken.factories import make_zaak
from zaken import services

pytestmark = pytest.mark.django_db


def test_receipt_pdf_is_stored_and_releases_the_confirmation_with_attachment(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    zaak = make_zaak()
    bevestiging = Bericht.objects.get(zaak_uuid=zaak.uuid, aanleiding="Ontvangstbevestiging")
    assert not bevestiging.bijlagen.exists()

    zaak = services.zaak_ontvangstbevestiging_store(zaak=zaak)

    with zaak.ontvangstbevestiging.open("rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    bijlage = bevestiging.bijlagen.get()
    assert bijlage.formaat == "application/pdf"
    assert bijlage.bestandsnaam == f"ontvangstbevestiging-{zaak.identificatie}.pdf"
    # Running the task twice renders once.
    again = services.zaak_ontvangstbevestiging_store(zaak=zaak)
    assert again.ontvangstbevestiging.name == zaak.ontvangstbevestiging.name
    assert bevestiging.bijlagen.count() == 1
