"""The fixes table of a unit's form: one row per fix its report already holds, then one per
finding it still has to fix (its own or inherited from a unit it took over from), so that
nothing the report holds is lost on the way back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plantrack.domain.findings_status import finding_states, reported_fixes
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.models.period import Period
from plantrack.models.report import FixEntry
from plantrack.validate.context import Context
from plantrack.validate.loading import load_model


@dataclass(frozen=True)
class FixRow:
    """One row of the fixes sheet: the finding and the fix already reported, if any."""

    finding: str
    text: str
    fix_by: str
    entry: FixEntry | None


def fix_rows(
    root: Path,
    files: list[DataFile],
    ctx: Context,
    unit_id: str,
    period: Period,
    current: Report | None,
) -> list[FixRow]:
    """The rows of ``unit_id``'s form for ``period``."""
    rows = [_row(ctx, entry.finding, entry) for entry in (current.fixes if current else [])]
    listed = {row.finding for row in rows}
    for finding_id in _open_findings(root, files, ctx, unit_id, period):
        if finding_id not in listed:
            rows.append(_row(ctx, finding_id, None))
    return rows


def _row(ctx: Context, finding_id: str, entry: FixEntry | None) -> FixRow:
    ref = ctx.findings.get(finding_id)
    if ref is None:  # a fix of an unknown finding: kept, check flags it
        return FixRow(finding_id, "", "", entry)
    return FixRow(finding_id, ref.finding.text, f"{ref.finding.fix_by:%d/%m/%Y}", entry)


def _open_findings(
    root: Path, files: list[DataFile], ctx: Context, unit_id: str, period: Period
) -> list[str]:
    """Findings the unit answers for at the cut-off that no record or earlier report fixed."""
    if not ctx.findings:
        return []
    earlier = [
        load_model(root, f, Report)[0]
        for f in files
        if f.kind == "report" and f.folder != period.id
    ]
    fixes = reported_fixes(r for r in earlier if r is not None)
    inspections = list({id(r.inspection): r.inspection for r in ctx.findings.values()}.values())
    states = finding_states(ctx, inspections, fixes, period.cutoff)
    return [
        s.finding.id
        for s in states
        if unit_id in s.responsible
        and (s.verdict.fixed_on is None or s.verdict.fixed_on >= period.start)
    ]
