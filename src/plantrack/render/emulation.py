"""Emulation scores in the terminal (rich) and as JSON: the ranking of each cluster, and a
unit's scoring table with the source of every point."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from plantrack.domain.emulation import CriterionScore, EmulationResult, UnitScore
from plantrack.domain.emulation_points import Line
from plantrack.models.common import LegalDoc
from plantrack.render.emulation_words import (
    adjustment_line,
    how_line,
    num,
    pick,
    source_line,
)

WORDS: dict[str, tuple[str, str]] = {
    "title": ("{title} — năm {year}", "{title} — {year}"),
    "illustrative": ("Dữ liệu minh họa.", "Illustrative data."),
    "rank": ("Hạng", "Rank"),
    "unit": ("Đơn vị", "Unit"),
    "total": ("Tổng điểm", "Total"),
    "band": ("Xếp loại", "Grade"),
    "own": ("Tự chấm", "Self-score"),
    "diff": ("Chênh lệch", "Difference"),
    "unranked": ("Không xếp hạng", "Not ranked"),
    "criterion": ("Tiêu chí", "Criterion"),
    "max": ("Tối đa", "Max"),
    "verified": ("Thẩm định", "Verified"),
    "how": ("Cách tính", "How"),
    "sources": ("Căn cứ", "Sources"),
    "claimed": ("Đơn vị đề nghị", "Claimed by the unit"),
    "none": ("không có", "none"),
    "tie": (" (đồng hạng)", " (tied)"),
}


def _w(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def doc_text(doc: LegalDoc | None) -> str | None:
    """``215/QĐ-UBND ngày 20/11/2024: title``."""
    if doc is None:
        return None
    from plantrack.render.templating import vn_date

    head = " ".join(p for p in (doc.number, f"ngày {vn_date(doc.date)}" if doc.date else None) if p)
    return f"{head}: {doc.title}" if head else doc.title


def manual_lines(row: CriterionScore) -> list[str]:
    """The verified bonus and penalty points of a criterion, then the unit's own claims."""
    lines = [adjustment_line(a.points, a.reason, doc_text(a.evidence)) for a in row.adjustments]
    lines += [
        "Đơn vị đề nghị: " + adjustment_line(a.points, a.reason, doc_text(a.evidence))
        for a in row.claimed
    ]
    return lines


def print_emulation(result: EmulationResult, console: Console, lang: str = "vi") -> None:
    """Every cluster's ranking, then the unranked units."""
    scheme = result.scheme
    console.print(_w("title", lang).format(title=scheme.title, year=scheme.year), style="bold")
    if scheme.illustrative:
        console.print(_w("illustrative", lang), style="italic")
    for cluster in result.clusters:
        console.print(_ranking(cluster.name, cluster.units, lang, ranked=True))
    if result.unranked:
        console.print(_ranking(_w("unranked", lang), result.unranked, lang, ranked=False))


def _ranking(title: str, units: list[UnitScore], lang: str, *, ranked: bool) -> Table:
    table = Table(title=title, title_justify="left")
    if ranked:
        table.add_column(_w("rank", lang), justify="right")
    table.add_column(_w("unit", lang))
    table.add_column(_w("total", lang), justify="right")
    table.add_column(_w("band", lang))
    table.add_column(_w("own", lang), justify="right")
    table.add_column(_w("diff", lang), justify="right")
    for u in units:
        diff = u.own_total - u.total if u.own_total is not None else None
        cells = [
            u.name,
            num(u.total, lang),
            u.band.name if u.band else "",
            num(u.own_total, lang),
            _signed_or_dash(diff, lang),
        ]
        if ranked:
            cells.insert(0, f"{u.rank}{'=' if u.tied else ''}")
        table.add_row(*cells)
    return table


def _signed_or_dash(value: Decimal | None, lang: str) -> str:
    from plantrack.render.emulation_words import signed

    return "—" if value is None else signed(value, lang)


