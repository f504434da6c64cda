"""Erlang C against published reference values."""

import pytest

from kcc.dashboard.erlang import agents_needed, erlang_c, service_level


def test_erlang_c_reference_value():
    # 10 erlang on 11 agents: P(wait) = 0.6821 (standard Erlang C tables).
    assert erlang_c(agents=11, traffic=10) == pytest.approx(0.6821, abs=1e-4)


def test_agents_needed_is_the_first_number_that_meets_the_target():
    # 360 calls an hour of 240 s (24 erlang), 80% within 20 s.
    level_29 = service_level(
        agents=29, contacts_per_hour=360, handling_seconds=240, target_seconds=20
    )
    level_28 = service_level(
        agents=28, contacts_per_hour=360, handling_seconds=240, target_seconds=20
    )
    assert level_28 < 0.80 <= level_29
    assert (
        agents_needed(
            contacts_per_hour=360, handling_seconds=240, target_seconds=20, target_share=0.8
        )
        == 29
    )


@pytest.mark.parametrize(
    ("per_hour", "expected"),
    [(0, 0), (1, 1), (30, 5)],
)
def test_agents_needed_grows_with_volume(per_hour, expected):
    # 30 calls of 5 minutes = 2.5 erlang: 4 agents answer 72% within 30 s, 5 agents 90%.
    assert (
        agents_needed(
            contacts_per_hour=per_hour, handling_seconds=300, target_seconds=30, target_share=0.8
        )
        == expected
    )


def test_more_agents_never_lower_the_service_level():
    levels = [
        service_level(agents=n, contacts_per_hour=100, handling_seconds=180, target_seconds=30)
        for n in range(5, 15)
    ]
    assert levels == sorted(levels)
