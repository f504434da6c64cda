"""The werkvoorraad's actions on screen: claim and bulk reassign as htmx swaps of the
list, assign and hand back on the zaak page, taking a contactverzoek on."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from contacts.models import Contactverzoek
from kcc import roles
from tests.contacts.factories import ContactverzoekFactory
from tests.factories import AfdelingFactory
from tests.zaken.factories import make_zaak, make_zaaktype
from zaken.models import Zaak

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_claim_from_the_list_answers_with_the_list(client, make_medewerker):
    bram = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=bram.afdeling))
    client.force_login(bram.user)

    response = client.post(
        reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "oppakken"}),
        {"volgende": "werkvoorraad", "query": "filter=mij"},
        **HTMX,
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "zaken/partials/werkvoorraad_tabel.html"
    html = response.content.decode()
    assert "U heeft de zaak opgepakt." in html
    assert escape(str(bram)) in html
    assert 'aria-current="true">Van mij (1)' in html


def test_bulk_reassign_swaps_the_list_and_refuses_everything_on_one_bad_zaak(
    client, make_medewerker
):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    zaaktype = make_zaaktype(afdeling=teamleider.afdeling)
    eerste, tweede = make_zaak(zaaktype=zaaktype), make_zaak(zaaktype=zaaktype)
    elders = make_zaak()
    client.force_login(teamleider.user)
    url = reverse("zaken:bulk-toewijzen")

    nothing = client.post(url, {"behandelaar": sara.uuid, "zaken": ["kapot"]}, **HTMX)
    mixed = client.post(
        url, {"behandelaar": sara.uuid, "zaken": [eerste.uuid, elders.uuid]}, **HTMX
    )
    assert nothing.status_code == mixed.status_code == 400
    assert "Kies ten minste één zaak." in nothing.content.decode()
    assert "werkt niet bij" in mixed.content.decode()
    assert not Zaak.objects.filter(behandelaar=sara).exists()

    done = client.post(url, {"behandelaar": sara.uuid, "zaken": [eerste.uuid, tweede.uuid]}, **HTMX)
    assert done.status_code == 200
    assert escape(f"2 zaken toegewezen aan {sara}.") in done.content.decode()
    assert set(Zaak.objects.filter(behandelaar=sara)) == {eerste, tweede}


def test_bulk_reassign_without_htmx_redirects_to_the_list(client, make_medewerker):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=teamleider.afdeling))
    client.force_login(teamleider.user)

    response = client.post(
        reverse("zaken:bulk-toewijzen"),
        {"behandelaar": teamleider.uuid, "zaken": [zaak.uuid], "query": "filter=te_laat"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("zaken:werkvoorraad") + "?filter=te_laat"


def test_backoffice_cannot_bulk_reassign_or_assign(client, make_medewerker):
    bram = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=bram.afdeling))
    client.force_login(bram.user)

    bulk = client.post(reverse("zaken:bulk-toewijzen"), {"zaken": [zaak.uuid]})
    assign = client.post(
        reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "toewijzen"}),
        {"behandelaar": bram.uuid},
    )
    page = client.get(reverse("zaken:zaak", kwargs={"uuid": zaak.uuid})).content.decode()

    assert bulk.status_code == assign.status_code == 403
    assert "Toewijzen aan" not in page


def test_teamleider_assigns_on_the_zaak_page(client, make_medewerker):
    teamleider = make_medewerker(roles.TEAMLEIDER)
    sara = make_medewerker(roles.BACKOFFICE, afdeling=teamleider.afdeling)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=teamleider.afdeling))
    client.force_login(teamleider.user)
    url = reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "toewijzen"})

    empty = client.post(url, {"behandelaar": ""})
    done = client.post(url, {"behandelaar": sara.uuid}, follow=True)

    assert empty.status_code == 400
    assert "Niet opgeslagen" in empty.content.decode()
    html = done.content.decode()
    assert "De zaak is toegewezen." in html
    assert escape(f"Toegewezen aan {sara}.") in html


def test_hand_back_from_the_zaak_page_goes_to_the_werkvoorraad(client, make_medewerker):
    AfdelingFactory(code="kcc")
    bram = make_medewerker(roles.BACKOFFICE)
    zaak = make_zaak(zaaktype=make_zaaktype(afdeling=bram.afdeling))
    client.force_login(bram.user)
    url = reverse("zaken:actie", kwargs={"uuid": zaak.uuid, "actie": "terug"})

    empty = client.post(url, {"notitie": " ", "volgende": "werkvoorraad"})
    done = client.post(url, {"notitie": "Hoort bij de balie", "volgende": "werkvoorraad"})

    assert empty.status_code == 400
    assert done.status_code == 302
    assert done["Location"] == reverse("zaken:werkvoorraad")
    zaak.refresh_from_db()
    assert zaak.behandelende_afdeling.code == "kcc"


def test_contactverzoek_is_taken_on_from_the_werkvoorraad(client, make_medewerker):
    bram = make_medewerker(roles.BACKOFFICE)
    verzoek = ContactverzoekFactory(afdeling=bram.afdeling)
    client.force_login(bram.user)
    page = client.get(reverse("zaken:werkvoorraad")).content.decode()
    url = reverse("contacts:contactverzoek-oppakken", kwargs={"uuid": verzoek.uuid})
    assert url in page

    response = client.post(url, {"volgende": "werkvoorraad"})

    assert response["Location"] == reverse("zaken:werkvoorraad")
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.medewerker) == (Contactverzoek.Status.IN_BEHANDELING, bram)
