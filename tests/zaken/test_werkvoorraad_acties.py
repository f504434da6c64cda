"""Claim, assign, bulk reassign and hand back: the services and their traces."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kcc import roles
from kcc.models import AuditLogEntry
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import selectors, services
from zaken.models import Zaak, ZaakNotitie

pytestmark = pytest.mark.django_db


def _changes(zaak) -> list[str]:
    return list(
        AuditLogEntry.objects.filter(
            object_uuid=str(zaak.uuid), actie=AuditLogEntry.Actie.CHANGE
        ).values_list("object_omschrijving", flat=True)
    )


def test_claim_puts_the_medewerker_on_the_zaak_with_a_timeline_event_and_audit(
    make_medewerker,
):
    bram = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=bram.afdeling))

    services.zaak_claim(zaak=zaak, medewerker=bram)
    services.zaak_claim(zaak=zaak, medewerker=bram)  # twice is once

    zaak.refresh_from_db()
    assert zaak.behandelaar == bram
    notitie = zaak.notities.get(soort=ZaakNotitie.Soort.OPGEPAKT)
    assert notitie.auteur == bram
    assert [i.soort for i in selectors.zaak_timeline(zaak=zaak)].count("opgepakt") == 1
    assert _changes(zaak) == [f"{zaak.identificatie}: opgepakt door {bram}"]


def test_assign_writes_timeline_and_audit_and_refuses_someone_outside_the_afdeling(
    make_medewerker,
):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    buiten = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=teamleider.afdeling))

    with pytest.raises(ValidationError) as refused:
        services.zaak_assign(zaak=zaak, behandelaar=buiten, door=teamleider)
    assert "behandelaar" in refused.value.message_dict
    assert _changes(zaak) == []

    services.zaak_assign(zaak=zaak, behandelaar=sara, door=teamleider)
    zaak.refresh_from_db()
    assert zaak.behandelaar == sara
    assert zaak.notities.get(soort=ZaakNotitie.Soort.TOEGEWEZEN).auteur == teamleider
    audit = AuditLogEntry.objects.get(object_uuid=str(zaak.uuid), actie="change")
    assert audit.user == teamleider.user


def test_bulk_reassign_is_all_or_nothing(make_medewerker):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    zaaktype = make_zaaktype(afdeling=teamleider.afdeling)
    eerste, tweede = make_zaak(zaaktype=zaaktype), make_zaak(zaaktype=zaaktype)
    elders = make_zaak()  # sara does not work there

    with pytest.raises(ValidationError):
        services.zaken_bulk_reassign(
            zaken=[eerste, tweede, elders], behandelaar=sara, door=teamleider
        )
    assert not Zaak.objects.filter(behandelaar=sara).exists()
    assert not ZaakNotitie.objects.filter(soort=ZaakNotitie.Soort.TOEGEWEZEN).exists()
    assert not AuditLogEntry.objects.filter(actie="change").exists()

    assert services.zaken_bulk_reassign(zaken=[eerste, tweede], behandelaar=sara, door=None) == 2
    assert set(Zaak.objects.filter(behandelaar=sara)) == {eerste, tweede}
    assert len(_changes(eerste)) == len(_changes(tweede)) == 1

    with pytest.raises(ValidationError, match="ten minste één zaak"):
        services.zaken_bulk_reassign(zaken=[], behandelaar=sara, door=None)


@pytest.mark.django_db(transaction=True)
def test_bulk_reassign_waits_for_a_row_lock_held_by_a_claim(make_medewerker):
    """The bulk move locks its rows: a concurrent claim on one of them either goes first
    and is overruled by the teamleider, or comes after and is refused; never both."""
    teamleider = make_medewerker(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    bram = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    zaaktype = make_zaaktype(afdeling=teamleider.afdeling)
    zaken = [make_zaak(zaaktype=zaaktype) for _ in range(3)]
    errors = []
    barrier = threading.Barrier(2)

    def run(work):
        try:
            barrier.wait()
            work()
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run,
            args=(lambda: services.zaken_bulk_reassign(zaken=zaken, behandelaar=sara, door=None),),
        ),
        threading.Thread(
            target=run, args=(lambda: services.zaak_claim(zaak=zaken[1], medewerker=bram),)
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Zaak.objects.filter(behandelaar=sara).count() == 3
    claimed = ZaakNotitie.objects.filter(zaak=zaken[1], soort=ZaakNotitie.Soort.OPGEPAKT)
    if errors:
        assert "al opgepakt" in errors[0].messages[0]
        assert not claimed.exists()
    else:
        assert claimed.exists()


def test_hand_back_puts_the_zaak_in_the_kcc_work_list_with_the_note(make_medewerker):
    kcc = AfdelingFactory(code="kcc")
    sara = make_medewerker(roles.BACKOFFICE)
    kcc_teamleider = make_medewerker(roles.TEAMLEIDER, afdeling=kcc)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=sara.afdeling))
    services.zaak_claim(zaak=zaak, medewerker=sara)

    services.zaak_hand_back(zaak=zaak, notitie="Klant bedoelde een melding", door=sara)

    assert zaak in selectors.werkvoorraad(user=kcc_teamleider.user).zaken
    zaak.refresh_from_db()
    assert zaak.behandelaar is None
    timeline = selectors.zaak_timeline(zaak=zaak)
    assert timeline[0].soort == "terug_naar_kcc"
    assert timeline[0].tekst == "Klant bedoelde een melding"
    assert f"{zaak.identificatie}: teruggegeven aan het KCC" in _changes(zaak)
    with pytest.raises(ValidationError, match="al bij het KCC"):
        services.zaak_hand_back(zaak=zaak, notitie="Nog eens", door=sara)
