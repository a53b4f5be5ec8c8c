"""``audit``: what git history says about who changed which report, plan deadline or unit
file, when, and whether it was allowed, on time, or after an official consolidation.

Pure: the commits (oldest first), the current plan and units, the recorded consolidations and
a blob source come in; findings (PT4xx) with their commit, author, date, file and what
changed come out. Who may edit a report: the unit's own ``authors`` as the unit file stood
just before the commit (``audit_authors``) and the plan's ``reporting.maintainers`` (as the
plan says now); emails compare case-insensitively. Dates are author dates, as for
submissions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from plantrack import layout
from plantrack.domain.audit_authors import AuthorsOverTime
from plantrack.domain.audit_finding import (
    AuditFinding,
    Emit,
    commit_record,
    office_day,
)
from plantrack.domain.audit_forms import counted_by_form, form_date_findings, form_entries
from plantrack.domain.audit_inspection import inspection_audit
from plantrack.domain.audit_rules import (
    consolidation_findings,
    plan_time_findings,
    signature_findings,
    unit_file_findings,
)
from plantrack.domain.audit_subject import named_findings
from plantrack.domain.gitfacts import Blobs, CommitLike, Recorded, Touch, report_changes, touches
from plantrack.models import Plan, Unit
from plantrack.models.period import Period
from plantrack.validate.catalogue import make
from plantrack.validate.context import FindingRef
from plantrack.validate.finding import count

__all__ = ["AuditFinding", "AuditResult", "audit", "is_report", "period_of"]

# Errors on reports say what changed inside the file (both versions parsed); warnings do not,
# and past this many errors neither, so an audit costs what the history costs, not more.
DESCRIBED = 200


@dataclass
class AuditResult:
    """Every audit finding in history order, with what was examined."""

    findings: list[AuditFinding]
    commits: int
    first: str | None
    last: str | None
    since: str | None
    shallow: bool
    signatures: dict[str, int]
    period: str | None = None
    first_date: dt.date | None = None
    last_date: dt.date | None = None

    @property
    def errors(self) -> int:
        """Number of findings of severity error."""
        return count([f.finding for f in self.findings])[0]

    @property
    def warnings(self) -> int:
        """Number of findings of severity warning."""
        return count([f.finding for f in self.findings])[1]


def audit(
    commits: Sequence[CommitLike],
    plan: Plan,
    units: Mapping[str, Unit],
    records: Sequence[Recorded],
    blobs: Blobs,
    *,
    report_files: Iterable[str] = (),
    period: str | None = None,
    since: str | None = None,
    extra: Iterable[AuditFinding] = (),
    inspected: Mapping[str, FindingRef] | None = None,
) -> AuditResult:
    """Audit ``commits`` (oldest first). ``report_files`` are the reports in the work tree
    (they tell which periods a unit has reported for when history is cut by ``since``);
    ``period`` keeps only that period's reports and consolidation record; ``extra`` are
    findings made before (an unreadable record); ``inspected`` are the findings of the work
    tree's inspection files (their inspection names a file, their text a finding)."""
    per_commit = [(c, _kept(touches(c), period)) for c in commits if not c.boundary]
    found: list[AuditFinding] = list(extra)
    touched = [t for _, ts in per_commit for t in ts]
    chosen = [r for r in records if period is None or r.period == period]
    periods = _period_lookup(plan)
    forms = form_entries(touched, blobs)
    excused = counted_by_form(forms, periods)
    unit_after = _report_findings(
        commits, touched, plan, units, chosen, blobs, periods, found, excused
    )
    form_date_findings(forms, periods, found.append)
    plan_time_findings([t for t in touched if t.path == layout.PLAN], blobs, found.append)
    refs = inspected or {}
    inspection_audit(touched, blobs, found.append, {k: r.finding.text for k, r in refs.items()})
    reported = _unit_periods([t.path for t in touched if is_report(t.path)], report_files)
    unit_touches = [t for t in touched if _is_unit(t.path)]
    unit_file_findings(unit_touches, unit_after, reported, periods, blobs, found.append)
    summary = signature_findings([c for c, ts in per_commit if ts], found.append)
    found += [_shallow(c) for c in commits if c.boundary]
    _describe_reports(found, commits, blobs)
    return _result(named_findings(found, units, periods, refs), commits, since, summary, period)


def _result(
    found: list[AuditFinding],
    commits: Sequence[CommitLike],
    since: str | None,
    signatures: dict[str, int],
    period: str | None,
) -> AuditResult:
    first, last = (commits[0].sha, commits[-1].sha) if commits else (None, None)
    shallow = any(c.boundary for c in commits)
    days = sorted(c.author_date.date() for c in commits)
    return AuditResult(
        found,
        len(commits),
        first,
        last,
        since,
        shallow,
        signatures,
        period,
        days[0] if days else None,
        days[-1] if days else None,
    )


