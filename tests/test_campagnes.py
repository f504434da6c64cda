"""The campaign hook: a beheerder schedules a text to a selection of partijen."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kcc.models import Bericht, Campagne
from kcc.services import campagnes_send
from tests.contacts.factories import PersoonFactory
from tests.zaken.factories import EmailFactory

pytestmark = pytest.mark.django_db


def partij(*, email: bool = True):
    persoon = PersoonFactory()
    if email:
        EmailFactory(partij=persoon)
    return persoon


def campagne(partijen, *, over: datetime.timedelta = datetime.timedelta(0)) -> Campagne:
    return Campagne.objects.create(
        naam="Paspoort verloopt",
        onderwerp="Uw paspoort verloopt binnenkort",
        inhoud="Beste {{ naam }},\n\nUw paspoort verloopt binnenkort.\n\n{{ organisatie }}",
        partijen=[p.uuid for p in partijen],
        verstuur_op=timezone.now() + over,
    )


def test_a_due_campagne_queues_one_bericht_per_partij_with_an_address_once():
    met_email, zonder = partij(), partij(email=False)
    gepland = campagne([met_email, zonder])
    later = campagne([met_email], over=datetime.timedelta(hours=1))

    assert campagnes_send() == 1
    assert campagnes_send() == 0

    [bericht] = Bericht.objects.filter(aanleiding="Campagne 'Paspoort verloopt'")
    assert bericht.partij_uuid == met_email.uuid
    assert bericht.inhoud.startswith(f"Beste {met_email.naam},")
    gepland.refresh_from_db()
    later.refresh_from_db()
    assert (gepland.status, gepland.aantal_berichten) == (Campagne.Status.VERSTUURD, 1)
    assert later.status == Campagne.Status.GEPLAND


def form_data(**extra) -> dict:
    return {
        "naam": "Rijbewijs verloopt",
        "onderwerp": "Uw rijbewijs",
        "inhoud": "Beste {{ naam }}",
        "verstuur_op_0": "2026-12-01",
        "verstuur_op_1": "09:00:00",
        **extra,
    }


def test_the_beheerder_schedules_a_campagne_from_a_csv(client, beheerder):
    eerste, tweede = partij(), partij()
    client.force_login(beheerder.user)
    upload = SimpleUploadedFile(
        "selectie.csv", f"uuid;naam\n{eerste.uuid};a\n{tweede.uuid};b\n".encode()
    )
    response = client.post("/admin/kcc/campagne/add/", form_data(partijen_csv=upload))
    assert response.status_code == 302
    saved = Campagne.objects.get()
    assert saved.partijen == [eerste.uuid, tweede.uuid]
    assert saved.aangemaakt_door == beheerder.user.username


def test_a_bad_line_or_an_unknown_variable_is_refused(client, beheerder):
    client.force_login(beheerder.user)
    page = client.post(
        "/admin/kcc/campagne/add/",
        form_data(partijen_tekst=f"{partij().uuid}\ngeen-uuid", inhoud="Beste {{ bsn }}"),
    ).content.decode()
    assert "Geen geldige uuid op regel 2." in page
    assert "Onbekende variabele {{ bsn }}" in page
    assert not Campagne.objects.exists()
