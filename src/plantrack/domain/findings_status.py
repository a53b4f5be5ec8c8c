"""Status of inspection findings at a cut-off, counted the way task status is (DOMAIN.md §6).

At ``as_of`` a finding is exactly one of: fixed on time, fixed late, open within its deadline,
open overdue, or failed at re-inspection. Only facts dated on or before ``as_of`` are known.
A failed re-inspection re-opens the finding: with a new deadline when the record gives one
(then it is overdue once that deadline passes), and a fix after a failed re-inspection is
always late — the first fix did not hold. A finding of a unit that is gone passes to the
unit's successors, like its tasks. Status is derived, never stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from plantrack.domain.rates import DueRates, due_rates
from plantrack.models.inspection import Finding, Inspection, Recheck
from plantrack.models.report import Report
from plantrack.validate.context import Context
from plantrack.validate.rules_inspection import found_day

FindingStatus = Literal[
    "fixed-on-time", "fixed-late", "open-on-time", "open-overdue", "failed-recheck"
]

FINDING_STATUSES: tuple[FindingStatus, ...] = (
    "fixed-on-time",
    "fixed-late",
    "open-on-time",
    "open-overdue",
    "failed-recheck",
)


@dataclass(frozen=True, slots=True)
class ReportedFix:
    """A fix known for a finding: from the inspection record or a unit's periodic report."""

    date: dt.date
    unit: str | None = None
    period: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The status of one finding at a cut-off and the dates behind it."""

    status: FindingStatus
    deadline: dt.date
    reopened: bool = False
    fixed_on: dt.date | None = None
    past_deadline: bool = False

    @property
    def overdue(self) -> bool:
        """Not fixed and past the deadline in force (counted as overdue in the rates)."""
        return self.status in ("open-overdue", "failed-recheck") and self.past_deadline


def verdict(
    finding: Finding,
    fixes: Iterable[dt.date],
    as_of: dt.date,
    rechecks: Iterable[Recheck] | None = None,
) -> Verdict:
    """The status of ``finding`` at ``as_of`` given the dates of its known fixes.

    ``rechecks`` defaults to the finding's own. A passed re-inspection with no fix recorded
    counts as a fix on the re-inspection day. Fixed on the deadline day is on time.
    """
    known = finding.rechecks if rechecks is None else rechecks
    checks = sorted((r for r in known if r.date <= as_of), key=_day)
    fix_days = sorted(d for d in fixes if d <= as_of)
    failed = [r for r in checks if r.result == "chua-dat"]
    if failed:
        return _after_failure(finding, failed[-1], fix_days, checks, as_of)
    candidates = fix_days + [r.date for r in checks if r.result == "dat"]
    past = as_of > finding.fix_by
    if candidates:
        fixed_on = min(candidates)
        status: FindingStatus = "fixed-late" if fixed_on > finding.fix_by else "fixed-on-time"
        return Verdict(status, finding.fix_by, False, fixed_on, past)
    return Verdict("open-overdue" if past else "open-on-time", finding.fix_by, False, None, past)


def _after_failure(
    finding: Finding,
    failed: Recheck,
    fix_days: list[dt.date],
    checks: list[Recheck],
    as_of: dt.date,
) -> Verdict:
    """A failed re-inspection undoes earlier fixes; only later ones (or a later pass) count,
    and always as late. A new deadline, when given, is the one in force."""
    deadline = failed.new_fix_by or finding.fix_by
    reopened = failed.new_fix_by is not None
    later = [d for d in fix_days if d > failed.date]
    later += [r.date for r in checks if r.result == "dat" and r.date > failed.date]
    past = as_of > deadline
    if later:
        return Verdict("fixed-late", deadline, reopened, min(later), past)
    status: FindingStatus = "open-overdue" if reopened and past else "failed-recheck"
    return Verdict(status, deadline, reopened, None, past)


def _day(recheck: Recheck) -> dt.date:
    return recheck.date


@dataclass(frozen=True, slots=True)
class FindingState:
    """One finding at a cut-off: where it comes from, who answers for it, its verdict."""

    inspection: Inspection
    finding: Finding
    found_on: dt.date | None
    responsible: tuple[str, ...]
    verdict: Verdict
    fixes: tuple[ReportedFix, ...]

    @property
    def status(self) -> FindingStatus:
        """The finding's status."""
        return self.verdict.status


