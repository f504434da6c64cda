"""Hints to Celery, gathered per process and sent a batch at a time.

A hint tells a worker that a row has work waiting (a receipt to render); the rows
are the truth, and a beat sweep finds what a lost hint left behind. One task
message per hint cost a zaak intake 0.7 ms of CPU in the web process: Celery
builds the message, kombu makes a Redis client and asks Redis twice
(docs/benchmarks-notes.md). Gathered for KCC_HINT_BATCH_SECONDS, one message
carries every hint of that moment, sent from a thread of its own.
"""

import atexit
import logging
import os
import threading
import time
from collections.abc import Callable

from django.conf import settings

logger = logging.getLogger(__name__)


class HintBatch:
    """`add(item)` after the commit that made the work; `send(items)` gets them in
    batches, from a background thread (or at once when the batch time is 0)."""

    def __init__(self, send: Callable[[list], None]) -> None:
        self._send = send
        self._start_afresh()
        atexit.register(self.flush)
        # A forked child has none of its parent's threads, and a lock the parent's
        # thread held at the fork would stay locked: it starts afresh.
        os.register_at_fork(after_in_child=self._start_afresh)

    def _start_afresh(self) -> None:
        self._lock = threading.Lock()
        self._pending: list = []
        self._arrived = threading.Event()
        self._running = False

    def add(self, item) -> None:
        if settings.KCC_HINT_BATCH_SECONDS <= 0:
            self._deliver([item])
            return
        with self._lock:
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="kcc-hints", daemon=True).start()
            self._pending.append(item)
        self._arrived.set()

    def flush(self) -> None:
        """Send what is gathered now (the thread does this; so does process exit)."""
        with self._lock:
            items, self._pending = self._pending, []
        if items:
            self._deliver(items)

    def _deliver(self, items: list) -> None:
        try:
            self._send(items)
        except Exception:  # noqa: BLE001 - only a hint: the sweep finds the work later
            logger.warning("Hint aan Celery niet verstuurd; de sweep pakt het op", exc_info=True)

    def _run(self) -> None:
        while True:
            self._arrived.wait()
            time.sleep(settings.KCC_HINT_BATCH_SECONDS)
            # Cleared before taking the batch: a hint added from here on wakes us again.
            self._arrived.clear()
            self.flush()
