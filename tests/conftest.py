import mailbox
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from kcc import calendar, heartbeat, lookups, roles
from tests.factories import PASSWORD, MedewerkerFactory

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing():
    """Hashing is not what the tests are about, and the demo data alone makes eight
    accounts: the slow production hash (about 0.4 s each) would cost minutes per run.
    Servers the tests start as subprocesses keep the production hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Tests share one Redis database (db 1): start each from empty; a rolled-back
    SluitingsDag or zaaktype must not linger in this process's caches either."""
    cache.clear()
    calendar.clear_cache()
    lookups.forget()
    yield


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def make_medewerker(db):
    def make(role: str, **kwargs):
        return MedewerkerFactory(user__roles=[role], **kwargs)

    return make


@pytest.fixture
def agent(make_medewerker):
    return make_medewerker(roles.KLANTCONTACTMEDEWERKER)


@pytest.fixture
def beheerder(make_medewerker):
    return make_medewerker(roles.BEHEERDER, user__is_staff=True)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def agent_api(api_client, agent):
    api_client.force_authenticate(agent.user)
    return api_client


@pytest.fixture
def start_celery_worker(transactional_db):
    """Start real Celery workers (separate processes) on the real Redis and the test
    database; `start_celery_worker(EMAIL_PORT=...)` adds environment variables,
    positional arguments go to the worker's command line (e.g. "-B")."""
    from django.db import connection

    workers = []

    def start(*args: str, **extra_env) -> subprocess.Popen:
        env = {
            **os.environ,
            "KCC_ENV": "test",
            "KCC_DATABASE_NAME": connection.settings_dict["NAME"],
            "KCC_REDIS_DB": str(settings.REDIS_DB),
            **{name: str(value) for name, value in extra_env.items()},
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kcc",
                "worker",
                "--pool=solo",
                "--without-mingle",
                "--without-gossip",
                "-l",
                "warning",
                *args,
            ],
            cwd=BASE_DIR,
            env=env,
        )
        workers.append(worker)
        deadline = time.monotonic() + 60
        while heartbeat.age_seconds(heartbeat.WORKER_KEY) is None:
            if worker.poll() is not None:
                pytest.fail(f"Celery-worker stopte direct (code {worker.returncode})")
            if time.monotonic() > deadline:
                worker.kill()
                pytest.fail("Celery-worker gaf binnen 60 s geen hartslag")
            time.sleep(0.2)
        return worker

    yield start
    for worker in workers:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture
def celery_worker_process(start_celery_worker):
    """A real Celery worker (separate process) on the real Redis and the test database."""
    return start_celery_worker()


# --- Mail -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevMailServer:
    """The dev mail server (`python -m kcc.devmail`) on its own port and Maildir."""

    def __init__(self, port: int, mailbox_dir: Path, env: dict[str, str] | None = None) -> None:
        self.port = port
        self.mailbox_dir = mailbox_dir
        self.env = env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kcc.devmail"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "EMAIL_PORT": str(self.port),
                "KCC_DEV_MAILBOX": str(self.mailbox_dir),
                **self.env,
            },
        )
        deadline = time.monotonic() + 20
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.process.kill()
                pytest.fail("De ontwikkelmailserver startte niet")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def messages(self) -> list[mailbox.MaildirMessage]:
        return list(mailbox.Maildir(self.mailbox_dir, create=True))


@pytest.fixture
def dev_mail_server(tmp_path):
    """A running dev mail server; `.stop()` and `.start()` take it down and up."""
    server = DevMailServer(free_port(), tmp_path / "mail")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dev_mail_server_on_test_db(tmp_path, transactional_db, settings):
    """The dev mail server, ingesting into the test database."""
    from django.db import connection

    server = DevMailServer(
        free_port(),
        tmp_path / "mail",
        env={
            "KCC_ENV": "test",
            "KCC_DATABASE_NAME": connection.settings_dict["NAME"],
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        },
    )
    server.start()
    yield server.port
    server.stop()


# --- Browser tests ---------------------------------------------------------


def chromium_path() -> str | None:
    candidate = os.environ.get("KCC_CHROMIUM") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() or shutil.which(candidate) else None


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    message = "GEEN CHROMIUM: browsertests overgeslagen. Installeer chromium of zet KCC_CHROMIUM."
    if os.environ.get("KCC_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message + " (KCC_REQUIRE_BROWSER=1 eist ze)")
    print(f"\n{'!' * 78}\n{message}\n{'!' * 78}", file=sys.stderr)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django's ORM
    # calls from that thread are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    # CI machines differ about threefold in speed; a slow one needs more than 10 s
    # for a live-server round trip while the rest of the suite runs.
    page.set_default_timeout(20_000)
    yield page
    context.close()


AXE_SCRIPT = BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_violations():
    """Serious and critical axe-core violations on the current page."""

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE_SCRIPT))
        result = page.evaluate("async () => await axe.run(document)")
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run


@pytest.fixture
def login(page, password):
    def do_login(username: str) -> None:
        page.goto("/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/inloggen/" not in url)

    return do_login
