"""The contactverzoeken screen shows a page at a time, nearest deadline first, and
logs the viewing of the requests shown, not of every open one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.views import CONTACTVERZOEKEN_PAGE_SIZE
from kcc import roles
from kcc.models import AuditLogEntry
from tests.contacts.factories import ContactverzoekFactory

pytestmark = pytest.mark.django_db


def test_the_screen_pages_through_the_open_requests(client, make_medewerker):
    backoffice = make_medewerker(roles.BACKOFFICE)
    now = timezone.now()
    verzoeken = [
        ContactverzoekFactory(
            afdeling=backoffice.afdeling,
            gevraagde_handeling=f"Verzoek {n:02d}",
            deadline=now + datetime.timedelta(hours=n),
        )
        for n in range(CONTACTVERZOEKEN_PAGE_SIZE + 2)
    ]
    client.force_login(backoffice.user)
    url = reverse("contacts:contactverzoeken")

    first = client.get(url).text
    second = client.get(url, {"pagina": 2}).text

    shown_first = [v for v in verzoeken if v.gevraagde_handeling + "<" in first]
    assert shown_first == verzoeken[:CONTACTVERZOEKEN_PAGE_SIZE]
    assert "Pagina 1 van 2" in first and "pagina=2" in first
    assert "Verzoek 25<" in second and "Verzoek 26<" in second and "Verzoek 24<" not in second
    viewed = AuditLogEntry.objects.filter(object_type="contactverzoek", actie="view")
    assert viewed.count() == CONTACTVERZOEKEN_PAGE_SIZE + 2
    assert first.index("Verzoek 00<") < first.index("Verzoek 24<")
