"""``inspection``: inspections and their findings at a cut-off — the status view, a new
inspection file, the documents that follow (conclusion notice, re-inspection report,
reminder to fix, list of units slow to fix) — and the inspection part of ``consolidate``
and ``remind``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack.domain.findings_status import ReportedFix, reported_fixes
from plantrack.domain.inspection_view import InspectionView, inspection_view
from plantrack.errors import PlantrackError
from plantrack.io.atomic import write_atomic
from plantrack.io.repo import DataFile, list_data_files
from plantrack.models import Report
from plantrack.models.inspection import Inspection
from plantrack.models.period import period_sort_key
from plantrack.validate.check import Loaded, load_base
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.rules_inspection import check_inspections, check_report_fixes


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
    ``day``; an existing file is replaced only with ``force``."""
    from plantrack.domain.inspection_skeleton import skeleton
    from plantrack.render.inspection_yaml import inspection_yaml

    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        raise PlantrackError(
            "Không đọc được kế hoạch (data/plan.yaml); chạy 'plantrack check' và sửa lỗi trước."
        )
    # ids of files that do not load count too: their names are taken
    taken = [i.inspection.id for i in base.inspections]
    taken += [f.stem for f in files if f.kind == "inspection"]
    sk = skeleton(base.context, taken, day, kind)
    text = inspection_yaml(sk)
    path = root / "data" / "inspections" / str(sk.year) / f"{sk.id}.yaml"
    if path.exists() and not force:
        raise PlantrackError(f"Tệp {path} đã có; dùng --force để ghi đè.")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
    return NewInspection(path, text)
