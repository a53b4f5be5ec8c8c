"""``inspection``: inspections and their findings at a cut-off — the status view, a new
inspection file, the documents that follow (conclusion notice, re-inspection report,
reminder to fix, list of units slow to fix) — and the inspection part of ``consolidate``
and ``remind``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import write_guarded
from plantrack.domain.findings_status import ReportedFix, reported_fixes
from plantrack.domain.inspection_view import FindingRow, InspectionView, inspection_view
from plantrack.io.repo import DataFile, list_data_files
from plantrack.models import Report
from plantrack.models.inspection import Inspection
from plantrack.models.period import period_sort_key
from plantrack.validate.check import Loaded, load_base
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.require import require_plan
from plantrack.validate.rules_fixes import check_report_fixes
from plantrack.validate.rules_inspection import (
    check_inspections,
    successors_of,
)


@dataclass
class Oversight:
    """The checked inspections of a repository and the fixes units reported."""

    ctx: Context
    inspections: list[Inspection]
    fixes: dict[str, list[ReportedFix]]
    fix_files: list[DataFile]
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    def fix_files_until(self, period_id: str) -> list[DataFile]:
        """The reports with fixes filed for ``period_id`` or an earlier period."""
        key = period_sort_key(period_id)
        return [f for f in self.fix_files if period_sort_key(f.folder) <= key]

    def view(self, as_of: dt.date, period_start: dt.date | None = None) -> InspectionView:
        """The findings and counts at ``as_of`` (with a period's visits from ``period_start``)."""
        return inspection_view(
            self.ctx, self.inspections, self.fixes, as_of, period_start=period_start
        )


def load_oversight(root: Path, base: Loaded, files: list[DataFile], today: dt.date) -> Oversight:
    """The inspections of ``base`` with every report's ``fixes:``, and the findings of their
    rules (the inspection files' own, and each report's fixes)."""
    assert base.context is not None
    ctx = base.context
    reports: list[Report] = []
    fix_files: list[DataFile] = []
    findings: list[Finding] = []
    if base.inspections or ctx.findings:
        for file in files:
            if file.kind != "report":
                continue
            report, where, found = load_model(root, file, Report)
            findings += [f for f in found if f.severity == "error"]
            if report is not None and report.fixes:
                reports.append(report)
                fix_files.append(file)
                findings += check_report_fixes(ctx, report, ctx.period(report.period), where)
    ids = {entry.finding for r in reports for entry in r.fixes}
    findings += check_inspections(ctx, base.inspections, today, ids)
    inspections = [item.inspection for item in base.inspections]
    return Oversight(ctx, inspections, reported_fixes(reports), fix_files, findings)


@dataclass
class InspectionStatus:
    """``inspection status``: the view at the cut-off, or the findings that prevented it."""

    view: InspectionView | None
    findings: list[Finding]


def inspection_status(root: Path, as_of: dt.date, *, today: dt.date) -> InspectionStatus:
    """Every finding with its status at ``as_of``; errors in the plan, units, inspection
    files or reported fixes stop it (their findings say where)."""
    files, _ = list_data_files(root)
    base = load_base(root, files)
    findings = [f for f in base.findings if f.severity == "error"]
    if base.context is None:
        return InspectionStatus(None, findings)
    oversight = load_oversight(root, base, files, today)
    findings += oversight.findings
    if any(f.severity == "error" for f in findings):
        return InspectionStatus(None, findings)
    return InspectionStatus(oversight.view(as_of), findings)


@dataclass
class NewInspection:
    """``inspection new``: where the skeleton was written, and its text."""

    path: Path
    text: str


def new_inspection(root: Path, day: dt.date, kind: str, *, force: bool = False) -> NewInspection:
    """Write ``data/inspections/<year>/kt-<year>-NN.yaml`` for an inspection decided on
    ``day``, under the write policy (an existing file only with ``force``)."""
    from plantrack.domain.inspection_skeleton import skeleton
    from plantrack.render.inspection_yaml import inspection_yaml

    repo = require_plan(root)
    # file names count, loaded or not: an id is its file's name
    taken = [f.stem for f in repo.files if f.kind == "inspection"]
    sk = skeleton(repo.ctx, taken, day, kind)
    text = inspection_yaml(sk)
    path = root / layout.inspection(sk.year, sk.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_guarded(path, text, force=force)
    return NewInspection(path, text)


def unit_findings(root: Path, unit_id: str, as_of: dt.date) -> list[FindingRow]:
    """The findings of ``unit_id`` and of the units it took over from, at ``as_of``."""
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None or not base.inspections:
        return []
    ctx = base.context
    view = load_oversight(root, base, files, as_of).view(as_of)
    return [
        r
        for r in view.findings
        if unit_id in (r.unit_id, *r.responsible_ids) or unit_id in successors_of(ctx, r.unit_id)
    ]
