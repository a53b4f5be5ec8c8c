"""What a unit's form holds for a period, independent of Excel: one row per task (the unit's
current report, else last period's answers carried forward), the indicators it reports, the
general part, and the hidden metadata tying the form to the plan version, unit and period."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from plantrack import layout
from plantrack.domain.skeleton import SkeletonEntry, build_skeleton, lineage
from plantrack.errors import PlantrackError
from plantrack.forms.fixes import FixRow, fix_rows
from plantrack.forms.layout import FORMAT, FORMAT_VERSION, ROLE_LABELS, meta_keys
from plantrack.models import Plan, Report, Unit
from plantrack.models.period import Period, period_sort_key
from plantrack.models.plan import Indicator
from plantrack.models.report import TaskEntry
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.loading import latest_reports_before, load_model
from plantrack.validate.require import Repository, require_period
from plantrack.validate.suggest import suggestion


@dataclass(frozen=True)
class TaskRow:
    """One row of the tasks sheet: the task as the plan states it and the prefilled answer."""

    task: str
    title: str
    deadline: str
    role: str
    recurring: bool
    entry: TaskEntry | None


@dataclass(frozen=True)
class IndicatorRow:
    """One row of the indicators sheet."""

    id: str
    name: str
    unit: str
    value: float | None


@dataclass(frozen=True)
class FormContent:
    """Everything one unit's form for one period shows."""

    plan: Plan
    unit: Unit
    period: Period
    consolidator: str
    tasks: list[TaskRow]
    indicators: list[IndicatorRow]
    fixes: list[FixRow]
    report: Report  # the current report, or a blank one naming who prepares and approves
    carried_from: str | None  # the earlier period the answers come from
    meta: dict[str, str]


def report_rel(unit_id: str, period_id: str) -> str:
    """Where the report of ``unit_id`` for ``period_id`` lives, repo-relative."""
    return layout.report(period_id, unit_id)


def plan_fingerprint(plan: Plan) -> str:
    """A hash of the plan's task ids and titles: a form is only valid for the same tasks."""
    text = "\n".join(f"{task.id}\t{task.title}" for task in plan.tasks)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def meta_checksum(meta: Mapping[str, str]) -> str:
    """A hash over every metadata value but the checksum itself: hand edits show."""
    keys = meta_keys(meta.get("format_version", FORMAT_VERSION))
    text = "\n".join(f"{key}={meta.get(key, '')}" for key in keys if key != "checksum")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_target(repo: Repository, unit_id: str, period_id: str) -> tuple[Unit, Period]:
    """The unit and period of a form; unknown ones stop the run with a clear message."""
    period = require_period(repo.ctx, period_id)
    if unit_id not in repo.ctx.units:
        hint = suggestion(unit_id, repo.ctx.units)["suggestion"]
        raise PlantrackError(code="PT916", unit=unit_id, suggestion=hint)
    return repo.ctx.units[unit_id], period


def build_content(
    repo: Repository, unit_id: str, period_id: str
) -> tuple[FormContent | None, list[Finding]]:
    """The form of ``unit_id`` for ``period_id``; ``None`` with the findings when the unit's
    current report cannot be read (fix it first, or its answers would be lost)."""
    unit, period = check_target(repo, unit_id, period_id)
    ctx = repo.ctx
    assigned = ctx.assigned_to(unit_id, period)
    if not assigned:
        raise PlantrackError(code="PT917", unit=unit_id, period=period_id)
    current, findings = _load_report(repo, report_rel(unit_id, period_id))
    if findings and current is None:
        return None, findings
    # the same carry-forward as 'report new': last period's answers, predecessors included
    skeleton = build_skeleton(
        ctx,
        unit_id,
        period,
        latest_reports_before(repo.root, repo.files, lineage(repo.ctx, unit_id), period_id),
    )
    roles = {a.task.id: ROLE_LABELS[a.role] for a in assigned}
    rows: list[TaskRow] = []
    if current is not None:
        rows += [_row(ctx, e.task, roles, e) for e in current.tasks]
    else:
        rows += [_row(ctx, e.task.id, roles, _carried(e)) for e in skeleton.entries]
    listed = {row.task for row in rows}
    rows += [_row(ctx, t, roles, None) for t in roles if t not in listed]
    asked = [s.indicator for s in skeleton.indicators]
    general = current or Report(
        unit=unit_id,
        period=period_id,
        prepared_by=skeleton.prepared_by,
        approved_by=skeleton.approved_by,
    )
    sources = dict(skeleton.sources)
    carried_from = None
    if current is None and sources:
        carried_from = sources.get(unit_id) or max(sources.values(), key=period_sort_key)
    content = FormContent(
        plan=ctx.plan,
        unit=unit,
        period=period,
        consolidator=ctx.unit_name(ctx.plan.reporting.consolidator),
        tasks=rows,
        indicators=_indicators(ctx.plan.indicators, asked, current),
        fixes=fix_rows(repo.root, repo.files, ctx, unit_id, period, current),
        report=general,
        carried_from=carried_from,
        meta={},
    )
    source_rel = report_rel(unit_id, period_id) if current is not None else ""
    return _with_meta(repo, content, current, source_rel), []


