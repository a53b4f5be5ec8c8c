"""The detail sheets of the Excel appendix: every (task, unit) pair, the indicators, and
where the data came from."""

from __future__ import annotations

from typing import Any

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.labels import STATUS_COLOURS
from plantrack.render.office.tables import (
    BOLD,
    DATE_FORMAT,
    HEADER_ROW,
    Col,
    Filled,
    put,
)
from plantrack.render.xlsx.rollup import sources_table
from plantrack.render.xlsx.sheets import (
    AGGREGATE_LABELS,
    KIND_LABELS,
    ROLE_LABELS,
    SHEETS,
    kind_label,
    new_sheet,
)
from plantrack.render.xlsx.streamed import write_table

# The detail sheet prints its first columns only: the task, the unit, where it stands and
# what it did, at 70 % or more on A4. The columns after them (evidence, difficulties, next
# steps, the task's part and indices, the unit's code) stay on screen for filtering.
DETAIL_PRINTED = 9


def pairs_sheet(wb: Any, vm: Consolidation) -> None:
    """One row per (task, unit) pair with the unit's own words, by task."""
    ws = new_sheet(wb, vm, SHEETS[3], "Chi tiết thực hiện nhiệm vụ theo đơn vị")
    cols = [
        Col("Mã nhiệm vụ", 10),
        Col("Nhiệm vụ", 40, "wrap"),
        Col("Đơn vị", 24, "wrap"),
        Col("Vai trò", 9),
        Col("Hạn", 11, "date"),
        Col("Tình trạng", 16, "wrap"),
        Col("Ngày hoàn thành", 11, "date"),
        Col("Tiến độ", 8, "pct0"),
        Col("Kết quả", 70, "wrap"),
        # wide, so that their lines rarely make a printed row taller than its own text
        Col("Tài liệu kiểm chứng", 90, "wrap"),
        Col("Khó khăn, vướng mắc", 100, "wrap"),
        Col("Nhiệm vụ kỳ tới", 100, "wrap"),
        Col("Phần", 22, "wrap"),
        Col("Phục vụ chỉ số", 14, "wrap"),
        Col("Thời gian", 14),
        Col("Mã đơn vị", 20),
    ]
    sections = {s.id: s.title for s in vm.sections}
    rows = []
    for t in vm.tasks:
        for p in t.pairs:
            rows.append(
                [
                    t.id,
                    t.title,
                    p.unit_name,
                    ROLE_LABELS.get(p.role, p.role),
                    p.deadline,
                    Filled(p.status_label, STATUS_COLOURS[p.status]),
                    p.completed,
                    None if p.progress is None else p.progress / 100,
                    p.results,
                    "\n".join(p.evidence) or None,
                    p.difficulties,
                    p.next_steps,
                    sections.get(t.section, t.section),
                    ", ".join(t.targets) or None,
                    t.time_label,
                    p.unit_id,
                ]
            )
    write_table(ws, cols, rows)


def indicators_sheet(wb: Any, vm: Consolidation) -> None:
    """Indicator totals this period and the previous one, and by unit kind."""
    ws = new_sheet(wb, vm, SHEETS[4], "Số liệu chỉ tiêu")
    order = list(KIND_LABELS)
    kinds = sorted(
        {k for r in vm.indicators for k in r.by_kind},
        key=lambda k: (order.index(k) if k in order else len(order), k),
    )
    previous = f"Kỳ trước ({vm.previous_period})" if vm.previous_period else "Kỳ trước"
    cols = [
        Col("STT", 6, "int"),
        Col("Mã", 18),
        Col("Chỉ tiêu", 40, "wrap"),
        Col("Đơn vị tính", 12),
        Col("Cách tổng hợp", 12),
        Col("Kỳ này", 13, "num"),
        Col(previous, 13, "num"),
        Col("Thay đổi", 12, "num"),
        *(Col(f"Kỳ này - {kind_label(k) or 'Khác'}", 12, "num") for k in kinds),
    ]
    rows = [
        [
            n,
            r.id,
            r.name,
            r.unit,
            AGGREGATE_LABELS.get(r.aggregate, r.aggregate),
            r.total,
            r.previous_total,
            r.change,
            *(r.by_kind.get(k) for k in kinds),
        ]
        for n, r in enumerate(vm.indicators, start=1)
    ]
    write_table(ws, cols, rows)


def provenance_sheet(wb: Any, vm: Consolidation) -> None:
    """Tool, data commit, cut-off, uncommitted files and every input's SHA-256."""
    ws = new_sheet(wb, vm, SHEETS[5], "Nguồn dữ liệu của báo cáo")
    prov = vm.provenance
    facts: list[tuple[str, Any]] = [
        ("Công cụ", f"{prov.tool} {prov.version}"),
        ("Commit dữ liệu", prov.data_commit or "(chưa có commit)"),
        ("Ngày chốt số liệu", prov.as_of),
        ("Kỳ báo cáo", f"{vm.period.id} ({vm.period.title})"),
        ("Số tệp đầu vào", len(prov.files)),
        ("Tệp chưa commit", "\n".join(prov.uncommitted) or "Không có"),
    ]
    for offset, (key, value) in enumerate(facts):
        put(ws, HEADER_ROW + offset, 1, key).font = BOLD
        cell = put(ws, HEADER_ROW + offset, 2, value)
        if key == "Ngày chốt số liệu":
            cell.number_format = DATE_FORMAT
    header = sources_table(ws, vm, HEADER_ROW + len(facts) + 1)
    cols = [Col("Tệp đầu vào", 60), Col("SHA-256", 70), Col("Chưa commit", 12)]
    dirty = set(prov.uncommitted)
    rows = [[f.path, f.sha256, "Có" if f.path in dirty else None] for f in prov.files]
    write_table(ws, cols, rows, header_row=header)
