"""The cross-file view of a repository: units, groups, tasks, indicators, index components,
and who is responsible for what in a period (groups expanded, successors inheriting)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from plantrack.models import Index, Plan, Task, Unit
from plantrack.models.period import Period, parse_period_id, period_sort_key
from plantrack.models.plan import Indicator, UnitGroup

if TYPE_CHECKING:  # loaded with the first inspection file (see rules_inspection)
    from plantrack.models.inspection import Finding, Inspection

Role = Literal["lead", "support"]


@dataclass(frozen=True, slots=True)
class Assignment:
    """A task a unit answers for in a period; ``via`` names the unit it inherited it from."""

    task: Task
    unit: str
    role: Role
    via: str | None = None


@dataclass(frozen=True, slots=True)
class FindingRef:
    """Where an inspection finding lives: its inspection and the inspection's file."""

    inspection: Inspection
    finding: Finding
    rel: str


@dataclass
class Context:
    """Everything rules and the domain need to know across files."""

    plan: Plan
    units: dict[str, Unit]
    indices: dict[str, Index] = field(default_factory=dict)
    unreadable_units: frozenset[str] = frozenset()
    """Ids (file names) of unit files that exist but did not load."""
    unreadable_indices: frozenset[str] = frozenset()
    """Lower-case file names of index files that exist but did not load."""
    findings: dict[str, FindingRef] = field(default_factory=dict)
    """Inspection findings by id (the first of any duplicates)."""
    _assign_cache: dict[str, dict[str, list[Assignment]]] = field(default_factory=dict, repr=False)
    _asked_days: set[str] = field(default_factory=set, repr=False)
    """The days one unit's tasks were worked out for alone (see ``assigned_to``)."""
    _period_cache: dict[str, Period] = field(default_factory=dict, repr=False)
    _assign_by_gone: dict[frozenset[str], dict[str, list[Assignment]]] = field(
        default_factory=dict, repr=False
    )
    """Every unit's tasks by the units gone on a day (see ``_assignments_on``)."""

    @cached_property
    def tasks(self) -> dict[str, Task]:
        """Tasks by id (the first of any duplicates)."""
        out: dict[str, Task] = {}
        for task in self.plan.tasks:
            out.setdefault(task.id, task)
        return out

    @cached_property
    def groups(self) -> dict[str, UnitGroup]:
        """Unit groups by id."""
        return {group.id: group for group in self.plan.groups}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Indicators by id."""
        return {ind.id: ind for ind in self.plan.indicators}

    @cached_property
    def components(self) -> set[str]:
        """Every ``INDEX.CODE`` an index file defines."""
        return {
            f"{idx.id}.{code}" for idx in self.indices.values() for code in idx.component_codes()
        }

    @cached_property
    def declared(self) -> dict[str, list[str]]:
        """For each group, the units whose own file names it (as if the plan listed them)."""
        out: dict[str, list[str]] = {}
        for unit in self.units.values():
            for group in unit.groups:
                out.setdefault(group, []).append(unit.id)
        return out

    @cached_property
    def predecessors(self) -> dict[str, list[str]]:
        """For each unit, the units that name it as a successor or a transfer recipient."""
        out: dict[str, list[str]] = {}
        for unit in self.units.values():
            for succ in unit.all_heirs():
                out.setdefault(succ, []).append(unit.id)
        return out

    def period(self, period_id: str) -> Period:
        """The dates of a period under the plan's reporting rules (computed once per id)."""
        found = self._period_cache.get(period_id)
        if found is None:
            found = self._period_cache[period_id] = self.plan.reporting.period(period_id)
        return found

    def is_required(self, period_id: str) -> bool:
        """Whether the plan requires reports for ``period_id``."""
        parsed = parse_period_id(period_id)
        rules = self.plan.reporting
        if parsed is None or parsed[1] not in rules.periods:
            return False
        key = period_sort_key(period_id)
        if key < period_sort_key(rules.first):
            return False
        return rules.last is None or key <= period_sort_key(rules.last)

    def members(self, ref: str, day: dt.date) -> list[str]:
        """Units meant by ``ref`` (a unit or group id) on ``day``; a unit is itself."""
        if ref in self.units:
            return [ref]
        group = self.groups.get(ref)
        if group is None:
            return []
        found = (  # most groups list their units: no walk over every unit for them
            [u.id for u in self.units.values() if u.kind in group.kinds and u.alive_on(day)]
            if group.kinds
            else []
        )
        listed = [u for u in group.units if u in self.units and u not in found]
        taken = {*found, *listed}
        return found + listed + [u for u in self.declared.get(ref, ()) if u not in taken]

    def heirs(self, unit_id: str, day: dt.date, task_id: str | None = None) -> list[str]:
        """The unit itself if alive on ``day``, else those alive then that took over
        ``task_id`` from it (its transfers, else its successors; transitively)."""
        seen: set[str] = set()
        todo, alive = [unit_id], []
        while todo:
            current = todo.pop(0)
            if current in seen or current not in self.units:
                continue
            seen.add(current)
            if self.units[current].alive_on(day):
                alive.append(current)
            else:
                todo.extend(self.units[current].successors_for(task_id))
        return alive

    def assignments(self, period: Period) -> dict[str, list[Assignment]]:
        """For each unit alive at the cut-off, the tasks it answers for in ``period``."""
        return _assignments_on(self, period.cutoff)

    def assignments_on(self, day: dt.date) -> dict[str, list[Assignment]]:
        """For each unit alive on ``day``, the tasks it answers for that day."""
        return _assignments_on(self, day)

    def task_assignments(self, task_id: str, day: dt.date) -> list[Assignment]:
        """Who answers for ``task_id`` on ``day``: what ``assignments_on`` holds for that task,
        worked out for it alone (one task's history need not expand every task)."""
        return _task_assignments(self, self.tasks[task_id], day, {})

    def assigned_to(self, unit_id: str, period: Period) -> list[Assignment]:
        """Tasks ``unit_id`` answers for in ``period``; a unit gone before the cut-off answers
        for what it held on its last day."""
        unit = self.units.get(unit_id)
        if unit is None:
            return []
        day = period.cutoff
        if unit.valid_until is not None and unit.valid_until < day:
            day = max(unit.valid_until, period.start)
        key = day.isoformat()
        if key not in self._assign_cache and key not in self._asked_days:
            # the first unit asked about a day (a check of one report asks for one) is
            # worked out alone: every unit's tasks would cost far more
            self._asked_days.add(key)
            return _unit_assignments(self, unit_id, day)
        # more units asked about the day: every unit's tasks, once, serve them all
        return _assignments_on(self, day).get(unit_id, [])

    def expected_units(self, period: Period) -> list[str]:
        """Units that owe a report for ``period``: alive at the cut-off with a task."""
        return sorted(self.assignments(period))

    def unit_name(self, unit_id: str) -> str:
        """A unit's or group's display name (its id when unknown)."""
        if unit_id in self.units:
            return self.units[unit_id].name
        if unit_id in self.groups:
            return self.groups[unit_id].name
        return unit_id


