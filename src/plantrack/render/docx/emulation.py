"""The emulation documents as official Word files (Nghị định 30/2020/NĐ-CP): the ranking for
the emulation council (Bảng tổng hợp kết quả chấm điểm) and every unit's scoring table (Bảng
chấm điểm). Bodies come from ``templates/docx/emulation-*.txt.j2``; numbers are formatted
here, the scores are the domain's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from plantrack.domain.emulation import EmulationResult, UnitScore
from plantrack.domain.viewmodel import PlanInfo
from plantrack.models.common import LegalDoc
from plantrack.models.plan import DocumentSettings
from plantrack.render.docx.compose import compose
from plantrack.render.docx.report import template_blocks
from plantrack.render.docx.text import letterhead
from plantrack.render.emulation import manual_lines
from plantrack.render.emulation_words import how_line, num, signed, source_line
from plantrack.render.marks import DRAFT, ILLUSTRATIVE

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _basis(doc: LegalDoc) -> str:
    head = " ".join(p for p in (doc.number, f"của {doc.issuer}" if doc.issuer else None) if p)
    return f"{doc.title} ({head})" if head else doc.title


def _unit_row(u: UnitScore) -> dict[str, Any]:
    diff = u.own_total - u.total if u.own_total is not None else None
    return {
        "rank": u.rank,
        "tied": u.tied,
        "name": u.name,
        "own": num(u.own_total) if u.own_total is not None else "",
        "total": num(u.total),
        "diff": signed(diff) if diff is not None else "",
        "band": u.band.name if u.band else "",
    }


def _ties(units: list[UnitScore]) -> list[tuple[int, list[str]]]:
    """Each shared rank with the units sharing it, in rank order."""
    shared: dict[int, list[str]] = {}
    for u in units:
        if u.tied and u.rank is not None:
            shared.setdefault(u.rank, []).append(u.short)
    return sorted(shared.items())


def _sheet(result: EmulationResult, u: UnitScore) -> dict[str, Any]:
    place = next((c.name for c in result.clusters if c.id == u.cluster), None)
    if place is not None:
        tie = " (đồng hạng)" if u.tied else ""
        where = f"{place}, xếp hạng {u.rank}{tie}"
    else:
        where = f"Không xếp hạng: {u.unranked or ''}".rstrip(": ")
    rows = []
    for row in u.criteria:
        sources = row.computed.lines if row.computed else ()
        lines = [how_line(row)]
        lines += [source_line(line, short=True) for line in sources if line.counted]
        left_out = sum(1 for line in sources if not line.counted)
        if left_out:
            lines.append(f"Ngoài ra {left_out} trường hợp chưa đến hạn hoặc không tính điểm.")
        lines += manual_lines(row)
        rows.append(
            {
                "title": row.criterion.title,
                "max": num(row.criterion.max),
                "own": num(row.own) if row.own is not None else "",
                "verified": num(row.verified),
                "lines": lines,
            }
        )
    return {
        **_unit_row(u),
        "place": where,
        "rows": rows,
        "own": num(u.own_total) if u.own_total is not None else "",
    }


def _marks(result: EmulationResult, signer: str | None, illustrative: bool) -> list[str]:
    out = [] if signer else [DRAFT]
    if illustrative or result.scheme.illustrative:
        out.append(ILLUSTRATIVE)
    return out


def render_emulation_docx(
    result: EmulationResult,
    kind: str,
    *,
    settings: DocumentSettings | None,
    plan: PlanInfo,
    sender: str,
    number: str | None = None,
    date: dt.date | None = None,
    signer: str | None = None,
    repo: Path | None = None,
) -> bytes:
    """``kind`` ``ranking`` (Bảng tổng hợp kết quả chấm điểm) or ``sheets`` (every unit's
    Bảng chấm điểm) as .docx bytes; the same scores give the same bytes."""
    scheme = result.scheme
    year = (date or result.as_of).year
    head = letterhead(
        settings, plan, letter=False, number=number, date=date, signer=signer, year=year
    )
    if kind == "ranking":
        summary = f"Kết quả chấm điểm thi đua năm {scheme.year}"
        title = "BẢNG TỔNG HỢP"
    else:
        summary = f"Bảng chấm điểm thi đua năm {scheme.year} của các đơn vị"
        title = "BẢNG CHẤM ĐIỂM"
    unranked: dict[str, list[dict[str, Any]]] = {}
    for u in result.unranked:
        unranked.setdefault(u.unranked or "", []).append(_unit_row(u))
    context = {
        "summary": summary,
        "sender": sender,
        "plan_title": plan.title,
        "year": scheme.year,
        "title": scheme.title,
        "as_of": result.as_of,
        "basis": [_basis(b) for b in scheme.basis],
        "total": num(scheme.total),
        "roman": ROMAN,
        "tie_break": [
            c.title[:1].lower() + c.title[1:] for c in scheme.criteria if c.id in scheme.tie_break
        ],
        "clusters": [
            {
                "name": c.name,
                "assessed": c.assessed,
                "bands": c.bands,
                "units": [_unit_row(u) for u in c.units],
                "ties": _ties(c.units),
            }
            for c in result.clusters
        ],
        "unranked": list(unranked.items()),
        "units": [_sheet(result, u) for u in result.units],
    }
    blocks = template_blocks(f"emulation-{kind}.txt.j2", repo, **context)
    note = f"plantrack; chấm điểm thi đua năm {scheme.year}; số liệu đến {result.as_of.isoformat()}"
    marks = _marks(result, head.signer_name, plan.illustrative)
    return compose(
        blocks, head, letter=False, as_of=result.as_of, comments=note, title=title, marks=marks
    )
