"""The roll-up's levels in the consolidated workbook: a sheet of the linked children (their
own consolidation's figures), a sheet of the children's units with the child named on each
row, and each child's repository and pinned commit on the provenance sheet. Nothing is
added when the parent rolls no child up."""

from __future__ import annotations

from typing import Any

from plantrack.domain.rollup_view import ChildView
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.labels import submission_label, unread_label
from plantrack.render.office.tables import BOLD, Col, Filled, put
from plantrack.render.xlsx.sheets import (
    COUNT_COLS,
    SUBMISSION_COLOURS,
    count_values,
    kind_label,
    new_sheet,
)
from plantrack.render.xlsx.streamed import write_table

CHILDREN_SHEET = "Đơn vị cấp dưới"
CHILD_UNITS_SHEET = "Đơn vị thuộc cấp dưới"
DERIVED = "Tính từ dữ liệu của đơn vị"
FILED = "Theo báo cáo đã gửi"  # the child's data could not be read: what it filed stands
# Both sheets print every column but the codes and details (their last), as the units' sheet
# does
CHILDREN_PRINTED = 10 + len(COUNT_COLS)
CHILD_UNITS_PRINTED = 5 + len(COUNT_COLS)
SUBMITTED_FROM = {
    "record": "Bản ghi tổng hợp của đơn vị",
    "history": "Lần cập nhật cuối báo cáo của kỳ (đơn vị chưa ghi bản tổng hợp)",
}


def _counts(counts: Counts | None) -> list[Any]:
    return count_values(counts) if counts is not None else [None] * len(COUNT_COLS)


def children_sheet(wb: Any, vm: Consolidation) -> None:
    """One row per linked child: where its figures come from, its units' submissions and
    its own consolidation's counts and rates."""
    if not vm.children:
        return
    ws = new_sheet(wb, vm, CHILDREN_SHEET, "Kết quả của các đơn vị cấp dưới")
    cols = [
        Col("STT", 6, "int"),
        Col("Đơn vị cấp dưới", 30, "wrap"),
        Col("Số liệu", 18, "wrap"),
        Col("Lý do không đọc được dữ liệu", 28, "wrap"),
        Col("Ngày gửi", 12, "date"),
        Col("Căn cứ ngày gửi", 24, "wrap"),
        Col("Số đơn vị", 9, "int"),
        Col("Đã gửi báo cáo", 10, "int"),
        Col("Gửi muộn", 9, "int"),
        Col("Chưa gửi", 9, "int"),
        *COUNT_COLS,
        # for filtering, lookups and the technicians; not printed (CHILDREN_PRINTED)
        Col("Chi tiết kỹ thuật", 60, "wrap"),
        Col("Mã đơn vị", 16),
    ]
    rows = [_child_row(n, c) for n, c in enumerate(vm.children, start=1)]
    write_table(ws, cols, rows)


def _child_row(number: int, child: ChildView) -> list[Any]:
    s = child.summary
    sent = [s.units_expected, s.reports_sent, s.reports_late, s.reports_missing]
    figures = sent if child.derived else [None] * len(sent)
    source = DERIVED if child.derived else FILED
    sent_from = SUBMITTED_FROM.get(child.submitted_from or "")
    return [
        number,
        child.name,
        source,
        unread_label(child.unread),
        child.submitted,
        sent_from,
        *figures,
        *_counts(child.overall),
        child.unread.detail if child.unread is not None else None,
        child.unit_id,
    ]


def child_units_sheet(wb: Any, vm: Consolidation) -> None:
    """One row per unit of each derived child, the child named on the row."""
    if not vm.children:
        return
    ws = new_sheet(wb, vm, CHILD_UNITS_SHEET, "Tình trạng thực hiện nhiệm vụ của đơn vị cấp dưới")
    cols = [
        Col("STT", 6, "int"),
        Col("Đơn vị cấp dưới", 26, "wrap"),
        Col("Đơn vị", 30, "wrap"),
        Col("Loại đơn vị", 16),
        Col("Gửi báo cáo", 12),
        *COUNT_COLS,
        # for filtering and lookups; not printed (CHILD_UNITS_PRINTED)
        Col("Mã đơn vị cấp dưới", 16),
        Col("Mã đơn vị", 18),
    ]
    rows: list[list[Any]] = []
    for child in vm.children:
        for u in child.units:
            status = u.submission.status
            sub = Filled(submission_label(status), SUBMISSION_COLOURS[status])
            rows.append(
                [
                    len(rows) + 1,
                    child.name,
                    u.name,
                    kind_label(u.kind),
                    sub,
                    *count_values(u.counts),
                    child.unit_id,
                    u.id,
                ]
            )
    write_table(ws, cols, rows)


def sources_table(ws: Any, vm: Consolidation, header: int) -> int:
    """On the provenance sheet from row ``header``: each child's repository and the commit
    its figures were taken from; the row where the next table may start."""
    sources = vm.provenance.children
    if not sources:
        return header
    put(ws, header, 1, "Kho dữ liệu của đơn vị cấp dưới").font = BOLD
    cols = [
        Col("Đơn vị cấp dưới: kho dữ liệu (nhánh)", 60, "wrap"),
        Col("Commit đã ghim", 70),
        Col("Ngày lấy về", 12, "date"),
    ]
    rows = [
        [
            f"{s.unit_id}: {s.url} ({s.branch})",
            s.commit or "Không đọc được: dùng báo cáo đã gửi",
            s.fetched,
        ]
        for s in sources
    ]
    _, last = write_table(ws, cols, rows, header_row=header + 1, freeze=False)
    return last + 2
