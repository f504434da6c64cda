"""Query counts per request of the werkvoorraad and the intake: they stay the same
whatever the number of zaken on the page (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Kanaal
from kcc import roles
from tests.contacts.factories import ContactverzoekFactory, ProductFactory
from tests.zaken.factories import make_initiator, make_zaak, make_zaaktype
from zaken import selectors, services
from zaken.models import Zaak

pytestmark = pytest.mark.django_db


def _count(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code in (200, 201), response.content[:500]
    return len(queries)


def _fill(afdeling, behandelaar, aantal: int) -> None:
    zaaktype = make_zaaktype(afdeling=afdeling)
    hoofdzaak = make_zaak(zaaktype=make_zaaktype(afdeling=afdeling, deelzaaktypen=[zaaktype]))
    hoofdzaak.deelzaken.update(behandelaar=behandelaar)
    for _ in range(aantal):
        make_zaak(zaaktype=zaaktype)
    ContactverzoekFactory(afdeling=afdeling)


def test_werkvoorraad_page_queries_do_not_grow_with_the_rows(client, make_medewerker):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    client.force_login(teamleider.user)
    _fill(teamleider.afdeling, teamleider, 2)
    url = reverse("zaken:werkvoorraad")
    client.get(url)  # session and permission caches

    few = _count(lambda: client.get(url))
    _fill(teamleider.afdeling, teamleider, 6)
    many = _count(lambda: client.get(url))

    assert few == many
    assert many <= 16  # 15, plus the processing log of the contactverzoeken shown


def test_werkvoorraad_api_queries_do_not_grow_with_the_rows(api_client, make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    api_client.force_authenticate(medewerker.user)
    _fill(medewerker.afdeling, medewerker, 2)
    api_client.get("/api/v1/zaken")  # permission caches

    few = _count(lambda: api_client.get("/api/v1/zaken"))
    _fill(medewerker.afdeling, medewerker, 6)
    many = _count(lambda: api_client.get("/api/v1/zaken"))

    assert few == many
    assert many <= 12


def test_intake_queries(agent_api):
    zaaktype = make_zaaktype()
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )
    body = {
        "product": str(product.uuid),
        "initiator": str(make_initiator().uuid),
        "communicatiekanaal": Kanaal.WEBFORMULIER,
    }

    queries = _count(
        lambda: agent_api.post("/api/v1/zaken", body, format="json", HTTP_IDEMPOTENCY_KEY="q-1")
    )

    # With every per-process cache cold (the zaaktype was made in this very
    # transaction, so nothing of it is cached); a warm server: test_write_path_queries.
    assert queries <= 34


@pytest.mark.parametrize(
    "filters", [{}, {"alleen_mij": True}, {"te_laat": True}, {"deze_week": True}]
)
def test_the_known_total_is_the_number_of_rows(make_medewerker, filters):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    _fill(teamleider.afdeling, teamleider, 3)
    zaaktype = make_zaaktype(afdeling=teamleider.afdeling, doorlooptijd=1)
    make_zaak(zaaktype=zaaktype)
    Zaak.objects.filter(zaaktype=zaaktype).update(uiterlijke_einddatum_afdoening="2020-01-01")

    voorraad = selectors.werkvoorraad(user=teamleider.user, **filters)

    assert voorraad.total == voorraad.zaken.count()


def test_intake_writes_each_zaak_once(agent):
    """A hoofdzaak with its deelzaak takes its numbers and status ids in one query,
    then inserts each zaak pointing at its first status: no zaak is updated after."""
    deel = make_zaaktype()
    zaaktype = make_zaaktype(deelzaaktypen=[deel])
    product = ProductFactory(
        zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling
    )

    with CaptureQueriesContext(connection) as queries:
        zaak = services.zaak_intake(
            product=product, initiator=make_initiator(), kanaal=Kanaal.BALIE, door=agent
        )

    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if "zaken_zaaknummers(" in s]) == 1
    assert len([s for s in sql if s.startswith('INSERT INTO "zaken_zaak"')]) == 2
    assert len([s for s in sql if s.startswith('INSERT INTO "zaken_status"')]) == 2
    assert not [s for s in sql if s.startswith('UPDATE "zaken_zaak"')]
    deelzaak = zaak.deelzaken.get()
    assert deelzaak.identificatie > zaak.identificatie
    for opgeslagen in Zaak.objects.filter(pk__in=[zaak.pk, deelzaak.pk]).select_related("status"):
        assert opgeslagen.status.zaak_id == opgeslagen.pk


def test_werkvoorraad_api_first_page_of_a_named_afdeling(
    api_client, make_medewerker, django_assert_max_num_queries
):
    """As the benchmark asks it: ?afdeling=<uuid>, nearest deadline first. The COUNT
    for the page's `count` is one of them (an index-only scan of the partial index)."""
    medewerker = make_medewerker(roles.BACKOFFICE)
    api_client.force_authenticate(medewerker.user)
    _fill(medewerker.afdeling, medewerker, 4)
    url = f"/api/v1/zaken?afdeling={medewerker.afdeling.uuid}"
    api_client.get(url)  # permission caches

    with django_assert_max_num_queries(13):
        response = api_client.get(url)

    body = response.json()
    deadlines = [zaak["uiterlijke_einddatum_afdoening"] for zaak in body["results"]]
    assert body["count"] == len(body["results"]) and deadlines == sorted(deadlines)
