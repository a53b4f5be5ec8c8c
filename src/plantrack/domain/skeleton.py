"""The pre-filled skeleton of a unit's report for a period (``plantrack report new``).

Pure: given the cross-file context, the unit, the period and the latest earlier report of the
unit and of each unit it succeeded, say which entries the skeleton holds and what is carried
forward. For each task the answer comes from the most recent earlier report holding it; the
unit's own report wins a tie. When several predecessors answered at that period (two merged
communes), their answers are merged conservatively: the least advanced state, the lowest
progress, a completion date only if every one of them is done, the union of the evidence.
Results, difficulties and next steps are not carried: the unit writes them anew, and the
earlier text is offered beside the entry as a comment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from plantrack.domain.handover import Handover
from plantrack.i18n import error_text
from plantrack.models import Report, Task, Unit
from plantrack.models.common import LegalDoc, Person
from plantrack.models.period import Period, period_sort_key
from plantrack.models.plan import Indicator
from plantrack.models.report import TaskEntry, TaskState
from plantrack.validate.context import Context, Role
from plantrack.validate.suggest import suggestion

_STATE_ORDER: dict[TaskState, int] = {"not-started": 0, "in-progress": 1, "done": 2}


@dataclass(frozen=True, slots=True)
class PastText:
    """Text an earlier report wrote: its period, who wrote it (``None``: the unit itself)."""

    period: str
    author: str | None
    text: str


@dataclass
class SkeletonEntry:
    """One task entry of the skeleton with the values carried forward."""

    task: Task
    role: Role
    via: str | None = None
    state: TaskState = "not-started"
    completed: dt.date | None = None
    progress: int | None = None
    carried_out: bool | None = None
    evidence: list[LegalDoc] = field(default_factory=list)
    carried_from: list[str] = field(default_factory=list)
    past_results: list[PastText] = field(default_factory=list)
    past_difficulties: list[PastText] = field(default_factory=list)
    past_next_steps: list[PastText] = field(default_factory=list)

    @property
    def carried(self) -> bool:
        """Whether any value came from an earlier report."""
        return bool(self.carried_from)


@dataclass(frozen=True, slots=True)
class PastValue:
    """A value an earlier report gave an indicator."""

    period: str
    author: str | None
    value: float


@dataclass(frozen=True, slots=True)
class SkeletonIndicator:
    """An indicator the unit reports, with the values earlier reports gave it."""

    indicator: Indicator
    previous: tuple[PastValue, ...] = ()


@dataclass
class Skeleton:
    """Everything the YAML skeleton of one report holds."""

    unit: Unit
    period: Period
    prepared_by: Person | None
    approved_by: Person | None
    entries: list[SkeletonEntry]
    indicators: list[SkeletonIndicator]
    computed: list[Indicator]
    sources: list[tuple[str, str]]
    past_next_tasks: list[PastText]
    names: dict[str, str] = field(default_factory=dict)
    closing: dt.date | None = None
    """The unit's last day when this is its closing report (``domain/closing.py``)."""
    handover: Handover | None = None
    """What it hands over, for a closing report (when the data allowed it)."""

    @property
    def carried_entries(self) -> int:
        """How many entries took values from an earlier report."""
        return sum(entry.carried for entry in self.entries)


def lineage(ctx: Context, unit_id: str) -> list[str]:
    """The unit, then every unit it succeeded (transitively, nearest first)."""
    order, todo = [unit_id], list(ctx.predecessors.get(unit_id, []))
    while todo:
        current = todo.pop(0)
        if current not in order:
            order.append(current)
            todo.extend(ctx.predecessors.get(current, []))
    return order


def refusal_code(ctx: Context, unit_id: str, period: Period) -> tuple[str, dict[str, str]] | None:
    """Why ``unit_id`` does not owe a report for ``period``, as a fatal error code and its
    values (PT916 unknown unit, PT926 not active at the cut-off, PT917 no task), or ``None``."""
    unit = ctx.units.get(unit_id)
    if unit is None:
        return "PT916", {
            "unit": unit_id,
            "suggestion": suggestion(unit_id, ctx.units)["suggestion"],
        }
    if unit_id in ctx.expected_units(period):
        return None
    if not unit.alive_on(period.cutoff):
        heirs = ", ".join(ctx.heirs(unit_id, period.cutoff))
        return "PT926", {
            "unit": unit_id,
            "cutoff": period.cutoff.strftime("%d/%m/%Y"),
            "period": period.id,
            "heirs": heirs or "không có",
            "heirs_en": heirs or "none",
        }
    return "PT917", {"unit": unit_id, "period": period.id}


def refusal(ctx: Context, unit_id: str, period: Period) -> str | None:
    """Why ``unit_id`` does not owe a report for ``period`` (Vietnamese), or ``None``."""
    found = refusal_code(ctx, unit_id, period)
    return error_text(found[0], "vi", **found[1]) if found else None


