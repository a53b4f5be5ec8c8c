"""What a closing unit leaves behind (danh sách bàn giao): its open tasks, lead and support,
its open inspection findings, its reports, and for each task and finding the units that
take it over on the day after its last day (its transfers, else its successors) — or none.

A task is open at ``as_of`` unless the unit (or a unit it took the task over from) reported
it done by then; a recurring task ("thường xuyên") never ends, so it always passes on. Pure:
``as_of`` is a parameter, the reports and inspections are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plantrack.domain.findings_status import FindingStatus, ReportedFix, finding_states
from plantrack.domain.status import Status, deadline_of, task_status
from plantrack.domain.succession import History, lineage
from plantrack.models import Report, Task
from plantrack.models.inspection import Inspection
from plantrack.models.period import period_sort_key
from plantrack.models.report import TaskEntry
from plantrack.validate.context import Assignment, Context, Role

DONE: tuple[Status, ...] = ("done-on-time", "done-late")
FIXED: tuple[FindingStatus, ...] = ("fixed-on-time", "fixed-late")


@dataclass(frozen=True, slots=True)
class Heir:
    """A unit taking something over."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class HandoverTask:
    """One open task of the closing unit, where it stands, and who takes it over."""

    task_id: str
    title: str
    role: Role
    time_label: str
    deadline: dt.date | None
    recurring: bool
    status: Status
    progress: int | None
    results: str | None
    reported_in: str | None
    """The period of the latest report entry on the task (``None``: never reported)."""
    via: str | None
    """The unit the closing unit took the task over from, if any."""
    heirs: tuple[Heir, ...]


@dataclass(frozen=True, slots=True)
class HandoverFinding:
    """One finding after inspection the closing unit has not fixed, and who takes it over."""

    finding_id: str
    inspection_id: str
    text: str
    deadline: dt.date
    status: FindingStatus
    heirs: tuple[Heir, ...]


@dataclass(frozen=True, slots=True)
class HandoverReport:
    """One report the unit filed."""

    period_id: str
    period_title: str
    submitted: dt.date | None
    number: str | None


@dataclass
class Handover:
    """The handover list of one unit at ``as_of``."""

    unit_id: str
    unit_name: str
    valid_until: dt.date | None
    as_of: dt.date
    tasks: list[HandoverTask] = field(default_factory=list)
    findings: list[HandoverFinding] = field(default_factory=list)
    reports: list[HandoverReport] = field(default_factory=list)
    done: int = 0
    """Tasks the unit answered for that were done by ``as_of`` (nothing to hand over)."""

    @property
    def heirs(self) -> list[Heir]:
        """Every unit taking something over, once each, in order of first mention."""
        out: list[Heir] = []
        for heirs in [t.heirs for t in self.tasks] + [f.heirs for f in self.findings]:
            out += [h for h in heirs if h not in out]
        return out

    def by_heir(self) -> list[tuple[Heir, int, int]]:
        """Each unit taking something over, with how many tasks and findings it takes."""
        return [
            (
                heir,
                sum(heir in t.heirs for t in self.tasks),
                sum(heir in f.heirs for f in self.findings),
            )
            for heir in self.heirs
        ]

    @property
    def without_heir(self) -> int:
        """Tasks and findings no unit takes over (chưa có đơn vị kế thừa)."""
        return sum(not t.heirs for t in self.tasks) + sum(not f.heirs for f in self.findings)


