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

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from plantrack import layout
from plantrack.domain.audit_authors import AuthorsOverTime
from plantrack.domain.audit_finding import (
    AuditFinding,
    Emit,
    Subject,
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
from plantrack.domain.gitfacts import Blobs, CommitLike, Recorded, Touch, report_changes, touches
from plantrack.models import Plan, Unit
from plantrack.models.inspection import Inspection
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
    return _result(_named(found, units, periods, refs), commits, since, summary, period)


def _named(
    found: list[AuditFinding],
    units: Mapping[str, Unit],
    periods: Callable[[str], Period | None],
    refs: Mapping[str, FindingRef],
) -> list[AuditFinding]:
    """``found`` in the order of the history, each naming the file it is about in words."""
    found.sort(key=lambda f: (f.seq, f.file, f.finding.code))
    files = {r.inspection.id: r.inspection for r in refs.values()}
    return [
        dataclasses.replace(f, subject=subject_of(f.file, units, periods, files)) for f in found
    ]


def subject_of(
    path: str,
    units: Mapping[str, Unit],
    periods: Callable[[str], Period | None],
    inspections: Mapping[str, Inspection] | None = None,
) -> Subject:
    """What the file at ``path`` is, in names: a unit's report for a period, a unit's own
    file, the plan, an inspection (by its conclusion notice, else the decision establishing
    its team, when ``inspections`` has it) or a consolidation record (else just ``other``)."""
    kind = (layout.classify(path) if path else None) or "other"
    if layout.is_consolidation(path):
        period = periods(_stem(path))
        title = period.phrase if period else None
        return Subject("consolidation", period_id=_stem(path), period_title=title)
    if layout.is_self_assessment(path):
        unit_id = _stem(path)
        year = path.split("/")[2]
        return Subject("self-assessment", unit_id, _unit_name(unit_id, units), name=year)
    if kind == "report":
        unit_id, period_id = _stem(path), path.split("/")[2]
        period = periods(period_id)
        return Subject(
            "report",
            unit_id,
            _unit_name(unit_id, units),
            period_id,
            period.phrase if period else period_id,
        )
    if kind == "unit":
        unit_id = _stem(path)
        return Subject("unit", unit_id, _unit_name(unit_id, units))
    if kind == "inspection":
        return _inspection_subject(_stem(path), (inspections or {}).get(_stem(path)))
    if kind in ("plan", "index"):
        return Subject(kind, name=_stem(path))
    return Subject("other", name=path or None)


def _inspection_subject(inspection_id: str, inspection: Inspection | None) -> Subject:
    """An inspection file named by the document the office knows it by: its conclusion
    notice, else the decision establishing its team (number and date)."""
    if inspection is None:
        return Subject("inspection", name=inspection_id)
    for kind, doc in (("conclusion", inspection.conclusion), ("decision", inspection.decision)):
        if doc is not None and doc.number:
            return Subject(
                "inspection", name=inspection_id, doc=kind, doc_number=doc.number, doc_date=doc.date
            )
    return Subject("inspection", name=inspection_id, doc="title", doc_number=inspection.title)


def _unit_name(unit_id: str, units: Mapping[str, Unit]) -> str:
    unit = units.get(unit_id)
    return unit.name if unit is not None else unit_id


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
