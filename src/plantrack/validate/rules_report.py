"""Rules for one unit report against the plan and the units."""

from __future__ import annotations

import datetime as dt

from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.models.period import Period
from plantrack.models.report import TaskEntry
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.rules_filled import check_filled
from plantrack.validate.rules_fixes import check_report_fixes
from plantrack.validate.suggest import suggestion


def check_report(
    ctx: Context, report: Report, file: DataFile, where: Located, today: dt.date
) -> list[Finding]:
    """Every cross-file rule for one report."""
    out, at = report_rules(ctx, report, file, where)
    return with_dated(out, at, dated_rules(report.submitted, where, today))


def with_dated(out: list[Finding], at: int | None, dated: list[Finding]) -> list[Finding]:
    """``report_rules``' findings with the dated rule's in its place (the order in which the
    rules run, which is the order a consolidation lists its warnings in)."""
    return out if at is None else [*out[:at], *dated, *out[at:]]


def dated_rules(submitted: dt.date | None, where: Located, today: dt.date) -> list[Finding]:
    """The one rule that depends on the day of the check: a report signed in the future."""
    if submitted and submitted > today:
        return [where.at("PT226", ("submitted",), submitted=submitted, today=today)]
    return []


def report_rules(
    ctx: Context, report: Report, file: DataFile, where: Located, *, words: bool = True
) -> tuple[list[Finding], int | None]:
    """The cross-file rules of one report that do not depend on the day, and where in them
    ``dated_rules`` go (``None``: they do not apply, the report's unit being unknown)."""
    out = _path_rules(report, file, where)
    if report.unit in ctx.unreadable_units:
        return out, None  # the unit's own file does not load: its findings say why
    if report.unit not in ctx.units:
        out.append(
            where.at("PT201", ("unit",), id=report.unit, **suggestion(report.unit, ctx.units))
        )
        return out, None
    period = ctx.period(report.period)
    if not ctx.is_required(report.period):
        rules = ctx.plan.reporting
        last = f" đến {rules.last}" if rules.last else ""
        out.append(
            where.at(
                "PT207",
                ("period",),
                period=report.period,
                required=", ".join(rules.periods),
                first=rules.first,
                last=last,
                last_en=f" to {rules.last}" if rules.last else "",
            )
        )
    unit = ctx.units[report.unit]
    alive = unit.alive_between(period.start, period.cutoff)
    # PT208: never alive in the period; PT230: gone before its cut-off, tasks passed on
    if not alive or (unit.valid_until is not None and unit.valid_until < period.cutoff):
        out.append(
            where.at(
                "PT230" if alive else "PT208",
                ("unit",),
                unit=unit.id,
                period=period.id,
                start=period.start,
                cutoff=period.cutoff,
                until=unit.valid_until,
                successors=", ".join(unit.successors) or "—",
            )
        )
    at = len(out)
    out += _task_rules(ctx, report, period, where)
    out += _indicator_rules(ctx, report, where)
    if words:  # the report's own words: the check cache keeps their warnings as they were
        out += check_filled(report, where)
    out += check_report_fixes(ctx, report, period, where)
    return out, at


def _path_rules(report: Report, file: DataFile, where: Located) -> list[Finding]:
    out = []
    if report.unit != file.stem:
        out.append(where.at("PT205", ("unit",), content=report.unit, path_value=file.stem))
    if report.period != file.folder:
        out.append(where.at("PT206", ("period",), content=report.period, path_value=file.folder))
    return out


def _task_rules(ctx: Context, report: Report, period: Period, where: Located) -> list[Finding]:
    assigned = {a.task.id: a for a in ctx.assigned_to(report.unit, period)}
    out: list[Finding] = []
    first_entry: dict[str, int] = {}
    for index, entry in enumerate(report.tasks):
        path = ("tasks", index)
        if entry.task in first_entry:
            out.append(
                where.at(
                    "PT211", (*path, "task"), task=entry.task, first=first_entry[entry.task] + 1
                )
            )
            continue
        first_entry[entry.task] = index
        if entry.task not in ctx.tasks:
            out.append(
                where.at(
                    "PT202",
                    (*path, "task"),
                    id=entry.task,
                    **suggestion(entry.task, assigned or ctx.tasks),
                )
            )
            continue
        if entry.task not in assigned:
            out.append(where.at("PT210", (*path, "task"), task=entry.task, unit=report.unit))
        out += _entry_rules(ctx, entry, report, period, where, path)
    for task_id, assignment in assigned.items():
        if task_id not in first_entry:
            out.append(
                where.at(
                    "PT209", ("tasks",), on_key=True, task=task_id, title=assignment.task.title
                )
            )
    return out


def _entry_rules(
    ctx: Context,
    entry: TaskEntry,
    report: Report,
    period: Period,
    where: Located,
    path: tuple[str | int, ...],
) -> list[Finding]:
    out = []
    if entry.state == "done" and entry.completed is None:
        out.append(where.at("PT212", (*path, "state"), task=entry.task))
    if entry.completed is not None:
        if entry.completed > period.cutoff:
            out.append(
                where.at(
                    "PT213",
                    (*path, "completed"),
                    completed=entry.completed,
                    cutoff=period.cutoff,
                    period=period.id,
                )
            )
        if entry.state != "done":
            out.append(
                where.at(
                    "PT215", (*path, "completed"), completed=entry.completed, state=entry.state
                )
            )
        plan_start = ctx.period(ctx.plan.reporting.first).start
        if entry.completed < plan_start:
            # most often a mistyped year; work done before the plan is not its result
            out.append(
                where.at("PT228", (*path, "completed"), completed=entry.completed, start=plan_start)
            )
    if entry.progress == 100 and entry.state != "done":
        out.append(where.at("PT214", (*path, "progress"), state=entry.state))
    if ctx.tasks[entry.task].time.recurring and entry.carried_out is None:
        out.append(where.at("PT224", (*path, "task"), task=entry.task))
    if report.submitted is not None:
        for e_index, doc in enumerate(entry.evidence):
            if doc.date is not None and doc.date > report.submitted:
                out.append(
                    where.at(
                        "PT216",
                        (*path, "evidence", e_index, "date"),
                        number=doc.number or doc.title,
                        date=doc.date,
                        submitted=report.submitted,
                    )
                )
    return out


def _indicator_rules(ctx: Context, report: Report, where: Located) -> list[Finding]:
    out = []
    for ind_id in report.indicators:
        indicator = ctx.indicators.get(ind_id)
        if indicator is None:
            out.append(
                where.at(
                    "PT203",
                    ("indicators", ind_id),
                    on_key=True,
                    id=ind_id,
                    **suggestion(ind_id, ctx.indicators),
                )
            )
        elif indicator.aggregate == "ratio":
            out.append(
                where.at(
                    "PT223",
                    ("indicators", ind_id),
                    on_key=True,
                    id=ind_id,
                    numerator=indicator.numerator,
                    denominator=indicator.denominator,
                )
            )
    return out
