"""The contactverzoeken the werkvoorraad screen shows: the first few due of those
addressed to the medewerker, their team or their afdeling, in one short query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts import selectors
from contacts.models import Contactverzoek
from kcc import roles
from tests.contacts.factories import ContactverzoekFactory
from tests.factories import AfdelingFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _over(uren: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=uren)


def test_the_first_due_of_mine_my_teams_and_my_afdelings(make_medewerker):
    medewerker = make_medewerker(roles.BACKOFFICE)
    medewerker.team = TeamFactory(afdeling=medewerker.afdeling)
    medewerker.save()
    afdeling, team = medewerker.afdeling, medewerker.team
    te_laat = ContactverzoekFactory(afdeling=afdeling, deadline=_over(-5))
    voor_mij = ContactverzoekFactory(
        afdeling=AfdelingFactory(), medewerker=medewerker, deadline=_over(1)
    )
    voor_team = ContactverzoekFactory(afdeling=AfdelingFactory(), team=team, deadline=_over(2))
    ContactverzoekFactory(afdeling=afdeling, deadline=_over(3))  # the fourth: past the limit
    ContactverzoekFactory(
        afdeling=afdeling, deadline=_over(-9), status=Contactverzoek.Status.VERWERKT
    )
    ContactverzoekFactory(afdeling=AfdelingFactory(), deadline=_over(-9))  # someone else's

    with CaptureQueriesContext(connection) as queries:
        first = selectors.contactverzoeken_due(medewerker=medewerker, limit=3)
        partijen = [verzoek.klantcontact.partij for verzoek in first]

    assert first == [te_laat, voor_mij, voor_team]
    assert [verzoek.te_laat for verzoek in first] == [True, False, False]
    assert all(partijen)
    assert len(queries) == 1


def test_without_a_medewerker_there_is_nothing_due():
    ContactverzoekFactory()
    assert selectors.contactverzoeken_due(medewerker=None, limit=20) == []
