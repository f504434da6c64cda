"""The API's work list reads its rows as plain values (selectors.zaken_as_listed), not
as model instances: what it answers is byte for byte what ZaakSerializer makes of the
zaken themselves, for every kind of zaak a work list holds."""

import pytest
from rest_framework.renderers import JSONRenderer

from kcc import roles
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken import selectors, services
from zaken.api.serializers import ZaakSerializer
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


def _statustype(zaak, volgnummer):
    return zaak.zaaktype.statustypen.get(volgnummer=volgnummer)


def _every_kind_of_zaak(afdeling, medewerker, naamloos) -> list[Zaak]:
    hoofdzaak = make_zaak(
        zaaktype=make_zaaktype(
            afdeling=afdeling,
            deelzaaktypen=[make_zaaktype(afdeling=afdeling), make_zaaktype(afdeling=afdeling)],
        )
    )
    deelzaak = hoofdzaak.deelzaken.order_by("pk").first()
    services.zaak_claim(zaak=deelzaak, medewerker=medewerker)
    services.zaak_status_set(
        zaak=deelzaak,
        statustype=_statustype(deelzaak, 2),
        statustoelichting="Aanvraag gecontroleerd.",
        door=medewerker,
    )
    door_naamloze = make_zaak(zaaktype=make_zaaktype(afdeling=afdeling))
    services.zaak_status_set(
        zaak=door_naamloze, statustype=_statustype(door_naamloze, 2), door=naamloos
    )
    opgeschort = services.zaak_opschorten(
        zaak=make_zaak(
            zaaktype=make_zaaktype(afdeling=afdeling, opschorting_en_aanhouding_mogelijk=True)
        ),
        reden="Wacht op stukken",
        door=medewerker,
    )
    verlengd = make_zaak(
        zaaktype=make_zaaktype(afdeling=afdeling, verlenging_mogelijk=True, verlengingstermijn=10)
    )
    services.zaak_verlengen(zaak=verlengd, reden="Advies nodig", duur=5, door=medewerker)
    afgesloten = make_zaak(zaaktype=make_zaaktype(afdeling=afdeling))
    services.zaak_status_set(
        zaak=afgesloten,
        statustype=_statustype(afgesloten, 3),
        resultaattype=afgesloten.zaaktype.resultaattypen.get(omschrijving="Geweigerd"),
        door=medewerker,
    )
    zonder_product = make_zaak(zaaktype=make_zaaktype(afdeling=afdeling))
    Zaak.objects.filter(pk=zonder_product.pk).update(product=None, initiator=None)
    return [
        hoofdzaak,
        deelzaak,
        *hoofdzaak.deelzaken.exclude(pk=deelzaak.pk),
        door_naamloze,
        opgeschort,
        verlengd,
        afgesloten,
        zonder_product,
    ]


def test_listed_rows_render_as_the_zaken_themselves(make_medewerker):
    afdeling = AfdelingFactory()
    medewerker = make_medewerker(roles.BACKOFFICE, afdeling=afdeling)
    naamloos = make_medewerker(
        roles.BACKOFFICE, afdeling=afdeling, user__first_name="", user__last_name=""
    )
    zaken = _every_kind_of_zaak(afdeling, medewerker, naamloos)
    ids = [zaak.pk for zaak in zaken]
    ids.reverse()  # not the order they were made in: the order asked for is kept

    by_pk = (
        selectors.zaak_list()
        .prefetch_related("deelzaken", "resultaat__resultaattype", "status__gezet_door__user")
        .in_bulk(ids)
    )
    expected = ZaakSerializer([by_pk[pk] for pk in ids], many=True).data
    listed = ZaakSerializer(selectors.zaken_as_listed(zaak_ids=ids), many=True).data

    assert JSONRenderer().render(listed) == JSONRenderer().render(expected)
    assert [row["uuid"] for row in listed] == [str(by_pk[pk].uuid) for pk in ids]
    assert [row["resultaat"] for row in listed].count("Geweigerd") == 1
    assert sum(len(row["deelzaken"]) for row in listed) == 2
    assert sum(row["opschorting"]["indicatie"] for row in listed) == 1
    assert listed[0]["product"] is None and listed[0]["initiator"] is None


def test_werkvoorraad_api_pages_in_deadline_order(api_client, make_medewerker):
    afdeling = AfdelingFactory()
    medewerker = make_medewerker(roles.BACKOFFICE, afdeling=afdeling)
    zaaktype = make_zaaktype(afdeling=afdeling)
    for _ in range(5):
        make_zaak(zaaktype=zaaktype)
    api_client.force_authenticate(medewerker.user)

    first = api_client.get("/api/v1/zaken", {"page_size": 3}).json()
    second = api_client.get(first["next"]).json()

    open_zaken = Zaak.objects.filter(behandelende_afdeling=afdeling).order_by(
        "uiterlijke_einddatum_afdoening", "pk"
    )
    assert first["count"] == 5
    assert [row["uuid"] for row in first["results"] + second["results"]] == [
        str(uuid) for uuid in open_zaken.values_list("uuid", flat=True)
    ]