def _report_findings(
    commits: Sequence[CommitLike],
    touched: Sequence[Touch],
    plan: Plan,
    units: Mapping[str, Unit],
    records: Sequence[Recorded],
    blobs: Blobs,
    periods: Callable[[str], Period | None],
    found: list[AuditFinding],
    excused: Collection[tuple[int, str]],
) -> dict[tuple[int, str], Recorded]:
    """Who edited each report, what changed after a recorded consolidation, and which
    reports came in late (not the form imports in ``excused``: they count by the form's own
    date); returns the unit files changed after a record."""
    reports = [t for t in touched if is_report(t.path)]
    maintainers = {m.lower() for m in plan.reporting.maintainers}
    authors = AuthorsOverTime(units, [t for t in touched if _is_unit(t.path)], blobs)
    # a unit's self-assessment is its own file too: only its authors and the maintainers
    own = reports + [t for t in touched if layout.is_self_assessment(t.path)]
    for touch in own:
        _check_author(touch, authors, maintainers, found.append)
    covered, unit_after = consolidation_findings(
        commits, touched, records, blobs, found.append, periods
    )
    skipped = {*covered, *excused}
    for touch in reports:
        if (touch.commit.seq, touch.path) not in skipped:
            _check_late(touch, periods, found.append)
    return unit_after


def _period_lookup(plan: Plan) -> Callable[[str], Period | None]:
    """``period_of`` for ``plan``, each period worked out once."""
    dates: dict[str, Period | None] = {}

    def periods(period_id: str) -> Period | None:
        if period_id not in dates:
            dates[period_id] = period_of(plan, period_id)
        return dates[period_id]

    return periods


is_report = layout.is_report


def _is_unit(path: str) -> bool:
    return layout.classify(path) == "unit"


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".yaml")


def period_of(plan: Plan, period_id: str) -> Period | None:
    """The dates of a report folder's period, or ``None`` for a folder that is no period."""
    try:
        return plan.reporting.period(period_id)
    except (ValueError, KeyError):
        return None


def _kept(items: list[Touch], period: str | None) -> list[Touch]:
    """With ``period``: reports of other periods and other records are left out."""
    if period is None:
        return items
    record = layout.consolidation(period)
    return [
        t
        for t in items
        if not (is_report(t.path) and t.path.split("/")[2] != period)
        and not (layout.is_consolidation(t.path) and t.path != record)
    ]


def _check_author(
    touch: Touch, authors: AuthorsOverTime, maintainers: Collection[str], emit: Emit
) -> None:
    unit_id = _stem(touch.path)
    allowed = authors.before(unit_id, touch.commit.seq)
    email = touch.commit.author_email.lower()
    if email in allowed or email in maintainers:
        return
    emit(
        commit_record(
            touch.commit,
            "PT401",
            touch.path,
            touch=touch,
            period=touch.path.split("/")[2] if is_report(touch.path) else None,
            unit=unit_id,
            allowed=", ".join(sorted(allowed | set(maintainers))) or "—",
        )
    )


def _check_late(touch: Touch, periods: Callable[[str], Period | None], emit: Emit) -> None:
    period_id = touch.path.split("/")[2]
    period = periods(period_id)
    if period is None:
        return
    day = touch.commit.author_date.date()
    if day <= period.due:
        return
    emit(
        commit_record(
            touch.commit,
            "PT405" if touch.gone else "PT402",
            touch.path,
            touch=touch,
            period=period_id,
            period_id=period_id,
            due=period.due,
            days=(day - period.due).days,
        )
    )


def _unit_periods(paths: Iterable[str], current: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in [*paths, *current]:
        if is_report(path):
            out.setdefault(_stem(path), set()).add(path.split("/")[2])
    return out


def _shallow(c: CommitLike) -> AuditFinding:
    date = office_day(c.author_date)
    finding = make("PT411", "", None, None, "", commit=c.sha[:12], date=date)
    return AuditFinding(
        finding, c.seq, c.sha, c.author_name, c.author_email, c.author_date,
        c.committer_date, "", None, None, {},
    )  # fmt: skip


def _describe_reports(
    found: list[AuditFinding], commits: Sequence[CommitLike], blobs: Blobs
) -> None:
    """Add what changed inside each report version flagged by an error (old and new blobs,
    one batch), for the first ``DESCRIBED`` of them."""
    errors = [f for f in found if f.severity == "error" and is_report(f.file) and f.commit]
    flagged = errors[:DESCRIBED]
    by_seq = {c.seq: c for c in commits}
    pairs: list[tuple[AuditFinding, str, str]] = []
    for f in flagged:
        commit = by_seq.get(f.seq)
        for t in touches(commit) if commit is not None else []:
            if t.path == f.file and t.old_blob and t.new_blob:
                pairs.append((f, t.old_blob, t.new_blob))
    data = blobs.parsed({b for _, old, new in pairs for b in (old, new)}) if pairs else {}
    for f, old, new in pairs:
        f.details.setdefault("changes", report_changes(data.get(old), data.get(new)))
