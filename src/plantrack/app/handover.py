"""``handover``: what a closing unit leaves behind and to whom (danh sách bàn giao) — as a
view for the terminal and JSON, or as an official Word document written into a folder.
Nothing here prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import write_guarded
from plantrack.app.inspection import load_oversight
from plantrack.app.inspection_docs import issuer_of
from plantrack.domain.handover import Handover, handover
from plantrack.domain.skeleton import lineage
from plantrack.errors import PlantrackError
from plantrack.io.repo import list_data_files
from plantrack.models import Report
from plantrack.models.period import parse_period_id, period_sort_key
from plantrack.validate.check import load_base
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.period import load_period
from plantrack.validate.suggest import suggestion


@dataclass
class HandoverResult:
    """The handover list, or the error findings that prevented it."""

    handover: Handover | None
    findings: list[Finding] = field(default_factory=list)
    ctx: Context | None = None


def handover_list(
    root: Path, unit_id: str, as_of: dt.date | None = None, *, today: dt.date | None = None
) -> HandoverResult:
    """The handover list of ``unit_id`` at ``as_of`` (default: its last day). A unit with no
    end date stops the run (PT935), an unknown one too (PT916); errors in the plan, units,
    inspections or the unit's own reports stop it with their findings."""
    today = today or dt.date.today()
    files, _ = list_data_files(root)
    base = load_base(root, files)
    errors = [f for f in base.findings if f.severity == "error"]
    if base.context is None or errors:
        return HandoverResult(None, errors)
    ctx = base.context
    unit = ctx.units.get(unit_id)
    if unit is None:
        raise PlantrackError(code="PT916", unit=unit_id, **suggestion(unit_id, ctx.units))
    if unit.valid_until is None:
        raise PlantrackError(code="PT935", unit=unit_id, path=layout.unit(unit_id))
    own = set(lineage(ctx, unit_id))
    history: dict[str, dict[str, Report]] = {}
    folders = {f.folder for f in files if f.kind == "report" and parse_period_id(f.folder)}
    for folder in sorted(folders, key=period_sort_key):
        loaded = load_period(root, ctx, files, folder, today=today)
        history[folder] = dict(loaded.reports)
        # another unit's broken report says nothing about this unit's handover
        errors += [f for f in loaded.findings if f.severity == "error" and Path(f.path).stem in own]
    inspections, fixes = [], {}
    if base.inspections:
        oversight = load_oversight(root, base, files, today)
        errors += [f for f in oversight.errors if _concerns(f, own)]
        inspections, fixes = oversight.inspections, oversight.fixes
    if errors:
        return HandoverResult(None, errors, ctx)
    day = as_of or unit.valid_until
    return HandoverResult(handover(ctx, unit_id, day, history, inspections, fixes), [], ctx)


def _concerns(finding: Finding, own: set[str]) -> bool:
    """An error that stops the handover of the units ``own``: another unit's broken report
    says nothing about it."""
    if finding.severity != "error":
        return False
    return not finding.path.startswith(layout.REPORTS + "/") or Path(finding.path).stem in own


@dataclass(frozen=True)
class HandoverDocument:
    """Where to write the Word handover list, and the office's number, date and signer."""

    out: Path
    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None
    force: bool = False


def write_handover_docx(root: Path, result: HandoverResult, request: HandoverDocument) -> Path:
    """Write ``danh-sach-ban-giao-<unit>.docx`` into ``request.out`` (the write policy:
    an existing file only with ``force``)."""
    from plantrack.render.docx import inspection as docs
    from plantrack.render.docx.handover import render_handover_docx

    assert result.handover is not None and result.ctx is not None
    issuer = issuer_of(result.ctx)
    signing = docs.Signing(request.number, request.date, request.signer)
    data = render_handover_docx(result.handover, issuer, signing, root)
    target = request.out / f"danh-sach-ban-giao-{result.handover.unit_id}.docx"
    request.out.mkdir(parents=True, exist_ok=True)
    write_guarded(target, data, force=request.force)
    return target
