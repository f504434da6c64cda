"""The callback form's afdeling list: the active afdelingen, read once per process and
again after an afdeling changes."""

import pytest

from contacts.forms import VraagForm
from kcc import lookups
from tests.factories import AfdelingFactory

pytestmark = pytest.mark.django_db


def _keuzes() -> list[str]:
    return [label for value, label in VraagForm().fields["cv_afdeling"].choices if value]


@pytest.mark.django_db(transaction=True)  # kept only after the afdelingen are committed
def test_active_afdelingen_by_name_read_once(django_assert_num_queries):
    lookups.forget()
    AfdelingFactory(naam="Zorg en Welzijn")
    AfdelingFactory(naam="Burgerzaken")
    AfdelingFactory(naam="Archief", actief=False)

    with django_assert_num_queries(1):
        eerste = _keuzes()
    with django_assert_num_queries(0):
        assert _keuzes() == eerste
    assert "Archief" not in eerste
    assert eerste.index("Burgerzaken") < eerste.index("Zorg en Welzijn")


def test_a_changed_afdeling_shows_at_once():
    lookups.forget()
    afdeling = AfdelingFactory(naam="Sport")
    assert "Sport" in _keuzes()

    AfdelingFactory(naam="Cultuur")
    assert "Cultuur" in _keuzes()

    afdeling.actief = False
    afdeling.save()
    assert "Sport" not in _keuzes()
