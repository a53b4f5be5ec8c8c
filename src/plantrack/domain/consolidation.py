"""Build the consolidation view-model for one period at one cut-off (pure: ``as_of`` given)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from plantrack import i18n
from plantrack.domain.closing import closing_day
from plantrack.domain.indicators import IndicatorRow, comparison_period, indicator_rows
from plantrack.domain.indices import IndexRow, index_row, top_component
from plantrack.domain.status import Counts, deadline_of, task_status
from plantrack.domain.submission import submission
from plantrack.domain.succession import (
    History,
    carried_completion,
    gone_before,
    no_successor,
    set_aside,
)
from plantrack.domain.viewmodel import (
    Attributed,
    Consolidation,
    PairRow,
    PeriodInfo,
    PlanInfo,
    Provenance,
    SectionRow,
    Summary,
    TaskRow,
    UnitRow,
)
from plantrack.models import Report, Task
from plantrack.models.period import Period
from plantrack.models.report import TaskEntry
from plantrack.validate.context import Assignment, Context
from plantrack.validate.finding import Finding


def consolidate(
    ctx: Context,
    period: Period,
    reports: dict[str, Report],
    *,
    as_of: dt.date,
    provenance: Provenance,
    previous: Iterable[Report] = (),
    previous_period: str | None = None,
    committed: dict[str, dt.datetime] | None = None,
    warnings: list[Finding] | None = None,
    history: History | None = None,
    read_on: dt.date | None = None,
) -> Consolidation:
    """The consolidated picture of ``period``: statuses at ``as_of``, submissions against the
    due date, indicators beside the previous period, indices, and the units' own words.

    ``history`` holds the earlier periods' reports (completions carry forward from them);
    when it is not given, ``previous`` (the reports of ``previous_period``) is all there is.
    Reports of units gone before the cut-off are set aside, not consolidated. ``read_on``
    is the day the reports were read as of (``--as-of``): before the due date, a unit
    with no report yet is pending, not missing.
    """
    if history is None:
        history = _single_history(previous, previous_period)
    aside = set_aside(ctx, reports, period)
    reports = {u: r for u, r in reports.items() if not gone_before(ctx, u, period)}
    assignments = ctx.assignments(period)
    pairs = _pairs(ctx, assignments, reports, as_of, history, period)
    tasks = _task_rows(ctx, pairs)
    sections = _sections(ctx, tasks)
    units = _unit_rows(ctx, period, assignments, pairs, reports, committed or {}, read_on)
    overall = _count(pairs)
    vm = Consolidation(
        plan=PlanInfo.of(ctx.plan),
        period=PeriodInfo.of(period),
        as_of=as_of,
        provenance=provenance,
        overall=overall,
        sections=sections,
        units=units,
        indicators=_indicator_rows(ctx, period, reports, history),
        indices=_index_rows(ctx, tasks, as_of),
        previous_period=comparison_period(period, "flow", _periods(ctx, history)),
        warnings=warnings or [],
        document=ctx.plan.reporting.document,
        summary=Summary.of(units),
        coordination=_count(pairs, rated=False),
        no_successor=no_successor(ctx, period, history, as_of),
        set_aside=aside,
        consolidator_name=_unit_name(ctx, ctx.plan.reporting.consolidator),
    )
    _attach_words(ctx, vm, reports)
    _attach_lists(vm, tasks, units)
    return vm


def _unit_name(ctx: Context, unit_id: str) -> str | None:
    """A unit's name; ``None`` for an unknown id (an id never reaches a document)."""
    unit = ctx.units.get(unit_id)
    return unit.name if unit is not None else None


def _attach_lists(vm: Consolidation, tasks: list[TaskRow], units: list[UnitRow]) -> None:
    """The named exceptions: carried completions, overdue and open rated pairs, late and
    missing units."""
    rated = [p for t in tasks for p in t.pairs if p.rated]
    vm.carried = [p for p in rated if p.carried]
    vm.overdue = [
        p
        for p in rated
        if p.status == "open-overdue" or (p.status == "not-reported" and p.past_deadline)
    ]
    vm.open_tasks = [p for p in rated if p.status in ("open-on-time", "open-overdue")]
    vm.late_units = [u for u in units if u.submission.status == "late"]
    vm.missing_units = [u for u in units if u.submission.status == "missing"]