def _assignments_on(ctx: Context, day: dt.date) -> dict[str, list[Assignment]]:
    key = day.isoformat()
    found = ctx._assign_cache.get(key)
    if found is None:
        # who answers for what changes with the day only through which units are alive then
        # (groups count the living, the gone hand their tasks on): days with the same units
        # gone share one working out (the periods of a year without a merger, one)
        gone = frozenset(uid for uid, unit in ctx.units.items() if not unit.alive_on(day))
        found = ctx._assign_by_gone.get(gone)
        if found is None:
            found = ctx._assign_by_gone[gone] = _every_unit(ctx, day)
        ctx._assign_cache[key] = found
    return found


def _every_unit(ctx: Context, day: dt.date) -> dict[str, list[Assignment]]:
    """For each unit alive on ``day``, the tasks it answers for (in the plan's order)."""
    out: dict[str, list[Assignment]] = {}
    known: dict[str, list[str]] = {}
    living: dict[str, list[str] | None] = {}
    for task in ctx.plan.tasks:
        for assignment in _task_assignments(ctx, task, day, known, living):
            found = out.get(assignment.unit)
            if found is None:
                out[assignment.unit] = [assignment]
            else:
                found.append(assignment)
    return out


def _unit_assignments(ctx: Context, unit_id: str, day: dt.date) -> list[Assignment]:
    """What ``_assignments_on(ctx, day)`` holds for ``unit_id``, worked out for it alone:
    for each task in the plan's order, its first appearance among the task's units."""
    out: list[Assignment] = []
    known: dict[str, list[str]] = {}
    for task in ctx.plan.tasks:
        found = _first_assignment(ctx, unit_id, task, day, known)
        if found is not None:
            out.append(found)
    return out


