"""A unit's story across periods, from git history (pure): its reports by period, when each
was first committed and dated, how late, and every edit with its author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from plantrack import layout
from plantrack.domain.audit_authors import AuthorsOverTime
from plantrack.domain.audit_inspection import as_day
from plantrack.domain.gitfacts import Blobs, CommitLike, Touch
from plantrack.domain.history import Step, make_step, plan_periods, touches_by_path
from plantrack.domain.inspection_view import FindingRow
from plantrack.domain.submission import counted_day
from plantrack.validate.context import Context


@dataclass
class UnitPeriod:
    """One period of a unit's history: its report, submission and edits."""

    period: str
    title: str
    due: dt.date
    expected: bool
    file: str
    exists: bool
    committed: dt.datetime | None
    submitted: str | None
    effective: dt.date | None
    days_late: int
    status: str  # on-time, late, missing, not-expected
    edits: list[Step] = field(default_factory=list)


@dataclass
class UnitHistory:
    """A unit's reports across every period of the plan."""

    unit_id: str
    name: str
    authors: list[str]
    periods: list[UnitPeriod]
    commits: int
    shallow: bool = False
    findings: list[FindingRow] = field(default_factory=list)
    """The unit's findings after inspection (its own and those it inherited)."""
    findings_as_of: dt.date | None = None


def unit_history(
    ctx: Context, unit_id: str, commits: Sequence[CommitLike], blobs: Blobs
) -> UnitHistory:
    """The history of the reports of ``unit_id`` (a unit of ``ctx.units``); an edit is
    allowed as ``audit`` counts it (the unit's authors of the day, or a maintainer)."""
    unit = ctx.units[unit_id]
    maintainers = {m.lower() for m in ctx.plan.reporting.maintainers}
    paths = touches_by_path(commits)
    authors = AuthorsOverTime(ctx.units, paths.get(layout.unit(unit_id), []), blobs)
    own = {
        parts[0]: p
        for p in paths
        if (parts := layout.report_parts(p)) is not None and parts[1] == unit_id
    }
    last_blobs = {items[-1].new_blob for items in (paths[p] for p in own.values())}
    data = blobs.summaries({b for b in last_blobs if b})
    reading = _UnitReading(ctx, unit_id, paths, data, authors, maintainers)
    rows = [reading.period(period_id, own) for period_id in plan_periods(ctx, own)]
    shallow = any(c.boundary for c in commits)
    return UnitHistory(unit_id, unit.name, list(unit.authors), rows, len(commits), shallow)


@dataclass(frozen=True)
class _UnitReading:
    """What a unit's history is read from: the touches by path, the parsed last versions of
    its reports, and who was allowed to edit them."""

    ctx: Context
    unit_id: str
    paths: dict[str, list[Touch]]
    data: dict[str, Any]
    authors: AuthorsOverTime
    maintainers: set[str]

    def period(self, period_id: str, own: dict[str, str]) -> UnitPeriod:
        """The unit's report for ``period_id``: when it came, how late, every edit."""
        ctx, unit_id = self.ctx, self.unit_id
        period = ctx.period(period_id)
        path = own.get(period_id, layout.report(period_id, unit_id))
        items = self.paths.get(path, [])
        allowed = [_allowed(t, self.authors, self.maintainers) for t in items]
        edits = [
            make_step(t, (not t.gone, None, None, None), a)
            for t, a in zip(items, allowed, strict=True)
        ]
        exists = bool(items) and not items[-1].gone
        added = next((t.commit.author_date for t in items if not t.gone), None)
        last = self.data.get(items[-1].new_blob) if exists and items[-1].new_blob else None
        submitted = last.get("submitted") if isinstance(last, dict) else None
        from_form = isinstance(last, dict) and last.get("from_form") is True
        expected = ctx.is_required(period_id) and unit_id in ctx.assignments(period)
        effective, days, status = _lateness(
            exists, (submitted, from_form), added, period.due, expected
        )
        shown = None if submitted is None else str(submitted)
        return UnitPeriod(
            period_id, period.title, period.due, expected, path, exists, added, shown,
            effective, days, status, edits,
        )  # fmt: skip


def _allowed(t: Touch, authors: AuthorsOverTime, maintainers: set[str]) -> bool:
    email = t.commit.author_email.lower()
    unit_id = t.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return email in maintainers or email in authors.before(unit_id, t.commit.seq)


def _lateness(
    exists: bool,
    dated: tuple[Any, bool],
    added: dt.datetime | None,
    due: dt.date,
    expected: bool,
) -> tuple[dt.date | None, int, str]:
    """As ``domain.submission`` counts it (``counted_day``) from the report's own date and
    whether it came from a form, and its first commit's author date, against the due date."""
    if not exists:
        return None, 0, "missing" if expected else "not-expected"
    submitted, from_form = dated
    own = as_day(submitted) if submitted is not None else None
    effective = counted_day(own, added.date() if added else None, from_form=from_form)
    if effective is not None and effective > due:
        return effective, (effective - due).days, "late"
    return effective, 0, "on-time"
