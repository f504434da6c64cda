"""Bounded HTTP load on loopback: a few client threads on keep-alive connections."""

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kcc.benchmark.stats import summarise


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect: tuple[int, ...] = (200,)


def run_load(
    *,
    host: str,
    port: int,
    make_request: Callable[[int], Request],
    requests: int,
    concurrency: int,
    max_seconds: float = 120.0,
) -> dict:
    """Send `requests` requests (at most `max_seconds`) and summarise the latencies.

    `make_request(i)` gives the i-th request, so a scenario can vary its input.
    """
    assert host in {"127.0.0.1", "localhost", "::1"}, "load tests stay on loopback"
    latencies: list[float] = []
    errors: list[str] = []
    counter = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            request = make_request(index)
            started = time.perf_counter()
            try:
                connection.request(
                    request.method, request.path, body=request.body, headers=request.headers
                )
                response = connection.getresponse()
                response.read()
                elapsed_ms = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status in request.expect:
                        latencies.append(elapsed_ms)
                    else:
                        errors.append(f"{response.status} {request.method} {request.path}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{type(error).__name__} {request.path}")
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = summarise(latencies, errors=len(errors), seconds=time.perf_counter() - started)
    result["error_samples"] = sorted(set(errors))[:5]
    return result


def run_inline(step: Callable[[int], object], *, requests: int, first: int = 0) -> dict:
    """Call `step(i)` for i in first..first+requests-1 in this process, one after the
    other, and summarise the durations like run_load does for HTTP requests."""
    latencies, errors = [], 0
    started = time.perf_counter()
    for i in range(first, first + requests):
        begin = time.perf_counter()
        try:
            step(i)
        except Exception:  # noqa: BLE001 - an error of the scenario, like an HTTP 500
            errors += 1
        latencies.append((time.perf_counter() - begin) * 1000)
    return summarise(latencies, errors=errors, seconds=time.perf_counter() - started)
