"""`make audit`: every accepted vulnerability is explained."""

import importlib.util
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def load_audit():
    spec = importlib.util.spec_from_file_location("audit", BASE_DIR / "scripts" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_ignore_file_explains_every_entry():
    audit = load_audit()
    assert all(reason for reason in audit.ignored_ids().values())


def test_an_unexplained_ignore_is_refused(tmp_path):
    audit = load_audit()
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# comment\nPYSEC-2026-1  # only in the admin, fixed in 5.2.20\nGHSA-xxxx\n")
    with pytest.raises(SystemExit, match="GHSA-xxxx zonder uitleg"):
        audit.ignored_ids(ignore)
    ignore.write_text("PYSEC-2026-1  # only in the admin\n")
    assert audit.ignored_ids(ignore) == {"PYSEC-2026-1": "only in the admin"}
