"""``report for-parent`` (in a child repository): the report the child owes its parent for a
period, derived from its own data with the same engine as ``rollup verify``, written at its
place in the parent's checkout (or elsewhere) through the write policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import Outcome, write_guarded
from plantrack.app.rollup_derive import derive_in
from plantrack.domain.rollup_view import SubmittedFrom
from plantrack.errors import PlantrackError
from plantrack.io import mirror
from plantrack.io.yamlwrite import dump_yaml
from plantrack.models import Report
from plantrack.validate.require import require_period, require_plan


def _whole(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


REPORT_HEADER = (
    "Báo cáo gửi cấp trên — do 'plantrack report for-parent' tính từ dữ liệu của đơn vị.\n"
    "Report to the parent, derived by 'plantrack report for-parent' from the unit's data."
)


@dataclass
class ForParent:
    """The derived report and where it was written."""

    report: Report
    path: Path
    outcome: Outcome
    # where the submission date comes from: the consolidation record, the history, or none
    submitted_from: SubmittedFrom | None = None


def for_parent(
    root: Path, period: str, parent_root: Path, *, out: Path | None = None, force: bool = False
) -> ForParent:
    """Derive the report the child at ``root`` owes the parent repository at ``parent_root``
    for ``period`` and write it (default: its place in the parent,
    ``data/reports/<period>/<unit>.yaml``)."""
    child = require_plan(root)
    declared = child.ctx.plan.implements
    if declared is None:
        raise PlantrackError(code="PT986", plan=layout.PLAN)
    parent = require_plan(parent_root)
    if parent.ctx.plan.id != declared.plan:
        raise PlantrackError(code="PT987", declared=declared.plan, found=parent.ctx.plan.id)
    require_period(parent.ctx, period)
    read = derive_in(
        root, parent.ctx, declared.unit, period, lambda rel: mirror.last_change(root, "HEAD", rel)
    )
    report = read.report
    if report is None:
        raise PlantrackError(code="PT988", period=period, reason=read.why)
    target = out or parent_root / layout.report(period, declared.unit)
    data = report.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data = {"unit": report.unit, "period": report.period, **data}
    if report.indicators:  # whole numbers written as a unit would type them
        data["indicators"] = {k: _whole(v) for k, v in report.indicators.items()}
    first = ("# " + REPORT_HEADER.splitlines()[0]).encode("utf-8")
    outcome = write_guarded(
        target,
        dump_yaml(data, REPORT_HEADER),
        force=force,
        ours=lambda old: old.startswith(first),
    )
    return ForParent(report, target, outcome, read.submitted_from)
