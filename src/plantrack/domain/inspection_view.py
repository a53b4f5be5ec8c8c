"""The view of inspections at a cut-off that every output renders: each finding with its
status, counts per unit and overall, units slow to fix, and what a period's report says.

Built once from the checked data (``as_of`` passed in); templates lay it out, they do not
count. Names are resolved here so that documents never show ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plantrack.domain.findings_status import (
    FindingCounts,
    FindingState,
    ReportedFix,
    count_findings,
    counts_by_unit,
    finding_states,
    slow_units,
)
from plantrack.models.inspection import Inspection
from plantrack.validate.context import Context

KIND_LABELS: dict[str, tuple[str, str]] = {
    "theo-ke-hoach": ("Kiểm tra theo kế hoạch", "Planned inspection"),
    "dot-xuat": ("Kiểm tra đột xuất", "Surprise inspection"),
    "phuc-tra": ("Phúc tra", "Re-inspection"),
}


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One finding as documents and tables show it."""

    id: str
    inspection: str
    unit_id: str
    unit: str
    responsible: str
    responsible_ids: tuple[str, ...]
    category: str
    text: str
    found_on: dt.date | None
    fix_by: dt.date
    deadline: dt.date
    status: str
    fixed_on: dt.date | None
    reopened: bool
    overdue: bool
    days_overdue: int | None
    task: str | None
    component: str | None


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit's findings at the cut-off: counts and rates."""

    unit_id: str
    name: str
    short: str
    counts: FindingCounts


@dataclass(frozen=True, slots=True)
class SlowUnit:
    """A unit slow to fix (quá hạn chưa khắc phục) and the findings it owes."""

    unit_id: str
    name: str
    short: str
    findings: list[FindingRow]


@dataclass(frozen=True, slots=True)
class Visits:
    """Visits (cuộc kiểm tra: one per unit visited) within a span of days."""

    count: int
    units: int
    by_kind: dict[str, int]


@dataclass
class InspectionView:
    """Everything the outputs say about inspections at ``as_of``."""

    as_of: dt.date
    inspections: int
    findings: list[FindingRow] = field(default_factory=list)
    counts: FindingCounts = field(default_factory=FindingCounts)
    units: list[UnitRow] = field(default_factory=list)
    slow: list[SlowUnit] = field(default_factory=list)
    period_visits: Visits | None = None


def _row(ctx: Context, state: FindingState, as_of: dt.date) -> FindingRow:
    f, v = state.finding, state.verdict
    days = (as_of - v.deadline).days if v.overdue else None
    return FindingRow(
        id=f.id,
        inspection=state.inspection.id,
        unit_id=f.unit,
        unit=ctx.unit_name(f.unit),
        responsible=", ".join(ctx.unit_name(u) for u in state.responsible),
        responsible_ids=state.responsible,
        category=f.category,
        text=f.text,
        found_on=state.found_on,
        fix_by=f.fix_by,
        deadline=v.deadline,
        status=v.status,
        fixed_on=v.fixed_on,
        reopened=v.reopened,
        overdue=v.overdue,
        days_overdue=days,
        task=f.task,
        component=f.component,
    )


def _short(ctx: Context, unit_id: str) -> str:
    unit = ctx.units.get(unit_id)
    return (unit.short or unit.name) if unit is not None else unit_id


def visits_between(inspections: Iterable[Inspection], start: dt.date, end: dt.date) -> Visits:
    """The visits dated in ``[start, end]``: how many, to how many units, by kind."""
    count, units, by_kind = 0, set(), dict.fromkeys(KIND_LABELS, 0)
    for inspection in inspections:
        for visit in inspection.visits:
            if start <= visit.date <= end:
                count += 1
                units.add(visit.unit)
                by_kind[inspection.kind] += 1
    return Visits(count, len(units), by_kind)


def inspection_view(
    ctx: Context,
    inspections: list[Inspection],
    from_reports: Mapping[str, list[ReportedFix]],
    as_of: dt.date,
    *,
    period_start: dt.date | None = None,
) -> InspectionView:
    """The view at ``as_of``; with ``period_start``, the visits of the period too."""
    states = finding_states(ctx, inspections, from_reports, as_of)
    rows = {s.finding.id: _row(ctx, s, as_of) for s in states}
    units = [
        UnitRow(u, ctx.unit_name(u), _short(ctx, u), c) for u, c in counts_by_unit(states).items()
    ]
    slow = [
        SlowUnit(u, ctx.unit_name(u), _short(ctx, u), [rows[s.finding.id] for s in found])
        for u, found in slow_units(states).items()
    ]
    started = [i for i in inspections if any(v.date <= as_of for v in i.visits)]
    visits = visits_between(inspections, period_start, as_of) if period_start else None
    return InspectionView(
        as_of=as_of,
        inspections=len(started),
        findings=list(rows.values()),
        counts=count_findings(states),
        units=units,
        slow=slow,
        period_visits=visits,
    )
