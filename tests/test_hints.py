"""kcc.hints: hints to Celery gathered per process and sent a batch at a time."""

import json
import logging
import os
import threading
import time

from kcc.hints import HintBatch


def _wait_for(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "niet op tijd"
        time.sleep(0.01)


def test_hints_of_one_moment_go_as_one_batch_from_another_thread(settings):
    settings.KCC_HINT_BATCH_SECONDS = 0.2
    sent, senders = [], []

    def send(items):
        senders.append(threading.current_thread().name)
        sent.append(items)

    batch = HintBatch(send)
    for item in range(1, 6):
        batch.add(item)
    _wait_for(lambda: sent)
    batch.add(6)
    _wait_for(lambda: len(sent) == 2)

    assert sent == [[1, 2, 3, 4, 5], [6]]
    assert senders == ["kcc-hints", "kcc-hints"]


def test_without_a_batch_time_each_hint_goes_at_once(settings):
    settings.KCC_HINT_BATCH_SECONDS = 0
    sent = []
    batch = HintBatch(sent.append)

    batch.add("a")
    batch.add("b")

    assert sent == [["a"], ["b"]]


def test_a_failing_send_is_logged_and_later_hints_still_go(settings, caplog):
    settings.KCC_HINT_BATCH_SECONDS = 0.05
    sent = []

    def send(items):
        if not sent:
            sent.append(None)
            raise ConnectionError("broker weg")
        sent.append(items)

    batch = HintBatch(send)
    with caplog.at_level(logging.WARNING, logger="kcc.hints"):
        batch.add(1)
        _wait_for(lambda: sent)
        batch.add(2)
        _wait_for(lambda: len(sent) == 2)

    assert sent == [None, [2]]
    assert "de sweep pakt het op" in caplog.text


def test_flush_sends_what_is_gathered_before_the_batch_time_is_up(settings):
    settings.KCC_HINT_BATCH_SECONDS = 30
    sent = []
    batch = HintBatch(sent.append)
    batch.add(1)
    batch.add(2)

    batch.flush()

    assert sent == [[1, 2]]
    batch.flush()
    assert sent == [[1, 2]]


def test_a_forked_child_gathers_and_sends_its_own_hints(settings):
    settings.KCC_HINT_BATCH_SECONDS = 0.05
    read_end, write_end = os.pipe()
    sent = []

    def send(items):
        sent.append(items)
        os.write(write_end, json.dumps(items).encode() + b"\n")

    batch = HintBatch(send)
    batch.add("ouder")
    _wait_for(lambda: sent)

    child = os.fork()
    if child == 0:
        try:
            batch.add("kind")
            deadline = time.monotonic() + 5
            while len(sent) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    os.close(write_end)
    with os.fdopen(read_end) as lines:
        assert [json.loads(line) for line in lines] == [["ouder"], ["kind"]]
