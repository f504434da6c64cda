"""The per-process caches of rarely-changing configuration (kcc/lookups.py): read
once, and a change is seen at once in this process, after its commit in another
one, and never when it was rolled back."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from kcc import lookups, roles
from kcc.models import Eenheid, Servicenorm
from kcc.selectors import servicenorm_for
from tests.conftest import BASE_DIR
from tests.zaken.factories import make_zaak, make_zaaktype

pytestmark = pytest.mark.django_db(transaction=True)

KANAAL = Servicenorm.Kanaal.CONTACTVERZOEK
User = get_user_model()


def _norm(termijn: int) -> Servicenorm:
    return Servicenorm.objects.create(
        kanaal=KANAAL, termijn=termijn, eenheid=Eenheid.WERKDAGEN, omschrijving="Terugbellen"
    )


def test_a_lookup_is_read_once(django_assert_num_queries):
    _norm(2)
    with django_assert_num_queries(1):
        assert servicenorm_for(kanaal=KANAAL).termijn == 2
    with django_assert_num_queries(0):
        assert servicenorm_for(kanaal=KANAAL).termijn == 2


def test_a_saved_change_is_seen_at_once_in_this_process():
    norm = _norm(2)
    servicenorm_for(kanaal=KANAAL)
    norm.termijn = 3
    norm.save()
    assert servicenorm_for(kanaal=KANAAL).termijn == 3
    norm.delete()
    assert servicenorm_for(kanaal=KANAAL) is None


def test_a_rolled_back_change_is_not_kept():
    _norm(2)
    servicenorm_for(kanaal=KANAAL)
    with pytest.raises(RuntimeError), transaction.atomic():
        Servicenorm.objects.update(termijn=9)
        Servicenorm.objects.get().save()
        # Inside the transaction its own change counts, but is not cached.
        assert servicenorm_for(kanaal=KANAAL).termijn == 9
        raise RuntimeError
    assert servicenorm_for(kanaal=KANAAL).termijn == 2


def test_a_change_committed_by_another_process_is_seen(monkeypatch):
    """Another process (a gunicorn worker) saves the norm: this one reloads once the
    shared generation moved (checked at most every CHECK_SECONDS; 0 here)."""
    norm = _norm(2)
    monkeypatch.setattr(lookups, "CHECK_SECONDS", 0)
    assert servicenorm_for(kanaal=KANAAL).termijn == 2
    env = {
        **os.environ,
        "KCC_ENV": "test",
        "KCC_DATABASE_NAME": connection.settings_dict["NAME"],
        "KCC_REDIS_DB": str(settings.REDIS_DB),
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from kcc.models import Servicenorm\n"
            f"norm = Servicenorm.objects.get(pk={norm.pk})\n"
            "norm.termijn = 5\n"
            "norm.save()\n",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    assert servicenorm_for(kanaal=KANAAL).termijn == 5


def test_without_redis_the_database_answers(monkeypatch, settings):
    """A generation that cannot be read (Redis away) means: read again, never guess."""
    norm = _norm(2)
    monkeypatch.setattr(lookups, "CHECK_SECONDS", 0)
    servicenorm_for(kanaal=KANAAL)
    Servicenorm.objects.filter(pk=norm.pk).update(termijn=7)  # no signal: like a lost message
    # Nothing listens on port 1: the client fails as with a stopped Redis.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert servicenorm_for(kanaal=KANAAL).termijn == 7


def test_the_intake_follows_a_changed_zaaktype():
    """The intake keeps a zaaktype's first statustype and deelzaaktypen per process:
    a new deelzaaktype and a renamed first status count from the next intake on."""
    zaaktype = make_zaaktype()
    assert make_zaak(zaaktype=zaaktype).deelzaken.count() == 0

    zaaktype.deelzaaktypen.add(make_zaaktype())
    eerste = zaaktype.statustypen.get(volgnummer=1)
    eerste.omschrijving = "Binnengekomen"
    eerste.save()

    zaak = make_zaak(zaaktype=zaaktype)
    assert zaak.deelzaken.count() == 1
    assert zaak.status.statustype.omschrijving == "Binnengekomen"


def test_a_changed_role_counts_at_once(make_medewerker, django_assert_num_queries):
    """kcc.auth.CachedPermissionsBackend: a user's permissions are read once, and
    taking a role away (or giving one) counts from the next check on."""
    medewerker = make_medewerker(roles.KLANTCONTACTMEDEWERKER)
    user = User.objects.get(pk=medewerker.user.pk)
    permission = roles.ROLE_PERMISSIONS[roles.KLANTCONTACTMEDEWERKER][0]
    assert user.has_perm(permission)
    again = User.objects.get(pk=user.pk)  # a new request: a fresh user object
    with django_assert_num_queries(0):
        assert again.has_perm(permission)

    user.groups.clear()
    assert not User.objects.get(pk=user.pk).has_perm(permission)
    user.groups.add(Group.objects.get(name=roles.KLANTCONTACTMEDEWERKER))
    assert User.objects.get(pk=user.pk).has_perm(permission)
