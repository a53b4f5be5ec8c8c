"""``inspection document``: the documents that follow an inspection, as official Word files
— the conclusion notice, the re-inspection report, the reminder to fix and the list of units
slow to fix — written into a folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack import layout
from plantrack.app.guard import write_guarded
from plantrack.app.inspection import Oversight, load_oversight
from plantrack.domain.inspection_docs import conclusion_doc, fix_reminders, recheck_doc
from plantrack.domain.inspection_view import InspectionView
from plantrack.domain.remind import REPLY_WORKING_DAYS, working_days_after
from plantrack.domain.viewmodel import PlanInfo
from plantrack.domain.voice import voice
from plantrack.errors import PlantrackError
from plantrack.io.repo import list_data_files
from plantrack.models.inspection import Inspection
from plantrack.validate.check import load_base
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding

if TYPE_CHECKING:
    from plantrack.render.docx.inspection import Issuer

NAMES = {
    "ket-luan": "thong-bao-ket-luan-{id}.docx",
    "phuc-tra": "bao-cao-phuc-tra-{id}.docx",
    "don-doc": "cong-van-don-doc-khac-phuc-{day}.docx",
    "danh-sach": "danh-sach-cham-khac-phuc-{day}.docx",
}


@dataclass(frozen=True)
class DocumentRequest:
    """Which document, of which inspection, at which cut-off, with the office's number,
    date and signer, written where."""

    what: str
    inspection: str | None
    as_of: dt.date
    out: Path
    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None
    force: bool = False


@dataclass
class Document:
    """What was written (``path``), or why nothing was: findings, or a note."""

    path: Path | None = None
    findings: list[Finding] = field(default_factory=list)
    note: str = ""


def inspection_document(root: Path, request: DocumentRequest, *, today: dt.date) -> Document:
    """Render and write the requested document; data errors write nothing."""
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        return Document(findings=base.findings)
    oversight = load_oversight(root, base, files, today)
    errors = [f for f in base.findings + oversight.findings if f.severity == "error"]
    if errors:
        return Document(findings=errors)
    view = oversight.view(request.as_of)
    data = _render(root, oversight, view, request)
    if data is None:
        return Document(note="Không có đơn vị nào có tồn tại quá hạn hoặc sắp đến hạn khắc phục.")
    name = NAMES[request.what].format(id=request.inspection, day=request.as_of.isoformat())
    target = request.out / name
    request.out.mkdir(parents=True, exist_ok=True)
    write_guarded(target, data, force=request.force)
    return Document(target)


def issuer_of(ctx: Context) -> Issuer:
    """Who issues the office's documents: the plan's document settings, the plan, its indices
    and the consolidating office."""
    from plantrack.render.docx.inspection import Issuer

    plan = ctx.plan
    office = ctx.units.get(plan.reporting.consolidator)
    name = office.name if office is not None else None
    said = voice(plan.issuer, plan.superior, plan.reporting.document, name)
    return Issuer(
        plan.reporting.document,
        PlanInfo.of(plan),
        sorted(ctx.indices),
        said.speaker,
        said.report_to,
    )


def _chosen(oversight: Oversight, request: DocumentRequest, kind: str | None) -> Inspection:
    found = {i.id: i for i in oversight.inspections}
    chosen = found.get(request.inspection or "")
    if chosen is None or (kind is not None and chosen.kind != kind):
        known = ", ".join(i.id for i in oversight.inspections if kind is None or i.kind == kind)
        raise PlantrackError(
            code="PT930",
            kind="phúc tra" if kind else "kiểm tra",
            kind_en="a re-inspection" if kind else "an inspection",
            folder=layout.INSPECTIONS,
            known=known or "chưa có",
            known_en=known or "none yet",
        )
    return chosen


def _render(
    root: Path, oversight: Oversight, view: InspectionView, request: DocumentRequest
) -> bytes | None:
    from plantrack.render.docx import inspection as docs

    ctx = oversight.ctx
    issuer = issuer_of(ctx)
    signing = docs.Signing(request.number, request.date, request.signer)
    if request.what == "ket-luan":
        doc = conclusion_doc(ctx, _chosen(oversight, request, None), view)
        return docs.render_conclusion_docx(doc, issuer, signing, request.as_of, root)
    if request.what == "phuc-tra":
        chosen = _chosen(oversight, request, "phuc-tra")
        rdoc = recheck_doc(ctx, chosen, oversight.inspections, view)
        return docs.render_recheck_docx(rdoc, issuer, signing, request.as_of, root)
    if request.what == "don-doc":
        reminders = fix_reminders(view)
        if not reminders:
            return None
        reply = working_days_after(request.date or request.as_of, REPLY_WORKING_DAYS)
        return docs.render_fix_remind_docx(reminders, view, issuer, signing, reply, root)
    return docs.render_slow_docx(view, issuer, signing, root)
