"""Point schedules at their boundaries, and hand-computed scores for a small set of facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from plantrack.domain.emulation_facts import NEUTRAL, Event, UnitFacts
from plantrack.domain.emulation_points import compute
from plantrack.models.emulation import Criterion, Schedule, Step, Target


def _events(kinds: list[str], source: str = "task") -> list[Event]:
    return [Event(k, source, f"{source}-{i}", f"Việc {i}", k) for i, k in enumerate(kinds)]


def _facts(**kw: object) -> UnitFacts:
    return UnitFacts("u", "commune", **kw)  # type: ignore[arg-type]


def _crit(rule: str, schedule: Schedule, top: float = 40, **kw: object) -> Criterion:
    return Criterion(id="c", title="Tiêu chí", max=top, rule=rule, schedule=schedule, **kw)  # type: ignore[arg-type]


PROPORTIONAL = Schedule(kind="proportional")
STEPS = Schedule(
    kind="thresholds",
    steps=[Step(at_least=90, points=20), Step(at_least=70, points=10)],
)


@pytest.mark.parametrize(
    ("kinds", "points"),
    [
        (["done-on-time"] * 3, "40.00"),
        (["done-on-time", "done-on-time", "done-late"], "26.67"),  # 40 × 2/3, half up
        (["done-on-time", "overdue"], "20.00"),
        (["done-late", "overdue"], "0.00"),
        (["done-on-time", NEUTRAL, "recurring-missed"], "40.00"),  # neither is in the rate
    ],
)
def test_proportional(kinds: list[str], points: str) -> None:
    got = compute(_crit("lead-tasks", PROPORTIONAL), _facts(tasks=_events(kinds)), 2)
    assert got.points == Decimal(points)


def test_proportional_with_nothing_due_follows_empty() -> None:
    full = compute(_crit("lead-tasks", PROPORTIONAL), _facts(tasks=_events([NEUTRAL])), 2)
    assert (full.points, full.how, full.rate) == (Decimal("40.00"), "empty", None)
    zero = Schedule(kind="proportional", empty="zero")
    assert compute(_crit("lead-tasks", zero), _facts(), 2).points == Decimal("0.00")


@pytest.mark.parametrize(
    ("on_time", "late", "points"),
    [
        (9, 1, "20"),  # exactly 90 %: the step is reached
        (89, 11, "10"),  # 89 %: the next step down
        (7, 3, "10"),  # exactly 70 %
        (69, 31, "0"),  # below every step
        (10, 0, "20"),
    ],
)
def test_thresholds_at_their_boundaries(on_time: int, late: int, points: str) -> None:
    kinds = ["on-time"] * on_time + ["late"] * late
    got = compute(_crit("reports", STEPS, 20), _facts(reports=_events(kinds, "report")), 0)
    assert got.points == Decimal(points)


def test_threshold_compared_exactly_not_on_a_rounded_rate() -> None:
    # 2/3 = 66.666…% stays below a step at 66.67 %, although it shows as 66.66 %
    steps = Schedule(kind="thresholds", steps=[Step(at_least=66.67, points=5)])
    got = compute(
        _crit("reports", steps, 5),
        _facts(reports=_events(["on-time", "on-time", "late"], "report")),
        2,
    )
    assert got.points == Decimal("0.00")
    assert got.rate == Decimal("66.66")


@pytest.mark.parametrize(
    ("kinds", "floor", "points"),
    [
        ([], True, "20"),
        (["late"], True, "15"),
        (["late", "missing"], True, "5"),
        (["missing", "missing"], True, "0"),  # exactly down to zero
        (["missing", "missing", "late"], True, "0"),  # floored
        (["missing", "missing", "late"], False, "-5"),  # no floor
        (["on-time", "on-time"], True, "20"),
    ],
)
def test_deductions(kinds: list[str], floor: bool, points: str) -> None:
    schedule = Schedule(kind="deductions", per={"late": 5, "missing": 10}, floor=floor)
    got = compute(_crit("reports", schedule, 20), _facts(reports=_events(kinds, "report")), 0)
    assert got.points == Decimal(points)
    costs = [line.points for line in got.lines if line.points is not None]
    assert len(costs) == sum(k in ("late", "missing") for k in kinds)


def test_indicator_targets_per_kind_and_unreported() -> None:
    crit = _crit(
        "indicator-targets",
        STEPS,
        20,
        targets=[
            Target(indicator="a", at_least=98),
            Target(indicator="b", at_most=2),
            Target(indicator="c", at_least=1, kinds=["department"]),
        ],
    )
    facts = _facts(indicators={"a": 98.0, "b": 3.0}, indicator_names={"a": "Tỷ lệ đúng hạn"})
    got = compute(crit, facts, 0)
    assert [(line.event.ref, line.event.kind) for line in got.lines] == [
        ("a", "met"),
        ("b", "missed"),
    ]
    assert got.lines[0].event.title == "Tỷ lệ đúng hạn"
    assert got.points == Decimal(0)  # 1 of 2 = 50 %, below 70 %
    assert compute(crit, _facts(), 0).lines[0].event.kind == "not-reported"


def test_sources_keep_dates() -> None:
    event = Event(
        "done-late", "task", "t1", "Việc", "done-late", dt.date(2024, 9, 30), dt.date(2024, 10, 2)
    )
    got = compute(_crit("lead-tasks", PROPORTIONAL), _facts(tasks=[event]), 2)
    assert got.lines[0].event.done_on == dt.date(2024, 10, 2)
    assert (got.counted, got.credited) == (1, 0)
