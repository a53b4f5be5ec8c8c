"""What survives from earlier periods and from units that are gone: completions carried
forward, reports of units gone before the cut-off, and tasks left with no successor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from plantrack.domain.status import deadline_of
from plantrack.domain.viewmodel import NoSuccessorRow, SetAside
from plantrack.models import Report
from plantrack.models.period import Period, period_sort_key
from plantrack.models.report import TaskEntry
from plantrack.validate.context import Context

# period id → unit id → that unit's report for the period
History = Mapping[str, Mapping[str, Report]]


@dataclass(frozen=True)
class Carried:
    """An earlier completion of a task: the entry, its period and the unit that filed it."""

    entry: TaskEntry
    period: str
    unit: str


def carried_part(report: Report) -> Report:
    """What a consolidation reads of an earlier period's report: its unit, dates and
    indicators, and the completed tasks that may carry forward (``carried_completion``); the
    other entries and the narrative are left out, so four periods of a national repository
    are not all held whole."""
    done = [e for e in report.tasks if e.state == "done" and e.completed is not None]
    return report.model_copy(update={"tasks": done, "narrative": None})


def lineage(ctx: Context, unit_id: str) -> list[str]:
    """The unit, then its predecessors (nearest first, transitively)."""
    out, todo = [], [unit_id]
    while todo:
        current = todo.pop(0)
        if current in out:
            continue
        out.append(current)
        todo.extend(sorted(ctx.predecessors.get(current, [])))
    return out


def carried_completion(
    ctx: Context, unit_id: str, task_id: str, history: History, period: Period, as_of: dt.date
) -> Carried | None:
    """The latest earlier report, by the unit or one of its predecessors, that has
    ``task_id`` done by ``as_of``: a task completed stays completed (QĐ 42/2014)."""
    units = lineage(ctx, unit_id)
    key = period_sort_key(period.id)
    for period_id in sorted(history, key=period_sort_key, reverse=True):
        if period_sort_key(period_id) >= key:
            continue
        reports = history[period_id]
        for unit in units:
            report = reports.get(unit)
            if report is None:
                continue
            for entry in report.tasks:
                if (
                    entry.task == task_id
                    and entry.state == "done"
                    and entry.completed is not None
                    and entry.completed <= as_of
                ):
                    return Carried(entry, period_id, unit)
    return None


def gone_before(ctx: Context, unit_id: str, period: Period) -> bool:
    """The unit ended before the period's cut-off (its tasks passed to its successors)."""
    unit = ctx.units.get(unit_id)
    return unit is not None and unit.valid_until is not None and unit.valid_until < period.cutoff


def set_aside(ctx: Context, reports: Mapping[str, Report], period: Period) -> list[SetAside]:
    """Reports of units gone before the cut-off: none of them is consolidated."""
    return [
        SetAside(
            unit_id,
            ctx.unit_name(unit_id),
            ctx.units[unit_id].valid_until,
            list(ctx.units[unit_id].successors),
        )
        for unit_id in sorted(reports)
        if gone_before(ctx, unit_id, period)
    ]


def no_successor(
    ctx: Context, period: Period, history: History, as_of: dt.date
) -> list[NoSuccessorRow]:
    """Tasks whose lead unit was gone before the cut-off with no successor alive then, unless
    that unit (or a predecessor) reported them done earlier."""
    out = []
    for task in ctx.plan.tasks:
        for ref in task.lead:
            if ref in ctx.groups or not gone_before(ctx, ref, period):
                continue
            if ctx.heirs(ref, period.cutoff):
                continue
            if not task.time.recurring and carried_completion(
                ctx, ref, task.id, history, period, as_of
            ):
                continue
            out.append(
                NoSuccessorRow(
                    task_id=task.id,
                    title=task.title,
                    unit_id=ref,
                    unit_name=ctx.unit_name(ref),
                    gone=ctx.units[ref].valid_until,
                    time_label=task.time.label,
                    deadline=deadline_of(task),
                    recurring=task.time.recurring,
                )
            )
    return out