def build_skeleton(
    ctx: Context, unit_id: str, period: Period, previous: Mapping[str, Report]
) -> Skeleton:
    """The skeleton of ``unit_id``'s report for ``period``.

    ``previous`` maps the unit and the units it succeeded (see ``lineage``) to their latest
    report before ``period``; units without one are simply absent.
    """
    unit = ctx.units[unit_id]
    earlier = {
        uid: report
        for uid, report in previous.items()
        if period_sort_key(report.period) < period_sort_key(period.id)
    }
    names = {uid: _name(ctx, uid) for uid in lineage(ctx, unit_id)}
    entries = [
        _entry(assignment.task, assignment.role, assignment.via, unit_id, earlier)
        for assignment in ctx.assigned_to(unit_id, period)
    ]
    newest = _newest_reports(unit_id, earlier)
    return Skeleton(
        unit=unit,
        period=period,
        prepared_by=_brief(unit.contacts[0]) if unit.contacts else None,
        approved_by=_brief(unit.head) if unit.head else None,
        entries=entries,
        indicators=[
            SkeletonIndicator(ind, _past_values(ind.id, unit_id, newest))
            for ind in _reported_indicators(ctx, unit, entries)
        ],
        computed=_computed_indicators(ctx, entries),
        sources=sorted(
            ((uid, r.period) for uid, r in earlier.items()),
            key=lambda s: (s[0] != unit_id, s[0]),
        ),
        past_next_tasks=[
            PastText(r.period, None if uid == unit_id else uid, text)
            for uid, r in newest
            for text in r.next_tasks
        ],
        names=names,
    )


def _name(ctx: Context, unit_id: str) -> str:
    unit = ctx.units.get(unit_id)
    return unit_id if unit is None else unit.short or unit.name


def _brief(person: Person) -> Person:
    # Reports name the preparer and the head by name and title, as the real ones do.
    return Person(name=person.name, title=person.title)


def _newest_reports(unit_id: str, earlier: Mapping[str, Report]) -> list[tuple[str, Report]]:
    """The unit's own latest report, plus predecessors' reports at least as recent."""
    own = earlier.get(unit_id)
    floor = period_sort_key(own.period) if own else (0, 0)
    out = [(unit_id, own)] if own else []
    out += [
        (uid, r)
        for uid, r in sorted(earlier.items())
        if uid != unit_id and period_sort_key(r.period) >= floor
    ]
    return out


def _entry(
    task: Task, role: Role, via: str | None, unit_id: str, earlier: Mapping[str, Report]
) -> SkeletonEntry:
    found = [
        (uid, report, entry)
        for uid, report in earlier.items()
        for entry in report.tasks
        if entry.task == task.id
    ]
    skeleton = SkeletonEntry(task, role, via)
    if not found:
        return skeleton
    best = max(period_sort_key(report.period) for _, report, _ in found)
    found = [f for f in found if period_sort_key(f[1].period) == best]
    own = [f for f in found if f[0] == unit_id]
    chosen = own or sorted(found, key=lambda f: f[0])
    _merge(skeleton, [entry for _, _, entry in chosen])
    skeleton.carried_from = [uid for uid, _, _ in chosen]
    for uid, report, entry in chosen:
        author = None if uid == unit_id else uid
        for text, bucket in (
            (entry.results, skeleton.past_results),
            (entry.difficulties, skeleton.past_difficulties),
            (entry.next_steps, skeleton.past_next_steps),
        ):
            if text:
                bucket.append(PastText(report.period, author, text))
    return skeleton


def _merge(target: SkeletonEntry, entries: list[TaskEntry]) -> None:
    """Carry state, completion, progress, carried_out and evidence from ``entries``."""
    target.state = min((e.state for e in entries), key=_STATE_ORDER.__getitem__)
    dates = [e.completed for e in entries]
    if target.state == "done" and all(d is not None for d in dates):
        target.completed = max(d for d in dates if d is not None)
    progress = [e.progress for e in entries if e.progress is not None]
    target.progress = min(progress) if progress else None
    if target.state != "done" and target.progress == 100:
        target.progress = None  # 100% belongs to done tasks only (PT214)
    flags = [e.carried_out for e in entries if e.carried_out is not None]
    target.carried_out = any(flags) if flags else None
    seen: set[tuple[str | None, dt.date | None, str]] = set()
    for entry in entries:
        for doc in entry.evidence:
            key = (doc.number, doc.date, doc.title)
            if key not in seen:
                seen.add(key)
                target.evidence.append(doc)


def _reported_indicators(ctx: Context, unit: Unit, entries: list[SkeletonEntry]) -> list[Indicator]:
    """Indicators of the unit's tasks, for its kind, that units enter (not ratios), in plan
    order."""
    wanted = {ind_id for entry in entries for ind_id in entry.task.indicators}
    return [
        ind
        for ind in ctx.plan.indicators
        if ind.id in wanted
        and ind.aggregate != "ratio"
        and (not ind.kinds or unit.kind in ind.kinds)
    ]


def _computed_indicators(ctx: Context, entries: list[SkeletonEntry]) -> list[Indicator]:
    wanted = {ind_id for entry in entries for ind_id in entry.task.indicators}
    return [ind for ind in ctx.plan.indicators if ind.id in wanted and ind.aggregate == "ratio"]


def _past_values(
    ind_id: str, unit_id: str, newest: list[tuple[str, Report]]
) -> tuple[PastValue, ...]:
    return tuple(
        PastValue(report.period, None if uid == unit_id else uid, value)
        for uid, report in newest
        if (value := report.indicators.get(ind_id)) is not None
    )