def _first_assignment(
    ctx: Context, unit_id: str, task: Task, day: dt.date, known: dict[str, list[str]]
) -> Assignment | None:
    """``unit_id``'s assignment to ``task`` on ``day`` as ``_task_assignments`` gives it (the
    first one: lead before support), or ``None``."""
    for role, refs in (("lead", task.lead), ("support", task.support)):
        for member, via in _answering(ctx, refs, day, task.id, known):
            if member == unit_id:
                return Assignment(task, unit_id, role, via)  # type: ignore[arg-type]
    return None


def _task_assignments(
    ctx: Context,
    task: Task,
    day: dt.date,
    known: dict[str, list[str]],
    living: dict[str, list[str] | None] | None = None,
) -> list[Assignment]:
    """The units answering for ``task`` on ``day``, each once: its lead units, then its
    supporting units (``known``: the groups already expanded that day; ``living``: for each
    reference, its units when all of them are alive that day, else ``None``)."""
    out: list[Assignment] = []
    seen: set[str] = set()
    for role, refs in (("lead", task.lead), ("support", task.support)):
        for ref in refs:
            plain = _living(ctx, ref, day, known, living) if living is not None else None
            if plain is not None:
                # every unit alive: each answers itself, no heir to look for
                fresh = [u for u in plain if u not in seen] if seen else plain
                seen.update(fresh)
                out += [Assignment(task, u, role, None) for u in fresh]  # type: ignore[arg-type]
                continue
            for unit_id, via in _answering(ctx, (ref,), day, task.id, known):
                if unit_id not in seen:
                    seen.add(unit_id)
                    out.append(Assignment(task, unit_id, role, via))  # type: ignore[arg-type]
    return out


def _living(
    ctx: Context,
    ref: str,
    day: dt.date,
    known: dict[str, list[str]],
    living: dict[str, list[str] | None],
) -> list[str] | None:
    """The units ``ref`` means on ``day``, each once, when all of them are alive then (what
    ``_answering`` would give, with no heir); ``None`` otherwise. Kept in ``living``."""
    if ref in living:
        return living[ref]
    members = known.get(ref)
    if members is None:
        members = known[ref] = ctx.members(ref, day) if ref in ctx.groups else [ref]
    units = ctx.units
    alive = all(m in units and units[m].alive_on(day) for m in members)
    plain = list(dict.fromkeys(members)) if alive else None
    living[ref] = plain
    return plain


def _answering(
    ctx: Context,
    refs: Iterable[str],
    day: dt.date,
    task_id: str,
    known: dict[str, list[str]] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """Units answering on ``day`` for ``refs`` in ``task_id``, in order, with the unit each
    inherited the task from; a group counts units alive then, a gone unit passes the task to
    whoever took it over. ``known`` keeps each group's members for the same day (a group
    leads many tasks: it is expanded once)."""
    for ref in refs:
        members = known.get(ref) if known is not None else None
        if members is None:
            members = ctx.members(ref, day) if ref in ctx.groups else [ref]
            if known is not None:
                known[ref] = members
        for member in members:
            unit = ctx.units.get(member)
            if unit is not None and unit.alive_on(day):
                yield member, None  # the usual case, without a search
                continue
            for heir in ctx.heirs(member, day, task_id):
                yield heir, None if heir == member else member
