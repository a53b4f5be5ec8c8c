"""A child body's report to its parent, derived from the child's own consolidation: per parent
task, the state of the child's tasks serving it; indicators added as the child plan declares;
the submission date from the child's consolidation record. And the differences between a
report the child filed in the parent and the one its data give.

The rule (``docs/decisions.md``, roll-up): a child task is done when every pair counted in
its rate (lead units inside the child issuer's authority) is done at the cut-off; a parent
task is done when every serving child task is done (``done_when: all``, the default) or at
least one is (``any``), completed on the latest completion among them; otherwise it is in
progress when any serving pair has started, not started when none has. A recurring parent
task is carried out when any serving pair was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from plantrack.domain.viewmodel import Consolidation, PairRow, TaskRow
from plantrack.i18n import t
from plantrack.models import Plan, Report
from plantrack.models.report import TaskEntry

DONE = ("done-on-time", "done-late", "recurring-done")


@dataclass(frozen=True)
class ChildTask:
    """What one child task adds up to at the cut-off."""

    id: str
    done: bool
    started: bool
    completed: dt.date | None
    progress: float
    on_time: int
    late: int
    overdue: int
    pairs: int


def _counted(row: TaskRow) -> list[PairRow]:
    """The pairs of ``row`` counted in its rate; all its pairs when none is (a task only
    units outside the authority carry)."""
    rated = [p for p in row.pairs if p.rated]
    return rated or list(row.pairs)


def child_task(row: TaskRow, as_of: dt.date) -> ChildTask:
    """The summary of the child task ``row`` at ``as_of``."""
    pairs = _counted(row)
    done = [p for p in pairs if p.status in DONE]
    dates = [p.completed for p in done if p.completed is not None and p.completed <= as_of]
    shares = [100.0 if p.status in DONE else float(p.progress or 0) for p in pairs]
    started = bool(done) or any(p.state in ("in-progress", "done") or p.progress for p in pairs)
    return ChildTask(
        id=row.id,
        done=bool(pairs) and len(done) == len(pairs),
        started=started,
        completed=max(dates) if dates else None,
        progress=sum(shares) / len(shares) if shares else 0.0,
        on_time=sum(p.status == "done-on-time" for p in pairs),
        late=sum(p.status == "done-late" for p in pairs),
        overdue=sum(p.status == "open-overdue" for p in pairs),
        pairs=len(pairs),
    )


def _figures(serving: Sequence[ChildTask]) -> str:
    """The child's own on-time figures for the serving tasks, as the entry's results."""
    return t(
        "rollup.figures",
        "vi",
        tasks=len(serving),
        done=sum(c.done for c in serving),
        pairs=sum(c.pairs for c in serving),
        on_time=sum(c.on_time for c in serving),
        late=sum(c.late for c in serving),
        overdue=sum(c.overdue for c in serving),
    )


def _entry(task_id: str, recurring: bool, serving: list[ChildTask], rule: str) -> TaskEntry:
    """The parent task ``task_id``'s entry from the child tasks serving it."""
    results = _figures(serving)
    if recurring:
        carried = any(c.done or c.started for c in serving)
        return TaskEntry(task=task_id, state="in-progress", carried_out=carried, results=results)
    finished = [c for c in serving if c.done]
    done = len(finished) == len(serving) if rule == "all" else bool(finished)
    dates = [c.completed for c in finished if c.completed is not None]
    if done and dates:
        return TaskEntry(
            task=task_id, state="done", completed=max(dates), progress=100, results=results
        )
    progress = min(99, round(sum(c.progress for c in serving) / len(serving)))
    state = "in-progress" if any(c.started for c in serving) else "not-started"
    return TaskEntry(task=task_id, state=state, progress=progress, results=results)


def _indicators(parent: Plan, child: Plan, vm: Consolidation) -> dict[str, float | None]:
    """The child's indicator totals under the parent's indicator ids, added as declared
    (``implements.indicators``, else the same id); ratios are left to the parent, which
    computes them from their parts."""
    mapping = dict(child.implements.indicators) if child.implements else {}
    wanted = {i.id for i in parent.indicators if i.aggregate != "ratio"}
    out: dict[str, float | None] = {}
    for row in vm.indicators:
        target = mapping.get(row.id, row.id)
        if target in wanted and row.total is not None:
            out[target] = (out.get(target) or 0) + row.total
    return {key: _number(value) for key, value in sorted(out.items())}


def _number(value: float | None) -> float | None:
    """Whole numbers as integers, so a derived report reads as a typed one."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def derive_report(
    parent: Plan,
    child: Plan,
    vm: Consolidation,
    unit_id: str,
    *,
    as_of: dt.date,
    submitted: dt.date | None = None,
) -> Report:
    """The report the child ``unit_id`` owes the parent for ``vm``'s period, from the child's
    consolidation ``vm`` at ``as_of``: one entry per parent task some child task serves."""
    rule = parent.rollup.done_when if parent.rollup else "all"
    summaries = {row.id: child_task(row, as_of) for row in vm.tasks}
    entries: list[TaskEntry] = []
    for task in parent.tasks:
        serving = [
            summaries[c.id] for c in child.tasks if task.id in c.serves and c.id in summaries
        ]
        if serving:
            entries.append(_entry(task.id, task.time.recurring, serving, rule))
    return Report(
        unit=unit_id,
        period=str(vm.period.id),
        submitted=submitted,
        tasks=entries,
        indicators=_indicators(parent, child, vm),
    )


@dataclass(frozen=True)
class Difference:
    """One fact on which a filed report and the derived one disagree (``None``: absent)."""

    key: tuple[str | int, ...]
    filed: Any
    derived: Any


FACTS = ("state", "completed", "progress", "carried_out")


def differences(filed: Report, derived: Report) -> list[Difference]:
    """Every fact the derived report states that the filed one states otherwise: the
    submission date, each entry's state, completion, progress and recurring mark, each
    indicator; entries and indicators present in only one of them. Words (results,
    narrative) are the child's own and never compared."""
    out: list[Difference] = []
    if filed.submitted != derived.submitted and derived.submitted is not None:
        out.append(Difference(("submitted",), filed.submitted, derived.submitted))
    filed_entries = {e.task: (i, e) for i, e in enumerate(filed.tasks)}
    derived_ids = {e.task for e in derived.tasks}
    for entry in derived.tasks:
        found = filed_entries.get(entry.task)
        if found is None:
            out.append(Difference(("tasks",), None, entry.task))
            continue
        index, other = found
        for fact in FACTS:
            mine, theirs = getattr(other, fact), getattr(entry, fact)
            if mine != theirs and not (fact == "progress" and theirs is None):
                out.append(Difference(("tasks", index, fact), mine, theirs))
    for task_id, (index, _) in filed_entries.items():
        if task_id not in derived_ids:
            out.append(Difference(("tasks", index, "task"), task_id, None))
    for key in sorted(set(filed.indicators) | set(derived.indicators)):
        mine, theirs = filed.indicators.get(key), derived.indicators.get(key)
        if mine != theirs:
            out.append(Difference(("indicators", key), mine, theirs))
    return out
