"""Letters registered and routed at the same moment: unique gapless poststuknummers,
and a letter is handled once."""

import datetime
import threading

import pytest
from django.db import connection

from contacts.models import Klantcontact
from kanalen.models import Poststuk
from kanalen.post import services
from kanalen.post.services import Route
from tests.factories import AfdelingFactory, MedewerkerFactory
from tests.kanalen.factories import upload

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(work, threads: int) -> list[str]:
    """Run work(n) in threads released together; each outcome ("ok" or the error)."""
    outcomes = []
    barrier = threading.Barrier(threads)

    def run(n: int):
        try:
            barrier.wait()
            work(n)
            outcomes.append("ok")
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes.append(str(error))
        finally:
            connection.close()

    started = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return outcomes


def register(naam: str) -> Poststuk:
    return services.poststuk_register(
        afzender_naam=naam,
        onderwerp="Brief",
        datum_ontvangen=datetime.date(2026, 11, 23),
        scan=upload(b"%PDF-1.4\n%%EOF\n"),
        door=None,
    )


def test_concurrent_registrations_get_unique_gapless_numbers():
    def register_five(thread: int):
        for n in range(5):
            register(f"Afzender {thread}-{n}")

    assert at_once(register_five, 8) == ["ok"] * 8
    jaar = datetime.date.today().year
    nummers = sorted(Poststuk.objects.values_list("poststuknummer", flat=True))
    assert nummers == [f"POST-{jaar}-{n:06d}" for n in range(1, 41)]


def test_medewerkers_routing_the_same_letter_at_once_handle_it_once():
    poststuk = register("Piet")
    afdeling = AfdelingFactory()

    outcomes = at_once(
        lambda n: services.poststuk_route(
            poststuk=poststuk, route=Route.CONTACTVERZOEK, afdeling=afdeling, door=None
        ),
        4,
    )

    handled = "{'status': ['Dit poststuk is al afgehandeld.']}"
    assert sorted(outcomes) == ["ok", handled, handled, handled]
    assert Klantcontact.objects.count() == 1


def test_medewerkers_claiming_the_same_letter_at_once_one_gets_it():
    poststuk = register("Piet")
    medewerkers = [MedewerkerFactory() for _ in range(4)]

    outcomes = at_once(
        lambda n: services.poststuk_claim(poststuk=poststuk, medewerker=medewerkers[n]), 4
    )

    poststuk.refresh_from_db()
    taken = f"{{'behandelaar': ['Dit poststuk is al opgepakt door {poststuk.behandelaar}.']}}"
    assert sorted(outcomes) == ["ok", taken, taken, taken]
