"""Per-process caches of rarely-changing configuration (servicenormen, bericht
templates, zaaktypen with their statustypen), so a write path does not read them
from Postgres on every request.

A save or delete of a watched model forgets the caches of this process at once
and again when its transaction commits (a thread of this process may have loaded
the old rows in between), and moves a shared generation number in the Django
cache (Redis) on commit. Other processes compare that number at most once per
CHECK_SECONDS, and reload everything after MAX_AGE_SECONDS whatever it says: when
Redis cannot be reached, a change shows there within that time.
Updates that bypass the model's signals (QuerySet.update) must call `changed()`.
"""

import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any
from uuid import UUID

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
MAX_AGE_SECONDS = 60.0
_GENERATION_KEY = "lookups:generation"

_lock = threading.Lock()
_values: dict[tuple[str, Hashable], Any] = {}
# `epoch` moves whenever the values are forgotten: a value loaded across it may be old.
_state = {"generation": None, "checked": 0.0, "loaded": 0.0, "epoch": 0}


def _shared_generation():
    try:
        return cache.get(_GENERATION_KEY, 0)
    except Exception:  # noqa: BLE001 - Redis down: no generation, so reload
        logger.warning("Lookup-generatie niet te lezen; configuratie opnieuw uit de database")
        return None


def _fresh() -> None:
    """Forget everything when another process changed a watched model or it is old."""
    now = time.monotonic()
    if now - _state["checked"] < CHECK_SECONDS:
        return
    generation = _shared_generation()
    with _lock:
        if (
            generation is None
            or generation != _state["generation"]
            or now - _state["loaded"] > MAX_AGE_SECONDS
        ):
            _values.clear()
            _state.update(generation=generation, loaded=now, epoch=_state["epoch"] + 1)
        _state["checked"] = now


def _changed_in_this_transaction() -> bool:
    """This transaction changed a watched model (its publication waits for the commit):
    its reads must not be cached, they may yet be rolled back."""
    return any(entry[1] is _publish for entry in connection.run_on_commit)


def cached(name: str, key: Hashable, load: Callable[[], Any]) -> Any:
    """The value of `load()` for (name, key), loaded once per process until a change."""
    if _changed_in_this_transaction():
        return load()
    _fresh()
    try:
        return _values[(name, key)]
    except KeyError:
        pass
    epoch = _state["epoch"]
    value = load()
    with _lock:
        if _state["epoch"] == epoch:
            _values[(name, key)] = value
    return value


def by_uuid(name: str, queryset: QuerySet, uuid: UUID):
    """The row of `queryset` with this uuid, out of all its rows, read in one query on
    first use and kept (a small table that rarely changes, whose rows are named
    at random: one query beats one per row). A uuid not among them is read on its
    own and not kept, so a row another process made a moment ago is still found.
    Raises the model's DoesNotExist."""
    rows = cached(name, None, lambda: {row.uuid: row for row in queryset})
    try:
        return rows[uuid]
    except KeyError:
        return queryset.get(uuid=uuid)


def forget() -> None:
    """Forget this process's values (and check the generation on the next use)."""
    with _lock:
        _values.clear()
        _state.update(checked=0.0, epoch=_state["epoch"] + 1)


def _publish() -> None:
    forget()
    try:
        try:
            cache.incr(_GENERATION_KEY)
        except ValueError:  # not there yet
            cache.add(_GENERATION_KEY, 1, timeout=None)
    except Exception:  # noqa: BLE001 - other processes then notice within MAX_AGE_SECONDS
        logger.warning("Lookup-generatie niet op te hogen; andere processen volgen later")


def changed(**kwargs) -> None:
    """A watched model changed: forget now, and tell every process on commit."""
    forget()
    transaction.on_commit(_publish, robust=True)


def watch(*models) -> None:
    """Called from AppConfig.ready for the models whose rows the caches hold (a
    many-to-many field's `through` model: its changes)."""
    for model in models:
        if model._meta.auto_created:
            m2m_changed.connect(changed, sender=model, dispatch_uid=f"lookups-{model._meta.label}")
            continue
        post_save.connect(changed, sender=model, dispatch_uid=f"lookups-save-{model._meta.label}")
        post_delete.connect(
            changed, sender=model, dispatch_uid=f"lookups-delete-{model._meta.label}"
        )
