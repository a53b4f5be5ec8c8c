"""``history``: one task's story across periods, from git history (pure), and the steps
both histories are made of (a unit's story is in ``unit_history``).

For a task: every period of the plan, and in each the responsible units with the state and
progress their report gives now and the commit that set them (and every earlier change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from plantrack import layout
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.audit_rules import plan_time_findings
from plantrack.domain.gitfacts import ACTION_TEXT, Blobs, CommitLike, Touch, touches
from plantrack.models.period import parse_period_id, period_sort_key
from plantrack.validate.context import Context

Value = tuple[bool, str | None, int | None, str | None]  # present, state, progress, completed


@dataclass
class Step:
    """One commit that changed what a history line shows."""

    commit: str
    author_name: str
    author_email: str
    date: dt.datetime
    action: str
    state: str | None = None
    progress: int | None = None
    completed: str | None = None
    present: bool = True
    allowed: bool = True
    other: str | None = None

    def action_text(self, lang: str) -> str:
        """The action in Vietnamese (``vi``) or English."""
        vi, en = ACTION_TEXT[self.action]
        return (en if lang == "en" else vi).format(other=self.other or "")


@dataclass
class UnitLine:
    """A responsible unit in one period of a task's history."""

    unit_id: str
    unit_name: str
    role: str
    via: str | None
    file: str
    state: str | None
    progress: int | None
    completed: str | None
    set_by: Step | None
    steps: list[Step] = field(default_factory=list)


@dataclass
class PeriodBlock:
    """One period of a task's history."""

    period: str
    title: str
    due: dt.date
    lines: list[UnitLine]


@dataclass
class TaskHistory:
    """A task across every period of the plan."""

    task_id: str
    title: str
    time: str
    extended_to: str | None
    time_changes: list[AuditFinding]
    periods: list[PeriodBlock]
    commits: int
    shallow: bool = False


def plan_periods(ctx: Context, seen: Iterable[str] = ()) -> list[str]:
    """The periods the plan requires, from ``first`` to ``last`` (or to the latest period
    seen), plus any other period folder seen."""
    rules = ctx.plan.reporting
    seen = {p for p in seen if parse_period_id(p)}
    first_year = int(rules.first[:4])
    end = rules.last or max(seen | {rules.first}, key=period_sort_key)
    out = {
        f"{year}-{kind}"
        for year in range(first_year, int(end[:4]) + 1)
        for kind in rules.periods
        if ctx.is_required(f"{year}-{kind}")
        and period_sort_key(f"{year}-{kind}") <= period_sort_key(end)
    }
    return sorted(out | seen, key=period_sort_key)


def touches_by_path(commits: Sequence[CommitLike]) -> dict[str, list[Touch]]:
    """Every change of each file, oldest first."""
    # a shallow clone's cut commit shows its whole tree as added: kept, as the state then
    out: dict[str, list[Touch]] = {}
    for c in commits:
        for t in touches(c):
            out.setdefault(t.path, []).append(t)
    return out


def make_step(t: Touch, value: Value, allowed: bool = True) -> Step:
    """The step ``t`` made, showing ``value``."""
    c = t.commit
    present, state, progress, completed = value
    return Step(
        c.sha, c.author_name, c.author_email, c.author_date, t.action,
        state, progress, completed, present, allowed, t.other,
    )  # fmt: skip


def _entry_value(task_id: str) -> Callable[[Any], Value]:
    def pick(data: Any) -> Value:
        tasks = data.get("tasks") if isinstance(data, dict) else None
        for entry in tasks if isinstance(tasks, list) else []:
            if isinstance(entry, dict) and str(entry.get("task")) == task_id:
                progress = entry.get("progress")
                completed = entry.get("completed")
                return (
                    True,
                    None if entry.get("state") is None else str(entry.get("state")),
                    progress if isinstance(progress, int) else None,
                    None if completed is None else str(completed),
                )
        return (False, None, None, None)

    return pick


def task_history(
    ctx: Context, task_id: str, commits: Sequence[CommitLike], blobs: Blobs
) -> TaskHistory:
    """The history of ``task_id`` (a task of ``ctx.plan``)."""
    task = ctx.tasks[task_id]
    paths = touches_by_path(commits)
    reports = [p for p in paths if layout.is_report(p)]
    blocks: list[PeriodBlock] = []
    pick = _entry_value(task_id)
    wanted = {t.new_blob for p in reports for t in paths[p] if t.new_blob}
    values = {blob: pick(data) for blob, data in blobs.summaries(wanted).items()}
    by_period: dict[str, list[str]] = {}
    for p in reports:
        by_period.setdefault(p.split("/")[2], []).append(p)
    for period_id in plan_periods(ctx, by_period):
        filed = by_period.get(period_id, [])
        blocks.append(_period_block(ctx, task_id, period_id, filed, paths, values))
    found: list[AuditFinding] = []
    plan_time_findings(paths.get(layout.PLAN, []), blobs, found.append)
    return TaskHistory(
        task_id,
        task.title,
        task.time.text,
        task.extended_to.isoformat() if task.extended_to else None,
        [f for f in found if f.details.get("task") == task_id],
        blocks,
        len(commits),
        any(c.boundary for c in commits),
    )


def _period_block(
    ctx: Context,
    task_id: str,
    period_id: str,
    reports: list[str],
    paths: dict[str, list[Touch]],
    values: dict[str, Value],
) -> PeriodBlock:
    """One period of a task's history: the units responsible then, and any unit that filed
    an entry for the task (``reports``: the period's report files)."""
    period = ctx.period(period_id)
    roles = {a.unit: (a.role, a.via) for a in ctx.task_assignments(task_id, period.cutoff)}
    filed = {p.rsplit("/", 1)[-1].removesuffix(".yaml"): p for p in reports}
    lines = []
    for unit_id in sorted(set(roles) | set(filed)):
        path = layout.report(period_id, unit_id)
        line = _line(ctx, unit_id, roles.get(unit_id), path, paths.get(path, []), values)
        if unit_id in roles or line.steps:
            lines.append(line)
    return PeriodBlock(period_id, period.title, period.due, lines)


def _line(
    ctx: Context,
    unit_id: str,
    role: tuple[str, str | None] | None,
    path: str,
    items: list[Touch],
    values: dict[str, Value],
) -> UnitLine:
    steps: list[Step] = []
    current: Value = (False, None, None, None)
    for t in items:
        value = values.get(t.new_blob, current) if t.new_blob and not t.gone else None
        value = value or (False, None, None, None)
        if value != current:
            steps.append(make_step(t, value))
            current = value
    _, state, progress, completed = current
    return UnitLine(
        unit_id,
        ctx.unit_name(unit_id),
        role[0] if role else "",
        role[1] if role else None,
        path,
        state,
        progress,
        completed,
        steps[-1] if steps and current[0] else None,
        steps,
    )
