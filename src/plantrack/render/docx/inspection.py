"""The inspection documents as official Word files (Nghị định 30/2020/NĐ-CP): the conclusion
notice (Thông báo), the reminder to fix (Công văn), the list of units slow to fix and the
re-inspection report (Báo cáo). Bodies come from ``templates/docx/inspection-*.txt.j2``
(a data repository's own templates override them by file name)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plantrack.domain.inspection_docs import ConclusionDoc, FixReminder, RecheckDoc
from plantrack.domain.inspection_view import InspectionView
from plantrack.domain.viewmodel import PlanInfo
from plantrack.models.plan import DocumentSettings
from plantrack.render.docx.compose import compose
from plantrack.render.docx.report import template_blocks
from plantrack.render.docx.text import Letterhead, letterhead
from plantrack.render.templating import vn_date


@dataclass(frozen=True)
class Issuer:
    """Who issues the documents: the plan's document settings and the plan's basics."""

    settings: DocumentSettings | None
    plan: PlanInfo
    indices: list[str]
    sender: str
    # whom the office reports to (the plan's issuer, or its superior when the issuer signs)
    report_to: str = ""

    @property
    def topic(self) -> str:
        """The plan's short title, else its title as written."""
        return self.plan.topic


@dataclass(frozen=True)
class Signing:
    """The office's number, date and signer for one document (unset: left blank)."""

    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None


def _code(settings: DocumentSettings | None, prefix: str) -> str:
    """``TB-SNV`` from the office's letter code (``SNV``) or the report code (``BC-SNV``)."""
    own = settings.letter_code or (settings.code or "").removeprefix("BC-") if settings else ""
    return f"{prefix}-{own}" if own else prefix


def _head(
    issuer: Issuer,
    signing: Signing,
    *,
    letter: bool,
    prefix: str | None,
    year: int,
    recipients: list[str] | None = None,
) -> Letterhead:
    settings = issuer.settings
    if prefix is not None and settings is not None:
        settings = settings.model_copy(update={"code": _code(settings, prefix)})
    head = letterhead(
        settings,
        issuer.plan,
        letter=letter,
        number=signing.number,
        date=signing.date,
        signer=signing.signer,
        year=year,
    )
    if recipients is not None:
        head = dataclasses.replace(head, recipients=recipients)
    return head


def _context(issuer: Issuer, summary: str, **data: Any) -> dict[str, Any]:
    return {
        "summary": summary,
        "sender": issuer.sender,
        "issuer": issuer.report_to or issuer.plan.issuer,
        "plan_title": issuer.plan.title,
        "d": data,
    }


def render_conclusion_docx(
    doc: ConclusionDoc,
    issuer: Issuer,
    signing: Signing,
    as_of: dt.date,
    repo: Path | None = None,
) -> bytes:
    """The conclusion notice of one inspection; its number and date default to those the
    record holds."""
    recorded = doc.conclusion
    signing = Signing(
        signing.number or (recorded.number if recorded else None),
        signing.date or (recorded.date if recorded else None),
        signing.signer,
    )
    places = ", ".join(u.short for u in doc.units)
    summary = f"Kết luận {doc.kind_label[:1].lower()}{doc.kind_label[1:]} tại {places}"
    day = signing.date or as_of
    year = day.year
    recipients = [*(u.name for u in doc.units), f"{issuer.report_to or issuer.plan.issuer} (b/c)"]
    head = _head(issuer, signing, letter=False, prefix="TB", year=year, recipients=recipients)
    blocks = template_blocks(
        "inspection-conclusion.txt.j2", repo, **_context(issuer, summary, conclusion_doc=doc)
    )
    note = f"plantrack; kết luận kiểm tra {doc.id}"
    return compose(blocks, head, letter=False, as_of=day, comments=note, title="THÔNG BÁO")


def render_recheck_docx(
    doc: RecheckDoc, issuer: Issuer, signing: Signing, as_of: dt.date, repo: Path | None = None
) -> bytes:
    """The re-inspection report (Báo cáo kết quả phúc tra)."""
    places = ", ".join(u.short for u in doc.units)
    summary = f"Kết quả phúc tra việc khắc phục tồn tại, hạn chế sau kiểm tra tại {places}"
    year = (signing.date or as_of).year
    head = _head(issuer, signing, letter=False, prefix=None, year=year)
    blocks = template_blocks(
        "inspection-recheck.txt.j2", repo, **_context(issuer, summary, recheck_doc=doc)
    )
    note = f"plantrack; phúc tra {doc.id}; tình hình đến {as_of.isoformat()}"
    return compose(blocks, head, letter=False, as_of=as_of, comments=note)


def render_fix_remind_docx(
    reminders: list[FixReminder],
    view: InspectionView,
    issuer: Issuer,
    signing: Signing,
    reply_by: dt.date,
    repo: Path | None = None,
) -> bytes:
    """The letter chasing the units with findings past or near their deadline."""
    summary = f"V/v đôn đốc khắc phục tồn tại, hạn chế sau kiểm tra thực hiện {issuer.topic}"
    year = (signing.date or view.as_of).year
    head = _head(issuer, signing, letter=True, prefix=None, year=year)
    data = {"reminders": reminders, "as_of": view.as_of, "reply_by": reply_by}
    blocks = template_blocks("inspection-remind.txt.j2", repo, **_context(issuer, summary, **data))
    note = f"plantrack; đôn đốc khắc phục; tình hình đến {view.as_of.isoformat()}"
    return compose(blocks, head, letter=True, as_of=view.as_of, comments=note)


def render_slow_docx(
    view: InspectionView, issuer: Issuer, signing: Signing, repo: Path | None = None
) -> bytes:
    """The list of units slow to fix (quá hạn chưa khắc phục) at the cut-off."""
    summary = (
        f"Đơn vị chậm khắc phục tồn tại, hạn chế sau kiểm tra (tính đến ngày {vn_date(view.as_of)})"
    )
    year = (signing.date or view.as_of).year
    head = _head(issuer, signing, letter=False, prefix=None, year=year)
    data = {"as_of": view.as_of, "counts": view.counts, "slow": view.slow}
    blocks = template_blocks("inspection-slow.txt.j2", repo, **_context(issuer, summary, **data))
    note = f"plantrack; đơn vị chậm khắc phục; tình hình đến {view.as_of.isoformat()}"
    return compose(blocks, head, letter=False, as_of=view.as_of, comments=note, title="DANH SÁCH")