def reported_fixes(reports: Iterable[Report]) -> dict[str, list[ReportedFix]]:
    """Finding id → the fixes units report in their periodic reports (``fixes:``)."""
    out: dict[str, list[ReportedFix]] = {}
    for report in reports:
        for entry in report.fixes:
            doc = entry.evidence[0] if entry.evidence else None
            evidence = (doc.number or doc.title) if doc is not None else None
            fix = ReportedFix(entry.date, report.unit, report.period, evidence)
            out.setdefault(entry.finding, []).append(fix)
    return out


def finding_states(
    ctx: Context,
    inspections: Iterable[Inspection],
    from_reports: Mapping[str, list[ReportedFix]],
    as_of: dt.date,
) -> list[FindingState]:
    """Every finding known at ``as_of`` (found on or before it), with its status."""
    out: list[FindingState] = []
    for inspection in inspections:
        for finding in inspection.findings:
            day = found_day(inspection, finding.unit)
            if day is not None and day > as_of:
                continue
            own = [
                ReportedFix(f.date, None, None, f.evidence.number if f.evidence else None)
                for f in finding.fixes
            ]
            fixes = tuple(own + list(from_reports.get(finding.id, [])))
            result = verdict(finding, (f.date for f in fixes), as_of)
            heirs = ctx.heirs(finding.unit, as_of) if finding.unit in ctx.units else []
            responsible = tuple(heirs or [finding.unit])
            out.append(FindingState(inspection, finding, day, responsible, result, fixes))
    return out


@dataclass
class FindingCounts:
    """Status counts and rates over findings, as for tasks: findings due = fixed + overdue;
    open findings within their deadline are left out of the denominator."""

    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FINDING_STATUSES, 0))
    overdue: int = 0

    def add(self, state: Verdict) -> None:
        """Count one finding."""
        self.by_status[state.status] += 1
        if state.overdue:
            self.overdue += 1

    @property
    def total(self) -> int:
        """Every counted finding."""
        return sum(self.by_status.values())

    @property
    def fixed(self) -> int:
        """Fixed on time plus fixed late."""
        return self.by_status["fixed-on-time"] + self.by_status["fixed-late"]

    @property
    def unfixed(self) -> int:
        """Findings not fixed: within the deadline, overdue or failed at re-inspection."""
        return self.total - self.fixed

    @property
    def due(self) -> int:
        """Findings due at the cut-off: fixed + overdue."""
        return self.fixed + self.overdue

    @property
    def rates(self) -> DueRates | None:
        """Fix, on-time, late and overdue rates that add up exactly, as for tasks."""
        return due_rates(
            self.by_status["fixed-on-time"], self.by_status["fixed-late"], self.overdue
        )

    @property
    def fix_rate(self) -> float | None:
        """Fixed ÷ due, as a percentage (cut down to two decimals, as for tasks)."""
        return self.rates.completion if self.rates else None

    @property
    def on_time_rate(self) -> float | None:
        """Fixed on time ÷ due, as a percentage."""
        return self.rates.on_time if self.rates else None

    @property
    def overdue_rate(self) -> float | None:
        """Overdue ÷ due: what the fix rate leaves to 100 %."""
        return self.rates.overdue if self.rates else None

    def to_dict(self) -> dict[str, object]:
        """Counts and rates, JSON-ready."""
        return {
            **{k.replace("-", "_"): v for k, v in self.by_status.items()},
            "total": self.total,
            "fixed": self.fixed,
            "unfixed": self.unfixed,
            "overdue": self.overdue,
            "due": self.due,
            "fix_rate": self.fix_rate,
            "on_time_rate": self.on_time_rate,
            "overdue_rate": self.overdue_rate,
        }


def count_findings(states: Iterable[FindingState]) -> FindingCounts:
    """Counts and rates over ``states``, each finding once."""
    counts = FindingCounts()
    for state in states:
        counts.add(state.verdict)
    return counts


def counts_by_unit(states: Iterable[FindingState]) -> dict[str, FindingCounts]:
    """Counts per responsible unit (a finding passed to several successors counts for each)."""
    out: dict[str, FindingCounts] = {}
    for state in states:
        for unit_id in state.responsible:
            out.setdefault(unit_id, FindingCounts()).add(state.verdict)
    return dict(sorted(out.items()))


def slow_units(states: Iterable[FindingState]) -> dict[str, list[FindingState]]:
    """Units slow to fix (quá hạn chưa khắc phục): each responsible unit with its findings
    not fixed past the deadline in force."""
    out: dict[str, list[FindingState]] = {}
    for state in states:
        if state.verdict.overdue:
            for unit_id in state.responsible:
                out.setdefault(unit_id, []).append(state)
    return dict(sorted(out.items()))
