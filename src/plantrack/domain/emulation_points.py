"""A computed criterion's points from the events its rule counts, by the scheme's schedule.

- **proportional**: the maximum times the rate (events credited ÷ events counted);
- **thresholds**: the points of the highest step whose rate the unit reaches (exactly:
  9 of 10 reaches a step at 90 %), else zero;
- **deductions**: the maximum less the points per event of each kind, never below zero
  when the schedule says ``floor`` (the default), never above the maximum.

When nothing is counted (no task due, no report expected, no finding) the schedule's
``empty`` says whether the criterion earns its maximum (the default: nothing failed) or
zero. Points are exact decimals rounded half up to the scheme's ``decimals``; every event
is kept with what it earned or cost, so each point traces to its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from plantrack.domain.emulation_facts import NEUTRAL, Event, UnitFacts
from plantrack.domain.rates import _floor_share
from plantrack.models.emulation import (
    RULE_CREDIT,
    RULE_OUTSIDE_RATE,
    Criterion,
    Schedule,
    Step,
    Target,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One source of a criterion's points: the event, whether the rate counts and credits
    it, and the points it cost (deductions, negative) when it cost any."""

    event: Event
    counted: bool
    credited: bool
    points: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Computed:
    """A computed criterion's points and how they came about."""

    points: Decimal
    counted: int
    credited: int
    rate: Decimal | None
    lines: tuple[Line, ...]
    how: str
    step: Step | None = None


def quantum(decimals: int) -> Decimal:
    """The rounding step of ``decimals`` places."""
    return Decimal(1).scaleb(-decimals)


def dec(value: float) -> Decimal:
    """A float from the data as the decimal it was written as."""
    return Decimal(str(value))


def events_for(criterion: Criterion, facts: UnitFacts) -> list[Event]:
    """The events ``criterion``'s rule counts for the unit of ``facts``."""
    if criterion.rule == "lead-tasks":
        return facts.tasks
    if criterion.rule == "reports":
        return facts.reports
    if criterion.rule == "findings":
        return facts.findings
    if criterion.rule == "indicator-targets":
        return [e for t in criterion.targets if (e := _target_event(t, facts)) is not None]
    return []


def _target_event(target: Target, facts: UnitFacts) -> Event | None:
    if target.kinds and facts.kind not in target.kinds:
        return None
    value = facts.indicators.get(target.indicator)
    bounds = _bounds(target)
    name = facts.indicator_names.get(target.indicator, target.indicator)
    if value is None:
        return Event("not-reported", "indicator", target.indicator, name, "", target=bounds)
    low_ok = target.at_least is None or value >= target.at_least
    high_ok = target.at_most is None or value <= target.at_most
    kind = "met" if low_ok and high_ok else "missed"
    return Event(kind, "indicator", target.indicator, name, kind, value=value, target=bounds)


def _show(value: float) -> str:
    return format(dec(value).normalize(), "f").replace(".", ",")


def _bounds(target: Target) -> str:
    """``≥ 95`` / ``≤ 2`` / ``95–100``: the target as documents show it."""
    low, high = target.at_least, target.at_most
    if low is not None and high is not None:
        return f"{_show(low)}–{_show(high)}"
    if low is not None:
        return f"≥ {_show(low)}"
    return f"≤ {_show(high)}" if high is not None else ""


def compute(criterion: Criterion, facts: UnitFacts, decimals: int) -> Computed:
    """The points of computed ``criterion`` for the unit of ``facts``."""
    assert criterion.schedule is not None
    schedule = criterion.schedule
    rule = criterion.rule
    credit = set(RULE_CREDIT.get(rule, ()))
    outside = set(RULE_OUTSIDE_RATE.get(rule, ()))
    events = events_for(criterion, facts)
    lines = [
        Line(e, e.kind not in (NEUTRAL, *outside), e.kind in credit, _cost(schedule, e))
        for e in events
    ]
    counted = sum(line.counted for line in lines)
    credited = sum(line.credited for line in lines)
    rate = _floor_share(credited, counted, 2) if counted else None
    top = dec(criterion.max)
    step = quantum(decimals)
    if schedule.kind == "deductions":
        points = top + sum((line.points or Decimal(0) for line in lines), Decimal(0))
        points = min(points, top)
        points = max(points, Decimal(0)) if schedule.floor else points
        return Computed(
            points.quantize(step, ROUND_HALF_UP),
            counted,
            credited,
            rate,
            tuple(lines),
            "deductions",
        )
    if not counted:
        points = top if schedule.empty == "max" else Decimal(0)
        return Computed(points.quantize(step, ROUND_HALF_UP), 0, 0, None, tuple(lines), "empty")
    if schedule.kind == "proportional":
        points = (top * credited / counted).quantize(step, ROUND_HALF_UP)
        return Computed(points, counted, credited, rate, tuple(lines), "proportional")
    reached = _step(schedule, credited, counted)
    points = dec(reached.points) if reached is not None else Decimal(0)
    return Computed(
        points.quantize(step, ROUND_HALF_UP),
        counted,
        credited,
        rate,
        tuple(lines),
        "thresholds",
        reached,
    )


def _cost(schedule: Schedule, event: Event) -> Decimal | None:
    if schedule.kind != "deductions" or event.kind not in schedule.per:
        return None
    return -dec(schedule.per[event.kind])


def _step(schedule: Schedule, credited: int, counted: int) -> Step | None:
    """The highest step reached, compared exactly (``credited × 100 ≥ at_least × counted``)."""
    for step in sorted(schedule.steps, key=lambda s: s.at_least, reverse=True):
        if Decimal(credited) * 100 >= dec(step.at_least) * counted:
            return step
    return None