def handover(
    ctx: Context,
    unit_id: str,
    as_of: dt.date,
    history: History,
    inspections: Iterable[Inspection] = (),
    fixes: Mapping[str, list[ReportedFix]] | None = None,
) -> Handover:
    """The handover list of ``unit_id`` at ``as_of`` (usually its last day), from the
    reports of every period (``history``: period → unit → report) and the inspections."""
    unit = ctx.units[unit_id]
    # the unit answers for what it held on its last day, or on ``as_of`` if that is earlier
    held_on = min(as_of, unit.valid_until) if unit.valid_until is not None else as_of
    next_day = unit.valid_until + dt.timedelta(days=1) if unit.valid_until is not None else None
    out = Handover(unit_id, unit.name, unit.valid_until, as_of)
    for assignment in ctx.assignments_on(held_on).get(unit_id, []):
        row = _task_row(ctx, assignment, history, as_of, next_day)
        if row is None:
            out.done += 1
        else:
            out.tasks.append(row)
    out.findings = _open_findings(ctx, unit_id, inspections, fixes or {}, as_of, next_day)
    out.reports = _reports(ctx, unit_id, history)
    return out


def _heirs(
    ctx: Context, unit_id: str, day: dt.date | None, task_id: str | None
) -> tuple[Heir, ...]:
    """Who takes over from ``unit_id`` on ``day`` (none while the unit has no end date)."""
    if day is None:
        return ()
    found = [u for u in ctx.heirs(unit_id, day, task_id) if u != unit_id]
    return tuple(Heir(u, ctx.unit_name(u)) for u in found)


def _task_row(
    ctx: Context,
    assignment: Assignment,
    history: History,
    as_of: dt.date,
    next_day: dt.date | None,
) -> HandoverTask | None:
    """The open task, or ``None`` when it was done by ``as_of``."""
    task = assignment.task
    found = latest_entry(ctx, assignment.unit, task, history, as_of)
    entry, period_id = found if found is not None else (None, None)
    status = task_status(task, entry, as_of)
    if status in DONE:
        return None
    return HandoverTask(
        task_id=task.id,
        title=task.title,
        role=assignment.role,
        time_label=task.time.label,
        deadline=deadline_of(task),
        recurring=task.time.recurring,
        status=status,
        progress=entry.progress if entry is not None else None,
        results=entry.results if entry is not None else None,
        reported_in=period_id,
        via=assignment.via,
        heirs=_heirs(ctx, assignment.unit, next_day, task.id),
    )


def latest_entry(
    ctx: Context, unit_id: str, task: Task, history: History, as_of: dt.date
) -> tuple[TaskEntry, str] | None:
    """The latest report entry on ``task`` by the unit or a unit it took over from, in a
    period whose cut-off is on or before ``as_of``, with that period's id."""
    units = lineage(ctx, unit_id)
    for period_id in sorted(history, key=period_sort_key, reverse=True):
        if ctx.period(period_id).cutoff > as_of:
            continue
        for unit in units:
            report = history[period_id].get(unit)
            entry = _entry_of(report, task.id) if report is not None else None
            if entry is not None:
                return entry, period_id
    return None


def _entry_of(report: Report, task_id: str) -> TaskEntry | None:
    return next((e for e in report.tasks if e.task == task_id), None)


def _open_findings(
    ctx: Context,
    unit_id: str,
    inspections: Iterable[Inspection],
    fixes: Mapping[str, list[ReportedFix]],
    as_of: dt.date,
    next_day: dt.date | None,
) -> list[HandoverFinding]:
    """Findings the unit answers for at ``as_of`` and has not fixed."""
    out = []
    for state in finding_states(ctx, inspections, fixes, as_of):
        if unit_id not in state.responsible or state.status in FIXED:
            continue
        out.append(
            HandoverFinding(
                finding_id=state.finding.id,
                inspection_id=state.inspection.id,
                text=state.finding.text,
                deadline=state.verdict.deadline,
                status=state.status,
                heirs=_heirs(ctx, unit_id, next_day, None),
            )
        )
    return out


def _reports(ctx: Context, unit_id: str, history: History) -> list[HandoverReport]:
    """The unit's own reports, the latest first."""
    out = []
    for period_id in sorted(history, key=period_sort_key, reverse=True):
        report = history[period_id].get(unit_id)
        if report is not None:
            title = ctx.period(period_id).title
            out.append(HandoverReport(period_id, title, report.submitted, report.number))
    return out