def print_unit(
    result: EmulationResult, unit: UnitScore, console: Console, lang: str = "vi"
) -> None:
    """One unit's scoring table, each criterion with how its points came about and their
    sources."""
    place = next((c.name for c in result.clusters if c.id == unit.cluster), _w("unranked", lang))
    tie = _w("tie", lang) if unit.tied else ""
    rank = f" — {_w('rank', lang)} {unit.rank}{tie}" if unit.rank else ""
    console.print(f"{unit.name} — {place}{rank}", style="bold")
    band = unit.band.name if unit.band else ""
    console.print(f"{_w('total', lang)}: {num(unit.total, lang)} ({band})")
    for row in unit.criteria:
        c = row.criterion
        own = f"; {_w('own', lang)} {num(row.own, lang)}" if row.own is not None else ""
        console.print(
            f"\n{c.title}: {num(row.verified, lang)}/{num(c.max, lang)}{own}", style="bold"
        )
        console.print(f"  {how_line(row, lang)}")
        for line in _lines(row):
            console.print(f"  - {source_line(line, lang)}", markup=False)
        for a in row.adjustments:
            console.print(
                f"  - {adjustment_line(a.points, a.reason, doc_text(a.evidence), lang)}",
                markup=False,
            )
        for claim in row.claimed:
            text = adjustment_line(claim.points, claim.reason, doc_text(claim.evidence), lang)
            console.print(f"  ({_w('claimed', lang)}) {text}", markup=False)


def _lines(row: CriterionScore) -> tuple[Line, ...]:
    return row.computed.lines if row.computed is not None else ()


def _dec(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _line_json(line: Line) -> dict[str, Any]:
    e = line.event
    return {
        "source": e.source,
        "ref": e.ref,
        "title": e.title,
        "kind": e.kind,
        "status": e.status,
        "deadline": e.deadline.isoformat() if e.deadline else None,
        "done_on": e.done_on.isoformat() if e.done_on else None,
        "value": e.value,
        "target": e.target,
        "counted": line.counted,
        "credited": line.credited,
        "points": _dec(line.points),
    }


def _adjustment_json(points: float, reason: str | None, doc: LegalDoc | None) -> dict[str, Any]:
    evidence = doc.model_dump(mode="json", exclude_none=True) if doc else None
    return {"points": points, "reason": reason, "evidence": evidence}


def _criterion_json(row: CriterionScore) -> dict[str, Any]:
    c = row.computed
    return {
        "criterion": row.criterion.id,
        "title": row.criterion.title,
        "rule": row.criterion.rule,
        "max": row.criterion.max,
        "verified": float(row.verified),
        "self": _dec(row.own),
        "difference": _dec(row.difference),
        "how": c.how if c else "manual",
        "counted": c.counted if c else None,
        "credited": c.credited if c else None,
        "rate": _dec(c.rate) if c else None,
        "step": c.step.model_dump() if c and c.step else None,
        "sources": [_line_json(line) for line in _lines(row)],
        "adjustments": [
            {"unit": a.unit, **_adjustment_json(a.points, a.reason, a.evidence)}
            for a in row.adjustments
        ],
        "claimed": [_adjustment_json(a.points, a.reason, a.evidence) for a in row.claimed],
        "note": row.note,
    }


def unit_json(unit: UnitScore) -> dict[str, Any]:
    """One unit's scores as JSON-ready data."""
    return {
        "unit": unit.unit_id,
        "name": unit.name,
        "cluster": unit.cluster,
        "unranked": unit.unranked,
        "rank": unit.rank,
        "tied": unit.tied,
        "total": float(unit.total),
        "self_total": _dec(unit.own_total),
        "band": unit.band.id if unit.band else None,
        "band_name": unit.band.name if unit.band else None,
        "self_assessed": unit.assessed,
        "submitted": unit.submitted.isoformat() if unit.submitted else None,
        "criteria": [_criterion_json(row) for row in unit.criteria],
    }


def emulation_json(result: EmulationResult) -> dict[str, Any]:
    """The whole result as JSON-ready data."""
    scheme = result.scheme
    return {
        "year": scheme.year,
        "title": scheme.title,
        "illustrative": scheme.illustrative,
        "as_of": result.as_of.isoformat(),
        "total": scheme.total,
        "criteria": [c.model_dump(mode="json", exclude_none=True) for c in scheme.criteria],
        "bands": [b.model_dump(mode="json") for b in scheme.bands],
        "tie_break": list(scheme.tie_break),
        "clusters": [
            {"id": c.id, "name": c.name, "units": [unit_json(u) for u in c.units]}
            for c in result.clusters
        ],
        "unranked": [unit_json(u) for u in result.unranked],
    }


def render_emulation_json(result: EmulationResult) -> str:
    """The result as indented JSON text (UTF-8, no ASCII escapes)."""
    return json.dumps(emulation_json(result), ensure_ascii=False, indent=2) + "\n"
