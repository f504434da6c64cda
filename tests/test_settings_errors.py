"""Configuration mistakes get one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(**env_overrides) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_stops_with_a_clear_line():
    result = run_manage(KCC_ENV="production", SECRET_KEY="")
    assert result.returncode == 2
    assert "SECRET_KEY ontbreekt" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_database_url_stops_with_a_clear_line():
    result = run_manage(DATABASE_URL="mysql://kcc@localhost/kcc")
    assert result.returncode == 2
    assert "DATABASE_URL wordt niet ondersteund: mysql://" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_is_off_outside_dev():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kcc.settings",
            "KCC_ENV": "production",
            "SECRET_KEY": "x" * 50,
        },
    )
    assert result.stdout.strip() == "False", result.stderr
