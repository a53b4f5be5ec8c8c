"""The sheets of the Excel appendix, one per appendix table of the consolidated report:
shared vocabulary, the summary, submissions and units (details in ``detail``)."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from plantrack.domain.indices import IndexRow
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Consolidation
from plantrack.models.vocabulary import DEFAULT_UNIT_KINDS
from plantrack.render.labels import STATUS_COLOURS, STATUS_LABELS, submission_label
from plantrack.render.marks import ILLUSTRATIVE
from plantrack.render.office.tables import (
    HEADER_ROW,
    Col,
    Filled,
    frac,
    setup_page,
    title_rows,
)
from plantrack.render.xlsx.charts import index_chart, status_chart, unit_charts
from plantrack.render.xlsx.streamed import write_table

SHEETS = (
    "Tổng hợp",
    "Gửi báo cáo",
    "Nhiệm vụ theo đơn vị",
    "Chi tiết nhiệm vụ",
    "Chỉ tiêu",
    "Nguồn dữ liệu",
)
STATUSES = tuple(STATUS_LABELS)
CHART_ROWS = 30  # rows between charts stacked on the charts' sheet (a 13 cm chart ~25 rows)
# The charts print on a sheet of their own, one a page: a sheet's header row, repeated on
# each page of its table, would print above a chart on the table's sheet.
CHARTS_SHEET = "Biểu đồ"
CHART_COLUMNS, CHART_COLUMN_WIDTH = 12, 12  # the page's width (printing.PAGE_PIXELS), about
KIND_LABELS = {k.id: k.name[:1].upper() + k.name[1:] for k in DEFAULT_UNIT_KINDS.values()}
ROLE_LABELS = {"lead": "Chủ trì", "support": "Phối hợp"}
AGGREGATE_LABELS = {"sum": "Tổng", "mean": "Trung bình", "ratio": "Tỷ lệ"}
# Submission colours: green on time, orange late, red missing, blue not yet due (the
# task-status palette).
SUBMISSION_COLOURS = {
    "on-time": STATUS_COLOURS["done-on-time"],
    "late": STATUS_COLOURS["done-late"],
    "missing": STATUS_COLOURS["open-overdue"],
    "pending": STATUS_COLOURS["open-on-time"],
}
# Widths: a unit's table (STT, unit, kind and these) fits an A4 page width at 70 %.
STATUS_COLS = tuple(Col(STATUS_LABELS[s][0], 10, "int", STATUS_COLOURS[s]) for s in STATUSES)
COUNT_COLS = (
    *STATUS_COLS,
    Col("Tổng số lượt", 9, "int"),
    Col("Đến hạn", 9, "int"),
    Col("Đã hoàn thành", 10, "int"),
    Col("Quá hạn chưa hoàn thành", 11, "int"),
    Col("Tỷ lệ hoàn thành", 11, "pct"),
    Col("Tỷ lệ quá hạn", 11, "pct"),
)


def vn_date(value: Any) -> str:
    """``dd/mm/yyyy`` for titles (cells hold real dates)."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def kind_label(kind: str) -> str:
    """Vietnamese name of a unit kind."""
    return KIND_LABELS.get(kind, kind)


def count_values(counts: Counts) -> list[Any]:
    return [
        *(counts.by_status.get(s, 0) for s in STATUSES),
        counts.total,
        counts.due,
        counts.completed,
        counts.overdue,
        frac(counts.completion_rate),
        frac(counts.overdue_rate),
    ]


def new_sheet(wb: Any, vm: Consolidation, name: str, heading: str) -> Any:
    """A sheet with the title rows (plan and period; heading and cut-off), set up to print."""
    ws = wb.create_sheet(name)
    plan = vm.plan
    number = f" (số {plan.number})" if plan.number else ""
    title = f"{plan.title}{number} — {vm.period.title}"
    title_rows(ws, title, f"{heading}. Ngày chốt số liệu: {vn_date(vm.as_of)}.")
    setup_page(ws)
    if plan.illustrative:
        # printed at the top of every page, as on every page of the Word report
        ws.oddHeader.right.text = "&B" + ILLUSTRATIVE
        ws.evenHeader.right.text = "&B" + ILLUSTRATIVE
        ws.firstHeader.right.text = "&B" + ILLUSTRATIVE
    return ws


def add_chart(wb: Any, vm: Consolidation, chart: Any) -> None:
    """Put ``chart`` on the next page of the charts' sheet (made, after the sheet being
    built, on first use); its data stay on the sheet they come from."""
    if CHARTS_SHEET in wb.sheetnames:
        ws = wb[CHARTS_SHEET]
    else:
        ws = new_sheet(wb, vm, CHARTS_SHEET, "Biểu đồ kết quả thực hiện nhiệm vụ")
        for index in range(1, CHART_COLUMNS + 1):
            ws.column_dimensions[get_column_letter(index)].width = CHART_COLUMN_WIDTH
    ws.add_chart(chart, f"A{HEADER_ROW + CHART_ROWS * len(ws._charts)}")


SUMMARY_COLS = (
    Col("Phạm vi", 18),
    Col("Mã", 12),
    Col("Tên", 70, "wrap"),
    *COUNT_COLS,
    Col("Tỷ lệ hoàn thành đúng hạn", 12, "pct"),
    Col("Số nhiệm vụ", 10, "int"),
    Col("Năm gốc", 9, "year"),
    Col("Điểm gốc", 11, "num"),
    Col("Năm mới nhất", 9, "year"),
    Col("Điểm mới nhất", 11, "num"),
    Col("Thay đổi", 10, "num"),
)
BASELINE_COL = len(SUMMARY_COLS) - 3  # "Điểm gốc"; "Điểm mới nhất" two columns right
NO_SCORES: list[Any] = [None] * 5