def _periods(ctx: Context, history: History) -> dict[str, Period]:
    return {pid: ctx.period(pid) for pid in history}


def _indicator_rows(
    ctx: Context, period: Period, reports: dict[str, Report], history: History
) -> list[IndicatorRow]:
    """The plan's indicators over the reports, each beside its like-with-like period."""
    kinds = {u.id: u.kind for u in ctx.units.values()}
    earlier = {pid: list(by_unit.values()) for pid, by_unit in history.items()}
    return indicator_rows(
        ctx.plan.indicators,
        list(reports.values()),
        earlier,
        kinds,
        period,
        _periods(ctx, history),
    )


def _single_history(previous: Iterable[Report], period_id: str | None) -> History:
    """The history of one earlier period (``previous``), or none."""
    return {period_id: {r.unit: r for r in previous}} if period_id else {}


def _pairs(
    ctx: Context,
    assignments: dict[str, list[Assignment]],
    reports: dict[str, Report],
    as_of: dt.date,
    history: History,
    period: Period,
) -> dict[str, list[PairRow]]:
    """Pairs grouped by task id, in unit order."""
    out: dict[str, list[PairRow]] = {}
    for unit_id in sorted(assignments):
        report = reports.get(unit_id)
        entries = {e.task: e for e in report.tasks} if report else {}
        inside = ctx.units[unit_id].authority == "inside"
        for assignment in assignments[unit_id]:
            task = assignment.task
            entry = entries.get(task.id)
            carried = None
            if entry is None and not task.time.recurring:
                carried = carried_completion(ctx, unit_id, task.id, history, period, as_of)
            pair = _pair(ctx, assignment, carried.entry if carried else entry, as_of)
            pair.rated = inside and assignment.role == "lead"
            if carried is not None:
                pair.carried_from, pair.carried_unit = carried.period, carried.unit
            out.setdefault(task.id, []).append(pair)
    return out


def _pair(ctx: Context, assignment: Assignment, entry: TaskEntry | None, as_of: dt.date) -> PairRow:
    task = assignment.task
    status = task_status(task, entry, as_of)
    return PairRow(
        task_id=task.id,
        unit_id=assignment.unit,
        unit_name=ctx.unit_name(assignment.unit),
        role=assignment.role,
        via=assignment.via,
        status=status,
        status_label=i18n.t(f"status.{status}"),  # kept in the JSON output
        deadline=deadline_of(task),
        past_deadline=_past_deadline(task, as_of),
        completed=entry.completed if entry else None,
        progress=entry.progress if entry else None,
        state=entry.state if entry else None,
        results=entry.results if entry else None,
        evidence=[_evidence(d.number, d.date, d.title) for d in entry.evidence] if entry else [],
        difficulties=entry.difficulties if entry else None,
        next_steps=entry.next_steps if entry else None,
    )


def _evidence(number: str | None, date: dt.date | None, title: str) -> str:
    head = " ".join(part for part in (number, f"ngày {date:%d/%m/%Y}" if date else None) if part)
    return f"{head}: {title}" if head else title


def _count(pairs: dict[str, list[PairRow]] | list[PairRow], *, rated: bool = True) -> Counts:
    """Counts of the rated pairs (lead units inside the issuer's authority), or with
    ``rated=False`` of the coordination pairs reported beside them."""
    counts = Counts()
    rows = pairs if isinstance(pairs, list) else [p for rows in pairs.values() for p in rows]
    for pair in rows:
        if pair.rated == rated:
            counts.add(pair.status, pair.past_deadline, pair.carried)
    return counts


def _past_deadline(task: Task, as_of: dt.date) -> bool:
    deadline = deadline_of(task)
    return deadline is not None and as_of > deadline


