"""Erlang C: how many agents a phone or chat queue needs to meet its service level.

The classic model of a call centre queue (Poisson arrivals, exponential handling
times, callers wait): with traffic A = arrivals × handling time, the chance that a
contact waits with N agents is Erlang C(N, A); the service level is the share
answered within the target time. Chat agents handle several chats at once, so a
chat queue is sized on handling time divided by that concurrency.
"""

import math


def erlang_c(*, agents: int, traffic: float) -> float:
    """The probability that a contact has to wait (Erlang C), from Erlang B by recursion."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    erlang_b = 1.0
    for k in range(1, agents + 1):
        erlang_b = traffic * erlang_b / (k + traffic * erlang_b)
    return agents * erlang_b / (agents - traffic * (1 - erlang_b))


def service_level(
    *, agents: int, contacts_per_hour: float, handling_seconds: float, target_seconds: float
) -> float:
    """The share of contacts answered within `target_seconds`."""
    traffic = contacts_per_hour * handling_seconds / 3600
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    waiting = erlang_c(agents=agents, traffic=traffic)
    return 1 - waiting * math.exp(-(agents - traffic) * target_seconds / handling_seconds)


def agents_needed(
    *,
    contacts_per_hour: float,
    handling_seconds: float,
    target_seconds: float,
    target_share: float,
) -> int:
    """The fewest agents that answer `target_share` of contacts within `target_seconds`."""
    if contacts_per_hour <= 0:
        return 0
    traffic = contacts_per_hour * handling_seconds / 3600
    agents = max(1, math.floor(traffic) + 1)
    while (
        service_level(
            agents=agents,
            contacts_per_hour=contacts_per_hour,
            handling_seconds=handling_seconds,
            target_seconds=target_seconds,
        )
        < target_share
    ):
        agents += 1
    return agents
