"""What the data shows about each unit in one year, as the events the emulation rules count.

Read from the consolidations the office already makes — the annual one (lead tasks at the
cut-off, indicators, inspection findings) and each required period's (was the report on
time, late or missing) — so that a score never disagrees with the reports it comes from.
Each event names its source (a task, a period's report, a finding, an indicator), so every
point computed or deducted traces back to it. Events outside a rule's count (a task still
within its deadline, a finding still within its deadline) are kept too, marked neutral.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from plantrack.domain.indicators import aggregate
from plantrack.domain.viewmodel import Consolidation, PairRow
from plantrack.models import Report
from plantrack.models.plan import Indicator

NEUTRAL = "neutral"

_TASK_KIND = {
    "done-on-time": "done-on-time",
    "done-late": "done-late",
    "open-overdue": "overdue",
    "recurring-missed": "recurring-missed",
}
_FINDING_KIND = {
    "fixed-on-time": "fixed-on-time",
    "fixed-late": "fixed-late",
    "open-overdue": "overdue",
    "failed-recheck": "failed-recheck",
}


@dataclass(frozen=True, slots=True)
class Event:
    """One fact a rule counts: its kind, its source and the dates or values behind it.

    ``source`` is ``task``, ``report``, ``finding`` or ``indicator``; ``ref`` the source's
    id (task, period, finding or indicator id), ``title`` what documents show for it.
    """

    kind: str
    source: str
    ref: str
    title: str
    status: str
    deadline: dt.date | None = None
    done_on: dt.date | None = None
    value: float | None = None
    target: str | None = None


@dataclass
class UnitFacts:
    """Everything a unit's computed criteria are scored from, for one year."""

    unit_id: str
    kind: str
    tasks: list[Event] = field(default_factory=list)
    reports: list[Event] = field(default_factory=list)
    findings: list[Event] = field(default_factory=list)
    indicators: dict[str, float | None] = field(default_factory=dict)
    annual_report: bool = False
    indicator_names: Mapping[str, str] = field(default_factory=dict)


def _task_event(pair: PairRow, title: str) -> Event:
    kind = _TASK_KIND.get(pair.status, NEUTRAL)
    if pair.status == "not-reported" and pair.past_deadline:
        kind = "overdue"  # counted as not completed, as the national rules count it
    return Event(kind, "task", pair.task_id, title, pair.status, pair.deadline, pair.completed)


def task_events(annual: Consolidation) -> dict[str, list[Event]]:
    """Unit id → its lead tasks at the annual cut-off (rated pairs, or for units outside
    the issuer's authority their lead pairs), in plan order."""
    out: dict[str, list[Event]] = {}
    for task in annual.tasks:
        for pair in task.pairs:
            if pair.role == "lead":
                out.setdefault(pair.unit_id, []).append(_task_event(pair, task.title))
    return out


def report_events(periods: Sequence[Consolidation]) -> dict[str, list[Event]]:
    """Unit id → one event per required period of the year: report on time, late or
    missing (a report not yet due is neutral)."""
    out: dict[str, list[Event]] = {}
    for vm in periods:
        for row in vm.units:
            sub = row.submission
            kind = sub.status if sub.status != "pending" else NEUTRAL
            event = Event(
                kind,
                "report",
                vm.period.id,
                vm.period.title,
                sub.status,
                vm.period.due,
                sub.effective,
            )
            out.setdefault(row.id, []).append(event)
    return out


def finding_events(annual: Consolidation, year: int) -> dict[str, list[Event]]:
    """Unit id → the inspection findings it answers for that were found in ``year`` or
    fell due in it, with their status at the annual cut-off."""
    out: dict[str, list[Event]] = {}
    if annual.oversight is None:
        return out
    for row in annual.oversight.findings:
        found = row.found_on.year if row.found_on else None
        if year not in (found, row.deadline.year):
            continue
        # a failed re-inspection counts even before a new deadline passes: the fix did not hold
        kind = _FINDING_KIND.get(row.status, NEUTRAL)
        event = Event(kind, "finding", row.id, row.text, row.status, row.deadline, row.fixed_on)
        for unit_id in row.responsible_ids:
            out.setdefault(unit_id, []).append(event)
    return out


def unit_facts(
    annual: Consolidation,
    periods: Sequence[Consolidation],
    reports: Mapping[str, Report],
    kinds: Mapping[str, str],
    year: int,
    indicators: Sequence[Indicator],
) -> dict[str, UnitFacts]:
    """The facts of every unit in ``kinds`` (id → kind) for ``year``: ``annual`` is the
    year's consolidation, ``periods`` every required period's (the annual one included),
    ``reports`` the annual reports by unit; a unit's indicator values are its own annual
    report's (a ratio over its own numerator and denominator)."""
    names = {i.id: i.name for i in indicators}
    tasks = task_events(annual)
    sent = report_events(periods)
    found = finding_events(annual, year)
    out: dict[str, UnitFacts] = {}
    for unit_id, kind in kinds.items():
        report = reports.get(unit_id)
        out[unit_id] = UnitFacts(
            unit_id,
            kind,
            tasks.get(unit_id, []),
            sent.get(unit_id, []),
            found.get(unit_id, []),
            _values(indicators, report),
            report is not None,
            names,
        )
    return out


def _values(indicators: Sequence[Indicator], report: Report | None) -> dict[str, float | None]:
    if report is None:
        return {}
    return {i.id: aggregate(i, [report]) for i in indicators}
