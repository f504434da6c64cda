import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kcc import roles
from kcc.models import Bericht
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype
from zaken import services
from zaken.models import Resultaat, Status

pytestmark = pytest.mark.django_db


def _statustype(zaak, volgnummer):
    return zaak.zaaktype.statustypen.get(volgnummer=volgnummer)


def _resultaattype(zaak, omschrijving="Verleend"):
    return zaak.zaaktype.resultaattypen.get(omschrijving=omschrijving)


def test_status_forward_records_date_toelichting_and_who(make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak()

    status = services.zaak_status_set(
        zaak=zaak, statustype=_statustype(zaak, 2), door=medewerker, statustoelichting="Gestart"
    )

    zaak.refresh_from_db()
    assert zaak.status == status
    assert status.gezet_door == medewerker
    assert status.statustoelichting == "Gestart"
    assert status.datum_status_gezet <= timezone.now()
    # Statustype 2 does not inform the customer.
    assert not Bericht.objects.filter(aanleiding="Status 'In behandeling'").exists()


def test_status_backwards_or_the_same_is_refused_and_nothing_changes():
    zaak = make_zaak()
    services.zaak_status_set(zaak=zaak, statustype=_statustype(zaak, 2), door=None)
    for volgnummer in (1, 2):
        with pytest.raises(ValidationError) as exc:
            services.zaak_status_set(zaak=zaak, statustype=_statustype(zaak, volgnummer), door=None)
        assert "alleen vooruit" in exc.value.message_dict["statustype"][0]
    assert Status.objects.filter(zaak=zaak).count() == 2


def test_end_status_without_resultaat_is_refused():
    zaak = make_zaak()
    with pytest.raises(ValidationError) as exc:
        services.zaak_status_set(zaak=zaak, statustype=_statustype(zaak, 3), door=None)
    assert exc.value.message_dict["resultaattype"] == [
        "Kies een resultaat om de zaak af te sluiten."
    ]
    zaak.refresh_from_db()
    assert zaak.einddatum is None
    assert zaak.status.statustype.volgnummer == 1


def test_end_status_closes_the_zaak_and_informs_the_initiator():
    initiator = make_initiator()
    zaak = make_zaak(initiator=initiator)

    services.zaak_status_set(
        zaak=zaak,
        statustype=_statustype(zaak, 3),
        resultaattype=_resultaattype(zaak),
        door=None,
    )

    zaak.refresh_from_db()
    assert zaak.einddatum == timezone.localdate()
    assert Resultaat.objects.get(zaak=zaak).resultaattype.omschrijving == "Verleend"
    bericht = Bericht.objects.get(aanleiding="Status 'Besluit genomen'")
    assert bericht.ontvanger == initiator.digitale_adressen.get().adres
    assert "Er is een besluit op uw aanvraag." in bericht.inhoud
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.zaak_status_set(zaak=zaak, statustype=_statustype(zaak, 3), door=None)


def test_statustype_of_another_zaaktype_is_refused():
    zaak = make_zaak()
    other = make_zaak()
    with pytest.raises(ValidationError, match="hoort niet bij het zaaktype"):
        services.zaak_status_set(zaak=zaak, statustype=_statustype(other, 2), door=None)


def test_hoofdzaak_closes_only_when_every_deelzaak_is_closed():
    deelzaaktype = make_zaaktype(afdeling=AfdelingFactory())
    zaak = make_zaak(zaaktype=make_zaaktype(deelzaaktypen=[deelzaaktype]))
    deelzaak = zaak.deelzaken.get()

    with pytest.raises(ValidationError) as exc:
        services.zaak_status_set(
            zaak=zaak,
            statustype=_statustype(zaak, 3),
            resultaattype=_resultaattype(zaak),
            door=None,
        )
    assert deelzaak.identificatie in exc.value.message_dict["statustype"][0]
    zaak.refresh_from_db()
    assert zaak.einddatum is None

    services.zaak_status_set(
        zaak=deelzaak,
        statustype=_statustype(deelzaak, 3),
        resultaattype=_resultaattype(deelzaak),
        door=None,
    )
    services.zaak_status_set(
        zaak=zaak, statustype=_statustype(zaak, 3), resultaattype=_resultaattype(zaak), door=None
    )
    zaak.refresh_from_db()
    assert zaak.einddatum is not None


def test_claim_assign_bulk_reassign_and_hand_back(make_medewerker):
    afdeling = AfdelingFactory()
    KCC = AfdelingFactory(code="kcc")
    bram = make_medewerker(roles.BACKOFFICE, afdeling=afdeling)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=afdeling)
    buiten = make_medewerker(roles.BACKOFFICE)
    zaaktype = make_zaaktype(afdeling=afdeling)
    zaak, tweede = make_zaak(zaaktype=zaaktype), make_zaak(zaaktype=zaaktype)

    services.zaak_claim(zaak=zaak, medewerker=bram)
    with pytest.raises(ValidationError, match="al opgepakt door"):
        services.zaak_claim(zaak=zaak, medewerker=sara)
    with pytest.raises(ValidationError, match="behandelende afdeling"):
        services.zaak_claim(zaak=tweede, medewerker=buiten)

    with pytest.raises(ValidationError):
        services.zaken_bulk_reassign(zaken=[zaak, tweede], behandelaar=buiten, door=None)
    zaak.refresh_from_db()
    assert zaak.behandelaar == bram  # all or nothing

    assert services.zaken_bulk_reassign(zaken=[zaak, tweede], behandelaar=sara, door=None) == 2
    tweede.refresh_from_db()
    assert tweede.behandelaar == sara

    with pytest.raises(ValidationError, match="waarom"):
        services.zaak_hand_back(zaak=tweede, notitie=" ", door=sara)
    services.zaak_hand_back(zaak=tweede, notitie="Klant bedoelde een melding", door=sara)
    tweede.refresh_from_db()
    assert tweede.behandelende_afdeling == KCC
    assert tweede.behandelaar is None
    assert tweede.notities.last().tekst == "Klant bedoelde een melding"
