"""The inspection sheet of the consolidated workbook: every finding known at the cut-off with
its unit, deadline, fix and status (coloured as task statuses are), then the totals."""

from __future__ import annotations

from typing import Any

from plantrack.domain.findings_status import FINDING_STATUSES
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.labels import FINDING_COLOURS, FINDING_LABELS, finding_label
from plantrack.render.office.tables import BOLD, Col, Filled, put
from plantrack.render.xlsx.sheets import new_sheet
from plantrack.render.xlsx.streamed import write_table

SHEET = "Kiểm tra, khắc phục"

COLUMNS = (
    Col("Mã tồn tại", 12),
    Col("Cuộc kiểm tra", 12),
    Col("Đơn vị có tồn tại", 22, "wrap"),
    Col("Đơn vị chịu trách nhiệm", 22, "wrap"),
    Col("Nhóm", 16, "wrap"),
    Col("Nội dung", 50, "wrap"),
    Col("Ngày phát hiện", 11, "date"),
    Col("Thời hạn khắc phục", 11, "date"),
    Col("Thời hạn đang áp dụng", 11, "date"),
    Col("Ngày khắc phục", 11, "date"),
    Col("Tình trạng", 16, "wrap"),
    Col("Quá hạn (ngày)", 8, "int"),
)


def oversight_sheet(wb: Any, vm: Consolidation) -> None:
    """The sheet, when the repository records inspections."""
    view = vm.oversight
    if view is None or not view.findings:
        return
    ws = new_sheet(wb, vm, SHEET, "Kết quả khắc phục tồn tại, hạn chế sau kiểm tra")
    rows = [
        [
            f.id,
            f.inspection,
            f.unit,
            f.responsible,
            f.category,
            f.text,
            f.found_on,
            f.fix_by,
            f.deadline,
            f.fixed_on,
            Filled(finding_label(f.status), FINDING_COLOURS[f.status]),
            f.days_overdue,
        ]
        for f in view.findings
    ]
    _, last = write_table(ws, COLUMNS, rows)
    row = last + 2
    put(ws, row, 1, "Tổng hợp").font = BOLD
    for status in FINDING_STATUSES:
        row += 1
        put(ws, row, 1, FINDING_LABELS[status][0])
        put(ws, row, 3, view.counts.by_status[status])
    for label, value in (
        ("Tổng số tồn tại", view.counts.total),
        ("Đã khắc phục", view.counts.fixed),
        ("Quá hạn chưa khắc phục", view.counts.overdue),
    ):
        row += 1
        put(ws, row, 1, label).font = BOLD
        put(ws, row, 3, value)
    rate = view.counts.fix_rate
    row += 1
    put(ws, row, 1, "Tỷ lệ khắc phục (đã khắc phục ÷ đến hạn)").font = BOLD
    put(ws, row, 3, None if rate is None else rate / 100).number_format = "0.00%"
