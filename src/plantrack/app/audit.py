"""``audit``: what git history says about who changed which file, when, whether it was
allowed, on time, or after an official consolidation. Nothing here prints."""

from __future__ import annotations

from pathlib import Path

from plantrack import layout
from plantrack.app.gitread import GitBlobs, load_context, read_commits
from plantrack.app.record import read_record
from plantrack.domain.audit import AuditResult, audit
from plantrack.domain.audit_finding import AuditFinding
from plantrack.domain.gitfacts import Recorded
from plantrack.io import gitlog
from plantrack.models.period import parse_period_id
from plantrack.validate.catalogue import make
from plantrack.validate.require import require_period_id


def load_records(root: Path) -> tuple[list[Recorded], list[AuditFinding]]:
    """The consolidation records in the work tree, and PT412 for each unusable one."""
    folder = root / layout.CONSOLIDATIONS
    records: list[Recorded] = []
    problems: list[AuditFinding] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = f"{layout.CONSOLIDATIONS}/{path.name}"
        record, why, why_en = read_record(path, rel)
        if record is not None and record.period != path.stem:
            why = f"kỳ '{record.period}' không khớp tên tệp"
            why_en = f"its period '{record.period}' does not match the file name"
            record = None
        elif record is not None and parse_period_id(record.period) is None:
            why, why_en, record = "kỳ không hợp lệ", "not a valid period", None
        if record is None:
            finding = make("PT412", rel, None, None, "", reason=why, reason_en=why_en)
            problems.append(
                AuditFinding(finding, -1, None, "", "", None, None, rel, None, path.stem)
            )
            continue
        records.append(record)
    return records, problems


def run_audit(root: Path, *, since: str | None = None, period: str | None = None) -> AuditResult:
    """Audit the git history of the repository at ``root``."""
    if period is not None:
        require_period_id(period)
    ctx, reports = load_context(root)
    commits = read_commits(root, since=since)
    records, problems = load_records(root)
    with gitlog.BlobReader(root) as reader:
        return audit(
            commits,
            ctx.plan,
            ctx.units,
            records,
            GitBlobs(reader),
            report_files=reports,
            period=period,
            since=since,
            extra=problems,
            inspected=ctx.findings,
        )
