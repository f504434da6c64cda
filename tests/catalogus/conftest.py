import pytest

from catalogus.services import synoniemen_defaults_ensure


@pytest.fixture(autouse=True)
def default_synoniemen(db):
    """Migration 0003 loads them, but transactional tests flush the database."""
    synoniemen_defaults_ensure()