def _load_report(repo: Repository, rel: str) -> tuple[Report | None, list[Finding]]:
    file = next((f for f in repo.files if f.rel == rel), None)
    if file is None:
        return None, []
    report, _, findings = load_model(repo.root, file, Report)
    return report, findings


def _carried(entry: SkeletonEntry) -> TaskEntry | None:
    """What carries into the next period: state, completion, progress, carried out, evidence
    (only where an earlier report answered; other rows stay blank for the unit to fill)."""
    if not entry.carried:
        return None
    return TaskEntry(
        task=entry.task.id,
        state=entry.state,
        completed=entry.completed,
        progress=entry.progress,
        carried_out=entry.carried_out,
        evidence=entry.evidence,
    )


def _row(ctx: Context, task_id: str, roles: dict[str, str], entry: TaskEntry | None) -> TaskRow:
    task = ctx.tasks.get(task_id)
    if task is None:  # a report entry for a task the plan does not have: kept, check flags it
        return TaskRow(task_id, "", "", "", False, entry)
    deadline = task.time.label
    if task.extended_to is not None:
        deadline += f"\n(gia hạn đến {task.extended_to:%d/%m/%Y})"
    return TaskRow(
        task_id, task.title, deadline, roles.get(task_id, ""), task.time.recurring, entry
    )


def _indicators(
    plan: list[Indicator], asked: list[Indicator], report: Report | None
) -> list[IndicatorRow]:
    """The indicators the unit enters for its tasks (ratios are computed, not asked), then any
    other value its report already holds, so that nothing is lost on the way back."""
    values = report.indicators if report is not None else {}
    by_id = {ind.id: ind for ind in plan}
    ids = [ind.id for ind in asked]
    ids += [i for i in values if i not in ids]
    rows = []
    for ind_id in ids:
        ind = by_id.get(ind_id)
        name, measure = (ind.name, ind.unit) if ind is not None else ("", "")
        rows.append(IndicatorRow(ind_id, name, measure, values.get(ind_id)))
    return rows


def _with_meta(
    repo: Repository, content: FormContent, report: Report | None, source_rel: str
) -> FormContent:
    source_hash = ""
    if source_rel:
        source_hash = hashlib.sha256((repo.root / source_rel).read_bytes()).hexdigest()
    nulls = [k for k, v in report.indicators.items() if v is None] if report else []
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "plan_id": content.plan.id,
        "plan_version": str(content.plan.version),
        "plan_fingerprint": plan_fingerprint(content.plan),
        "unit": content.unit.id,
        "period": content.period.id,
        "tasks": " ".join(row.task for row in content.tasks),
        "indicators": " ".join(row.id for row in content.indicators),
        "null_indicators": " ".join(nulls),
        "fixes": " ".join(row.finding for row in content.fixes),
        "narrative": "1" if report is not None and report.narrative is not None else "",
        "source": source_rel,
        "source_sha256": source_hash,
    }
    meta["checksum"] = meta_checksum(meta)
    return replace(content, meta=meta)