def _task_rows(ctx: Context, pairs: dict[str, list[PairRow]]) -> list[TaskRow]:
    rows = []
    for task in ctx.plan.tasks:
        task_pairs = pairs.get(task.id, [])
        rows.append(
            TaskRow(
                id=task.id,
                section=task.section,
                title=task.title,
                targets=list(task.targets),
                lead=[ctx.unit_name(u) for u in task.lead],
                support=[ctx.unit_name(u) for u in task.support],
                time_label=task.time.label,
                deadline=deadline_of(task),
                recurring=task.time.recurring,
                output=task.output,
                counts=_count(task_pairs),
                pairs=task_pairs,
                coordination=_count(task_pairs, rated=False),
            )
        )
    return rows


def _sections(ctx: Context, tasks: list[TaskRow]) -> list[SectionRow]:
    out = []
    for section in ctx.plan.sections:
        rows = [t for t in tasks if t.section == section.id]
        out.append(
            SectionRow(section.id, section.title, _count([p for t in rows for p in t.pairs]), rows)
        )
    return out


def _unit_rows(
    ctx: Context,
    period: Period,
    assignments: dict[str, list[Assignment]],
    pairs: dict[str, list[PairRow]],
    reports: dict[str, Report],
    committed: dict[str, dt.datetime],
    read_on: dt.date | None = None,
) -> list[UnitRow]:
    by_unit: dict[str, list[PairRow]] = {}
    for rows in pairs.values():
        for pair in rows:
            by_unit.setdefault(pair.unit_id, []).append(pair)
    out = []
    for unit_id in sorted(assignments, key=lambda u: (ctx.units[u].kind, ctx.units[u].name)):
        unit = ctx.units[unit_id]
        contacts = [
            ", ".join(x for x in (c.name, c.title, c.phone, c.email) if x) for c in unit.contacts
        ]
        out.append(
            UnitRow(
                id=unit_id,
                name=unit.name,
                short=unit.short or unit.name,
                kind=unit.kind,
                submission=submission(
                    unit_id, reports.get(unit_id), committed.get(unit_id), period, read_on
                ),
                counts=_count(by_unit.get(unit_id, [])),
                contacts=contacts,
                authority=unit.authority,
                coordination=_count(by_unit.get(unit_id, []), rated=False),
                closing=closing_day(unit, period),
            )
        )
    return out


def _index_rows(ctx: Context, tasks: list[TaskRow], as_of: dt.date) -> list[IndexRow]:
    counts: dict[str, Counts] = {}
    task_ids: dict[str, list[str]] = {}
    for task in tasks:
        for ref in {top_component(t) for t in task.targets}:
            task_ids.setdefault(ref, []).append(task.id)
            merged = counts.setdefault(ref, Counts())
            for pair in task.pairs:
                if pair.rated:
                    merged.add(pair.status, pair.past_deadline, pair.carried)
    return [index_row(index, counts, task_ids, known_on=as_of) for index in ctx.indices.values()]


def _attach_words(ctx: Context, vm: Consolidation, reports: dict[str, Report]) -> None:
    """The units' narrative, difficulties, proposals and next steps, attributed."""
    for unit_id in sorted(reports, key=lambda u: ctx.unit_name(u)):
        report = reports[unit_id]
        name = ctx.unit_name(unit_id)
        if report.narrative:
            for attr in ("direction", "communication", "inspection"):
                text = getattr(report.narrative, attr)
                if text:
                    getattr(vm, attr).append(Attributed(unit_id, name, text))
        vm.difficulties += [Attributed(unit_id, name, text) for text in report.difficulties]
        vm.proposals += [Attributed(unit_id, name, text) for text in report.proposals]
        vm.next_steps += [Attributed(unit_id, name, text) for text in report.next_tasks]
        vm.next_steps += [
            Attributed(unit_id, name, e.next_steps, e.task) for e in report.tasks if e.next_steps
        ]
