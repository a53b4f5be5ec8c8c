"""What the inspection documents say: the conclusion notice of one inspection, the
re-inspection report, the reminder to fix and the list of units slow to fix.

Each is a small view built from the checked records and the status view at a cut-off; the
templates in ``templates/docx/`` word them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plantrack.domain.inspection_view import KIND_LABELS, FindingRow, InspectionView
from plantrack.models.common import LegalDoc
from plantrack.models.inspection import Inspection
from plantrack.validate.context import Context

# a deadline this close (days) counts as "near" in reminders to fix
NEAR_DAYS = 15


@dataclass(frozen=True, slots=True)
class VisitedUnit:
    """A unit an inspection visited, with the findings recorded there."""

    unit_id: str
    name: str
    short: str
    date: dt.date
    minutes: str | None
    findings: list[FindingRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ConclusionDoc:
    """The conclusion notice (Thông báo kết luận kiểm tra) of one inspection."""

    id: str
    kind: str
    kind_label: str
    title: str
    decision: LegalDoc | None
    conclusion: LegalDoc | None
    lead: str
    first_visit: dt.date | None
    last_visit: dt.date | None
    units: list[VisitedUnit]
    findings: int
    fixed: int


@dataclass(frozen=True, slots=True)
class RecheckItem:
    """One finding checked at a re-inspection and the result."""

    finding: FindingRow
    passed: bool
    note: str | None
    new_fix_by: dt.date | None


@dataclass(frozen=True, slots=True)
class RecheckUnit:
    """A unit visited by a re-inspection and what was checked there."""

    unit_id: str
    name: str
    short: str
    date: dt.date
    minutes: str | None
    items: list[RecheckItem]


@dataclass(frozen=True, slots=True)
class RecheckDoc:
    """The re-inspection report (Báo cáo kết quả phúc tra)."""

    id: str
    title: str
    decision: LegalDoc | None
    conclusion: LegalDoc | None
    units: list[RecheckUnit]
    passed: int
    failed: int


@dataclass(frozen=True, slots=True)
class FixReminder:
    """A unit with findings past or near their deadline, for the reminder to fix."""

    unit_id: str
    name: str
    short: str
    overdue: list[FindingRow]
    near: list[FindingRow]


def _unit_names(ctx: Context, unit_id: str) -> tuple[str, str]:
    unit = ctx.units.get(unit_id)
    if unit is None:
        return unit_id, unit_id
    return unit.name, unit.short or unit.name


def conclusion_doc(ctx: Context, inspection: Inspection, view: InspectionView) -> ConclusionDoc:
    """The conclusion notice of ``inspection``: each visited unit and its findings."""
    rows = {r.id: r for r in view.findings}
    units = []
    for visit in sorted(inspection.visits, key=lambda v: (v.date, v.unit)):
        name, short = _unit_names(ctx, visit.unit)
        found = [rows[f.id] for f in inspection.findings if f.unit == visit.unit and f.id in rows]
        units.append(VisitedUnit(visit.unit, name, short, visit.date, visit.minutes, found))
    days = [v.date for v in inspection.visits]
    listed = [r for u in units for r in u.findings]
    return ConclusionDoc(
        id=inspection.id,
        kind=inspection.kind,
        kind_label=KIND_LABELS[inspection.kind][0],
        title=inspection.title,
        decision=inspection.decision,
        conclusion=inspection.conclusion,
        lead=ctx.unit_name(inspection.lead),
        first_visit=min(days, default=None),
        last_visit=max(days, default=None),
        units=units,
        findings=len(listed),
        fixed=sum(r.fixed_on is not None for r in listed),
    )


def recheck_doc(
    ctx: Context, recheck: Inspection, inspections: list[Inspection], view: InspectionView
) -> RecheckDoc:
    """The re-inspection report of ``recheck``: per visited unit, each finding it checked."""
    rows = {r.id: r for r in view.findings}
    checked: dict[str, list[RecheckItem]] = {}
    for inspection in inspections:
        for finding in inspection.findings:
            for r in finding.rechecks:
                if r.inspection == recheck.id and finding.id in rows and r.date <= view.as_of:
                    item = RecheckItem(rows[finding.id], r.result == "dat", r.note, r.new_fix_by)
                    checked.setdefault(finding.unit, []).append(item)
    units = []
    for visit in sorted(recheck.visits, key=lambda v: (v.date, v.unit)):
        if visit.date > view.as_of:
            continue
        name, short = _unit_names(ctx, visit.unit)
        items = checked.get(visit.unit, [])
        units.append(RecheckUnit(visit.unit, name, short, visit.date, visit.minutes, items))
    every = [i for u in units for i in u.items]
    return RecheckDoc(
        id=recheck.id,
        title=recheck.title,
        decision=recheck.decision,
        conclusion=recheck.conclusion,
        units=units,
        passed=sum(i.passed for i in every),
        failed=sum(not i.passed for i in every),
    )


def fix_reminders(view: InspectionView, near_days: int = NEAR_DAYS) -> list[FixReminder]:
    """Units with findings not fixed past their deadline, or due within ``near_days``."""
    by_unit: dict[str, tuple[list[FindingRow], list[FindingRow]]] = {}
    horizon = view.as_of + dt.timedelta(days=near_days)
    for row in view.findings:
        if row.fixed_on is not None:
            continue
        overdue = row.overdue or (row.status == "failed-recheck" and not row.reopened)
        near = not overdue and row.deadline <= horizon
        if overdue or near:
            for unit_id in row.responsible_ids:
                lists = by_unit.setdefault(unit_id, ([], []))
                lists[0 if overdue else 1].append(row)
    names = {u.unit_id: (u.name, u.short) for u in view.units}
    out = []
    for unit_id, (overdue_rows, near_rows) in sorted(by_unit.items()):
        name, short = names.get(unit_id, (unit_id, unit_id))
        out.append(FixReminder(unit_id, name, short, overdue_rows, near_rows))
    return out
