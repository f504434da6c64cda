"""An afdeling without escalation rules for a soort takes those of the afdeling above it."""

import datetime

import pytest

from contacts import services as contacts_services
from kcc import roles
from kcc.models import Bericht, Escalatieregel, Notificatie, SlaSoort, SlaSweepStand
from kcc.services import sla_sweep
from tests.contacts.factories import KlantcontactFactory
from tests.factories import AfdelingFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db

SECOND = datetime.timedelta(seconds=1)


def _breach_in(afdeling, **data):
    verzoek = contacts_services.contactverzoek_create(
        klantcontact=KlantcontactFactory(),
        data=contacts_services.ContactverzoekData(
            gevraagde_handeling="Terugbellen", afdeling=afdeling, **data
        ),
        door=None,
    )
    SlaSweepStand.objects.update_or_create(pk=1, defaults={"tot": verzoek.sla_verlopen_op - SECOND})
    sla_sweep(now=verzoek.sla_verlopen_op)


def _postvak(afdeling, soort=SlaSoort.VERLOPEN):
    return Escalatieregel.objects.create(
        afdeling=afdeling, soort=soort, ontvanger=Escalatieregel.Ontvanger.POSTVAK
    )


def _mailed() -> set[str]:
    return set(Bericht.objects.values_list("ontvanger", flat=True))


def test_a_bureau_without_rules_uses_the_rules_of_its_directie_two_levels_up():
    directie = AfdelingFactory(email="directie@gemeente.example")
    afdeling = AfdelingFactory(parent=directie, email="afdeling@gemeente.example")
    bureau = AfdelingFactory(parent=afdeling, email="bureau@gemeente.example")
    _postvak(directie)

    _breach_in(bureau)

    # The rule is the directie's, so is its mailbox.
    assert _mailed() == {"directie@gemeente.example"}


def test_the_nearest_afdeling_with_rules_for_the_soort_wins():
    directie = AfdelingFactory(email="directie@gemeente.example")
    afdeling = AfdelingFactory(parent=directie, email="afdeling@gemeente.example")
    bureau = AfdelingFactory(parent=afdeling)
    _postvak(directie)
    _postvak(afdeling)
    _postvak(bureau, soort=SlaSoort.WAARSCHUWING)  # another soort: not a rule for this breach

    _breach_in(bureau)

    assert _mailed() == {"afdeling@gemeente.example"}


def test_own_rules_are_not_mixed_with_the_parents():
    directie = AfdelingFactory(email="directie@gemeente.example")
    afdeling = AfdelingFactory(parent=directie)
    teamleider = MedewerkerFactory(afdeling=afdeling, user__roles=[roles.TEAMLEIDER])
    _postvak(directie)
    Escalatieregel.objects.create(
        afdeling=afdeling, soort=SlaSoort.VERLOPEN, ontvanger=Escalatieregel.Ontvanger.TEAMLEIDER
    )

    _breach_in(afdeling)

    assert _mailed() == set()
    assert Notificatie.objects.filter(ontvanger=teamleider.user).count() == 1


def test_without_rules_anywhere_up_the_tree_the_behandelaar_hears_it():
    directie = AfdelingFactory(email="directie@gemeente.example")
    afdeling = AfdelingFactory(parent=directie)
    behandelaar = MedewerkerFactory(afdeling=afdeling)

    _breach_in(afdeling, medewerker=behandelaar)

    assert _mailed() == set()
    assert Notificatie.objects.filter(ontvanger=behandelaar.user).count() == 1
