"""A unit's validity window: ``alive_on`` and ``alive_between`` (both ends inclusive)."""

from __future__ import annotations

import datetime as dt

import pytest

from plantrack.models import Index, Unit

D = dt.date


def _unit(valid_from: dt.date | None = None, valid_until: dt.date | None = None) -> Unit:
    return Unit(
        id="xa-tra-mai",
        name="UBND xã Trà Mai",
        kind="commune",
        valid_from=valid_from,
        valid_until=valid_until,
    )


def test_a_unit_without_window_is_always_alive() -> None:
    unit = _unit()
    assert unit.alive_on(D(1990, 1, 1))
    assert unit.alive_on(D(2100, 1, 1))
    assert unit.alive_between(D(2024, 1, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    ("day", "alive"),
    [
        (D(2025, 2, 19), False),
        (D(2025, 2, 20), True),  # first day
        (D(2025, 4, 15), True),
        (D(2025, 4, 30), True),  # last day
        (D(2025, 5, 1), False),
    ],
)
def test_alive_on_is_inclusive(day: dt.date, alive: bool) -> None:
    unit = _unit(D(2025, 2, 20), D(2025, 4, 30))
    assert unit.alive_on(day) is alive


@pytest.mark.parametrize(
    ("start", "end", "alive"),
    [
        (D(2025, 1, 1), D(2025, 2, 19), False),  # ends the day before it starts
        (D(2025, 1, 1), D(2025, 2, 20), True),  # touches the first day
        (D(2025, 3, 1), D(2025, 3, 31), True),  # inside
        (D(2025, 1, 1), D(2025, 12, 31), True),  # covers the whole window
        (D(2025, 4, 30), D(2025, 6, 30), True),  # touches the last day
        (D(2025, 5, 1), D(2025, 6, 30), False),  # starts the day after it ends
    ],
)
def test_alive_between_overlaps(start: dt.date, end: dt.date, alive: bool) -> None:
    unit = _unit(D(2025, 2, 20), D(2025, 4, 30))
    assert unit.alive_between(start, end) is alive


def test_open_ended_windows() -> None:
    merged = _unit(valid_until=D(2025, 4, 30))
    assert merged.alive_on(D(2000, 1, 1))
    assert not merged.alive_on(D(2025, 5, 1))
    assert merged.alive_between(D(2025, 4, 1), D(2025, 6, 30))
    assert not merged.alive_between(D(2025, 5, 1), D(2025, 6, 30))
    new = _unit(valid_from=D(2025, 5, 1))
    assert not new.alive_on(D(2025, 4, 30))
    assert new.alive_on(D(2100, 1, 1))
    assert new.alive_between(D(2025, 4, 1), D(2025, 5, 1))
    assert not new.alive_between(D(2025, 4, 1), D(2025, 4, 30))


def test_index_component_codes_at_any_depth() -> None:
    index = Index.model_validate(
        {
            "id": "PAPI",
            "name": "PAPI",
            "scale": {"min": 10, "max": 80},
            "components": [
                {"code": "D1", "name": "Tham gia", "components": [{"code": "D1.2", "name": "x"}]},
                {"code": "D8", "name": "Quản trị điện tử"},
            ],
        }
    )
    assert index.component_codes() == {"D1", "D1.2", "D8"}
