"""The dashboard's zaken, termijnbewaking and wachttijden sections, with drill-down."""

import datetime

import pytest
from django.utils import timezone

from kanalen.models import Chat
from kcc import roles
from kcc.dashboard.sections import dashboard_sections
from kcc.kpi import KpiFilterForm
from kcc.models import SlaGebeurtenis, SlaSoort
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()


def _sections(**data) -> dict:
    form = KpiFilterForm({"periode": "maand", **data})
    assert form.is_valid(), form.errors
    return {section.key: section for section in dashboard_sections(form)}


def _tegels(section) -> dict:
    return {tegel.key: tegel for tegel in section.tegels}


@pytest.fixture
def zaken():
    zaaktype = make_zaaktype(omschrijving="Parkeervergunning")
    open_op_tijd, open_te_laat, dicht_op_tijd, dicht_te_laat = (
        make_zaak(zaaktype=zaaktype) for _ in range(4)
    )
    gisteren = VANDAAG - datetime.timedelta(days=1)
    Zaak.objects.filter(pk=open_te_laat.pk).update(
        uiterlijke_einddatum_afdoening=gisteren,
        registratiedatum=VANDAAG - datetime.timedelta(days=40),
    )
    Zaak.objects.filter(pk=dicht_op_tijd.pk).update(einddatum=VANDAAG)
    Zaak.objects.filter(pk=dicht_te_laat.pk).update(
        einddatum=VANDAAG, uiterlijke_einddatum_afdoening=gisteren
    )
    return zaaktype


def test_zaken_tiles_per_zaaktype_and_backlog_by_age(zaken):
    section = _sections()["zaken"]
    tegels = _tegels(section)
    assert tegels["afgesloten"].waarde == 2
    assert tegels["op_tijd"].waarde == 50.0
    assert tegels["open"].waarde == 2 and tegels["te_laat"].waarde == 1
    tabellen = {t.key: t for t in section.tabellen}
    rij = tabellen["zaken_per_zaaktype"].rijen[0]
    assert [cel.waarde for cel in rij] == ["Parkeervergunning", 2, 50.0, 2, 1]
    leeftijden = {r[0].waarde: r[1].waarde for r in tabellen["zaken_achterstand"].rijen}
    assert leeftijden["0–7 dagen"] == 1 and leeftijden["31–90 dagen"] == 1


def test_per_zaaktype_joins_closed_and_open_counts_and_keeps_namesakes_apart(zaken):
    alleen_open = make_zaaktype(omschrijving="Bijstand")
    make_zaak(zaaktype=alleen_open)
    naamgenoot = make_zaaktype(omschrijving="Parkeervergunning")
    Zaak.objects.filter(pk=make_zaak(zaaktype=naamgenoot).pk).update(einddatum=VANDAAG)
    oud = make_zaak(zaaktype=alleen_open)  # closed before the period: not counted
    Zaak.objects.filter(pk=oud.pk).update(einddatum=VANDAAG - datetime.timedelta(days=400))

    tabellen = {t.key: t for t in _sections()["zaken"].tabellen}

    rijen = [[cel.waarde for cel in rij] for rij in tabellen["zaken_per_zaaktype"].rijen]
    assert rijen == [
        ["Bijstand", 0, None, 1, 0],
        ["Parkeervergunning", 2, 50.0, 2, 1],
        ["Parkeervergunning", 1, 100.0, 0, 0],
    ]


def test_a_zaken_number_drills_down_to_those_zaken(client, make_medewerker, zaken):
    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    href = _tegels(_sections()["zaken"])["te_laat"].href
    page = client.get(href).content.decode()
    te_laat = Zaak.objects.get(uiterlijke_einddatum_afdoening__lt=VANDAAG, einddatum=None)
    assert te_laat.identificatie in page
    assert page.count("/zaken/") >= 1 and "1 resultaat" in page


def _gebeurtenis(soort, *, kanaal="e-mail", afdeling=None):
    now = timezone.now()
    return SlaGebeurtenis.objects.create(
        object_type="zaak",
        object_uuid="00000000-0000-4000-8000-000000000001",
        omschrijving="zaak ZAAK-1 Parkeervergunning",
        link="/zaken/",
        afdeling=afdeling,
        kanaal=kanaal,
        soort=soort,
        deadline=now,
        tijdstip=now,
    )


def test_sla_section_counts_breaches_per_kanaal_and_afdeling_and_drills_down(
    client, make_medewerker
):
    burgerzaken = AfdelingFactory(naam="Burgerzaken")
    _gebeurtenis(SlaSoort.VERLOPEN, afdeling=burgerzaken)
    _gebeurtenis(SlaSoort.VERLOPEN, kanaal="telefoon", afdeling=burgerzaken)
    _gebeurtenis(SlaSoort.WAARSCHUWING)

    section = _sections()["sla"]
    assert _tegels(section)[SlaSoort.VERLOPEN].waarde == 2
    per_kanaal = {
        rij[0].waarde: rij[2].waarde for rij in section.tabellen[0].rijen
    }  # column 2: verlopen
    assert per_kanaal["E-mail"] == 1 and per_kanaal["Telefoon"] == 1
    assert _tegels(_sections(kanaal="e-mail")["sla"])[SlaSoort.VERLOPEN].waarde == 1

    client.force_login(make_medewerker(roles.TEAMLEIDER).user)
    page = client.get(_tegels(section)[SlaSoort.VERLOPEN].href).content.decode()
    assert "2 resultaten" in page and "zaak ZAAK-1 Parkeervergunning" in page


def test_chat_waiting_time_against_its_norm():
    start = timezone.now() - datetime.timedelta(minutes=10)
    for wacht in (30, 90):
        Chat.objects.create(
            vraag="Hoe lang duurt een paspoort?",
            gestart_op=start,
            aangenomen_op=start + datetime.timedelta(seconds=wacht),
            status=Chat.Status.BEEINDIGD,
        )
    rijen = {rij[0].waarde: rij for rij in _sections()["wachttijden"].tabellen[0].rijen}
    chat = [cel.waarde for cel in rijen["Chat"]]
    assert chat == ["Chat", 2, 60, 90, 60, 50.0]