def _counted(scope: str, code: str, name: str, counts: Counts, tasks: int) -> list[Any]:
    return [scope, code, name, *count_values(counts), frac(counts.on_time_rate), tasks]


def _index_rows(idx: IndexRow) -> list[list[Any]]:
    """The index's own row (totals), then a row per component with counts and scores."""
    base, latest = idx.baseline, idx.latest
    base_year = base.year if base else None
    latest_year = latest.year if latest else None
    rows: list[list[Any]] = [
        [
            "Chỉ số",
            idx.id,
            idx.name,
            *[None] * (len(COUNT_COLS) + 2),
            base_year,
            base.total if base else None,
            latest_year,
            latest.total if latest else None,
            idx.change,
        ]
    ]
    for c in idx.components:
        rows.append(
            [
                *_counted("Thành phần chỉ số", c.ref, c.name, c.counts, len(c.task_ids)),
                base_year if c.baseline is not None else None,
                c.baseline,
                latest_year if c.latest is not None else None,
                c.latest,
                c.change,
            ]
        )
    return rows


def summary_sheet(wb: Any, vm: Consolidation) -> None:
    """Overall, per-section and per-index-component counts and rates, with index scores,
    a chart of the status distribution and one of each scored index's components."""
    ws = new_sheet(wb, vm, SHEETS[0], "Tổng hợp kết quả thực hiện nhiệm vụ")
    rows = [_counted("Toàn kế hoạch", "", "Tất cả nhiệm vụ", vm.overall, len(vm.tasks))]
    rows += [_counted("Phần", s.id, s.title, s.counts, len(s.tasks)) for s in vm.sections]
    rows = [row + NO_SCORES for row in rows]
    spans: list[tuple[IndexRow, int, int]] = []
    for idx in vm.indices:
        block = _index_rows(idx)
        first = HEADER_ROW + len(rows) + 2  # the first component row, below the index row
        rows += block
        if any(c.baseline is not None or c.latest is not None for c in idx.components):
            spans.append((idx, first, HEADER_ROW + len(rows)))
    write_table(ws, SUMMARY_COLS, rows)
    add_chart(wb, vm, status_chart(ws, HEADER_ROW, HEADER_ROW + 1, 4))
    for idx, first, last in spans:
        add_chart(wb, vm, index_chart(ws, idx, first, last, code_col=2, base_col=BASELINE_COL))


def submission_sheet(wb: Any, vm: Consolidation) -> None:
    """Who sent the report on time, late, or not at all."""
    heading = f"Tình hình gửi báo cáo (hạn gửi {vn_date(vm.period.due)})"
    ws = new_sheet(wb, vm, SHEETS[1], heading)
    cols = [
        Col("STT", 6, "int"),
        Col("Mã đơn vị", 16),
        Col("Đơn vị", 26, "wrap"),
        Col("Loại đơn vị", 13, "wrap"),
        Col("Tình trạng", 12),
        Col("Ngày gửi (trên báo cáo)", 11, "date"),
        Col("Ngày commit", 11, "date"),
        Col("Ngày tính hạn", 11, "date"),
        Col("Số ngày trễ", 9, "int"),
        Col("Số báo cáo", 14),
        Col("Ghi chú", 24, "wrap"),
        Col("Đầu mối liên hệ", 38, "wrap"),
    ]
    rows = []
    for number, u in enumerate(vm.units, start=1):
        sub = u.submission
        note = (
            f"Ngày trên báo cáo và ngày commit lệch {sub.disagreement_days} ngày"
            if sub.dates_disagree
            else None
        )
        rows.append(
            [
                number,
                u.id,
                u.name,
                kind_label(u.kind),
                Filled(submission_label(sub.status), SUBMISSION_COLOURS[sub.status]),
                sub.submitted,
                sub.committed,
                sub.effective,
                sub.days_late if sub.status == "late" else None,
                sub.number,
                note,
                "\n".join(u.contacts) or None,
            ]
        )
    write_table(ws, cols, rows)


# The units' sheet prints every column but the units' codes (its last).
UNITS_PRINTED = 3 + len(COUNT_COLS)


def units_sheet(wb: Any, vm: Consolidation) -> None:
    """Status counts and rates per unit, with a chart of completion rates."""
    ws = new_sheet(wb, vm, SHEETS[2], "Tình trạng thực hiện nhiệm vụ theo đơn vị")
    cols = [
        Col("STT", 6, "int"),
        Col("Đơn vị", 48, "wrap"),
        Col("Loại đơn vị", 16, "wrap"),
        *COUNT_COLS,
        Col("Mã đơn vị", 20),  # for filtering and lookups; not printed (UNITS_PRINTED)
    ]
    rows = [
        [n, u.name, kind_label(u.kind), *count_values(u.counts), u.id]
        for n, u in enumerate(vm.units, start=1)
    ]
    first, last = write_table(ws, cols, rows)
    if vm.units:
        rate_col = UNITS_PRINTED - 1  # "Tỷ lệ hoàn thành"
        for chart in unit_charts(ws, first, last, name_col=2, rate_col=rate_col):
            add_chart(wb, vm, chart)
