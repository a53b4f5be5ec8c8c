"""The emulation scores as an Excel workbook: the ranking of every cluster (Bảng tổng hợp kết
quả chấm điểm) and every unit's scoring table (Bảng chấm điểm), each point beside its
sources; byte for byte the same for the same scores (times come from the cut-off)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from plantrack.domain.emulation import EmulationResult, UnitScore
from plantrack.render.emulation import manual_lines
from plantrack.render.emulation_words import how_line, source_line
from plantrack.render.office.package import fixed_time, workbook_bytes
from plantrack.render.office.tables import Col, title_rows, write_table
from plantrack.render.templating import vn_date
from plantrack.render.xlsx.printing import print_layout

RANKING = (
    Col("Khối thi đua", 26, "wrap"),
    Col("Hạng", 7, "int"),
    Col("Đơn vị", 36, "wrap"),
    Col("Điểm tự chấm", 11, "num"),
    Col("Điểm thẩm định", 11, "num"),
    Col("Chênh lệch", 11, "num"),
    Col("Xếp loại", 26, "wrap"),
    Col("Ghi chú", 30, "wrap"),
)
SHEET = (
    Col("Đơn vị", 28, "wrap"),
    Col("STT", 6, "int"),
    Col("Tiêu chí", 40, "wrap"),
    Col("Điểm tối đa", 9, "num"),
    Col("Điểm tự chấm", 10, "num"),
    Col("Điểm thẩm định", 10, "num"),
    Col("Chênh lệch", 10, "num"),
    Col("Cách tính", 30, "wrap"),
    Col("Căn cứ", 90, "wrap"),
)


def _f(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _ranking_rows(result: EmulationResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for cluster in result.clusters:
        for u in cluster.units:
            note = "Đồng hạng" if u.tied else ""
            rows.append(_rank_row(cluster.name, u.rank, u, note))
    for u in result.unranked:
        rows.append(_rank_row("Không xếp hạng", None, u, u.unranked or ""))
    return rows


def _rank_row(cluster: str, rank: int | None, u: UnitScore, note: str) -> list[Any]:
    diff = u.own_total - u.total if u.own_total is not None else None
    band = u.band.name if u.band else ""
    return [cluster, rank, u.name, _f(u.own_total), _f(u.total), _f(diff), band, note]


def _sheet_rows(result: EmulationResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for u in result.units:
        for index, row in enumerate(u.criteria, start=1):
            lines = [source_line(line) for line in (row.computed.lines if row.computed else ())]
            lines += manual_lines(row)
            rows.append(
                [
                    u.name,
                    index,
                    row.criterion.title,
                    row.criterion.max,
                    _f(row.own),
                    float(row.verified),
                    _f(row.difference),
                    how_line(row),
                    "\n".join(lines),
                ]
            )
        own = _f(u.own_total)
        rows.append(
            [u.name, None, "Tổng cộng", result.scheme.total, own, float(u.total), None, "", ""]
        )
    return rows


def render_emulation_xlsx(result: EmulationResult) -> bytes:
    """The workbook: "Tổng hợp" (rankings) and "Bảng chấm điểm" (every unit's table)."""
    scheme = result.scheme
    workbook = Workbook()
    ranking = workbook.active
    ranking.title = "Tổng hợp"
    marked = " (dữ liệu minh họa)" if scheme.illustrative else ""
    subtitle = f"Số liệu tính đến ngày {vn_date(result.as_of)}{marked}"
    title_rows(ranking, f"Bảng tổng hợp kết quả chấm điểm thi đua năm {scheme.year}", subtitle)
    write_table(ranking, RANKING, _ranking_rows(result))
    sheet = workbook.create_sheet("Bảng chấm điểm")
    title_rows(sheet, f"Bảng chấm điểm thi đua năm {scheme.year}: {scheme.title}", subtitle)
    write_table(sheet, SHEET, _sheet_rows(result))
    for ws in workbook.worksheets:
        print_layout(ws)
    stamp = fixed_time(result.as_of)
    props = workbook.properties
    props.creator = "plantrack"
    props.lastModifiedBy = "plantrack"
    props.title = f"Bảng chấm điểm thi đua năm {scheme.year}"
    props.language = "vi-VN"
    props.created = stamp
    props.modified = stamp
    return workbook_bytes(workbook, stamp)
