"""The form's table sheets as openpyxl writes them: tasks, indicators, the general part and
the hidden metadata. Locked columns identify each row; answer cells are unlocked, yellow and
validated (state and yes/no as dropdowns, dates as dates, progress 0–100, values ≥ 0)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from plantrack.forms.cells import format_evidence
from plantrack.forms.content import FormContent, IndicatorRow, TaskRow
from plantrack.forms.fixes import FixRow
from plantrack.forms.layout import (
    FIRST_ROW,
    FIX_COLUMNS,
    GENERAL_COLUMNS,
    GENERAL_ROWS,
    HEADER_ROW,
    INDICATOR_COLUMNS,
    META_KEYS,
    NO,
    SHEET_FIXES,
    SHEET_GENERAL,
    SHEET_INDICATORS,
    SHEET_META,
    SHEET_TASKS,
    STATE_LABELS,
    TASK_COLUMNS,
    YES,
    Column,
    GeneralRow,
    column_index,
    period_cell,
    sheet_title,
    unit_cell,
)
from plantrack.models.report import Report
from plantrack.render.office.tables import (
    DATE_FORMAT,
    Col,
    put,
    setup_page,
    title_rows,
    write_table,
)

ANSWER_FILL = PatternFill("solid", fgColor="FFFFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="FFF2F2F2")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_TABLE_KINDS = {"date": "date", "int": "int", "number": "num", "wrap": "wrap", "evidence": "wrap"}


def serial(day: dt.date) -> str:
    """A date as Excel's day number, for validation bounds."""
    return str((day - _EXCEL_EPOCH).days)


def _table(
    ws: Any, columns: Sequence[Column], rows: list[list[Any]], subtitle: str, title: str
) -> tuple[int, int]:
    title_rows(ws, title, subtitle)
    cols = [Col(c.header, c.width, _TABLE_KINDS.get(c.kind, "text")) for c in columns]
    first, last = write_table(ws, cols, rows, header_row=HEADER_ROW)
    ws.auto_filter.ref = None  # sorting would scramble the rows the import matches by id
    ws.row_dimensions[HEADER_ROW].height = 60
    last = first + len(rows) - 1
    for index, column in enumerate(columns, start=1):
        for row in range(first, last + 1):
            cell = ws.cell(row=row, column=index)
            if column.answer:
                cell.protection = Protection(locked=False)
                cell.fill = ANSWER_FILL
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if column.kind == "date":
                    cell.number_format = DATE_FORMAT
                elif column.kind == "int":
                    cell.number_format = "0"
            else:
                cell.fill = LOCKED_FILL
    protect(ws)
    setup_page(ws)
    return first, last


def sheet_rows(content: FormContent) -> list[tuple[str, tuple[Column, ...], list[list[Any]]]]:
    """Every table sheet's rows as the form writes them: sheet, columns, cell values."""
    general = [[row.label, _general_value(content, row)] for row in GENERAL_ROWS]
    return [
        (SHEET_TASKS, TASK_COLUMNS, [_task_values(row) for row in content.tasks]),
        (SHEET_INDICATORS, INDICATOR_COLUMNS, [_indicator_values(r) for r in content.indicators]),
        (SHEET_FIXES, FIX_COLUMNS, [_fix_values(row) for row in content.fixes]),
        (SHEET_GENERAL, GENERAL_COLUMNS, general),
    ]


def protect(ws: Any) -> None:
    """Protected without a password: a guard against slips, not against the determined."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _validation(ws: Any, ref: str, kind: str, **options: Any) -> None:
    dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, **options)
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(ref)


def _list_formula(labels: Sequence[str]) -> str:
    return '"' + ",".join(labels) + '"'


def _task_values(row: TaskRow) -> list[Any]:
    e = row.entry
    if e is None:
        return [row.task, row.title, row.deadline, row.role, *([None] * 8)]
    carried = None if e.carried_out is None else (YES if e.carried_out else NO)
    return [
        row.task,
        row.title,
        row.deadline,
        row.role,
        STATE_LABELS[e.state],
        e.completed,
        e.progress,
        carried,
        e.results,
        format_evidence(e.evidence) or None,
        e.difficulties,
        e.next_steps,
    ]


def tasks_sheet(wb: Any, content: FormContent) -> None:
    ws = wb.create_sheet(SHEET_TASKS)
    title = sheet_title(SHEET_TASKS, content.unit.name, content.period.title)
    subtitle = (
        f"Chỉ điền các ô màu vàng. Ngày chốt số liệu: {content.period.cutoff:%d/%m/%Y}. "
        "Không xóa, chèn hay đổi thứ tự dòng."
    )
    rows = [_task_values(row) for row in content.tasks]
    first, last = _table(ws, TASK_COLUMNS, rows, subtitle, title)
    ws.freeze_panes = f"C{FIRST_ROW}"

    def ref(field: str) -> str:
        letter = ws.cell(row=1, column=column_index(TASK_COLUMNS, field)).column_letter
        return f"{letter}{first}:{letter}{last}"

    cutoff = content.period.cutoff
    _validation(
        ws,
        ref("state"),
        "list",
        formula1=_list_formula(list(STATE_LABELS.values())),
        promptTitle="Tình trạng",
        prompt="Chọn trong danh sách.",
        errorTitle="Tình trạng",
        error="Chọn một giá trị trong danh sách: " + ", ".join(STATE_LABELS.values()) + ".",
    )
    _validation(
        ws,
        ref("completed"),
        "date",
        operator="between",
        formula1=serial(dt.date(2000, 1, 1)),
        formula2=serial(cutoff),
        promptTitle="Ngày hoàn thành",
        prompt="Nhập ngày dạng dd/mm/yyyy.",
        errorTitle="Ngày hoàn thành",
        error=f"Nhập một ngày dd/mm/yyyy, không sau ngày chốt số liệu {cutoff:%d/%m/%Y}.",
    )
    _validation(
        ws,
        ref("progress"),
        "whole",
        operator="between",
        formula1="0",
        formula2="100",
        promptTitle="Tiến độ",
        prompt="Số nguyên từ 0 đến 100.",
        errorTitle="Tiến độ",
        error="Tiến độ là số nguyên từ 0 đến 100.",
    )
    _validation(
        ws,
        ref("carried_out"),
        "list",
        formula1=_list_formula([YES, NO]),
        promptTitle="Nhiệm vụ thường xuyên",
        prompt=f"Chọn '{YES}' hoặc '{NO}'.",
        errorTitle="Có triển khai trong kỳ",
        error=f"Chọn '{YES}' hoặc '{NO}'.",
    )


def _indicator_values(row: IndicatorRow) -> list[Any]:
    value: float | int | None = row.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return [row.id, row.name, row.unit, value]


def indicators_sheet(wb: Any, content: FormContent) -> None:
    ws = wb.create_sheet(SHEET_INDICATORS)
    title = sheet_title(SHEET_INDICATORS, content.unit.name, content.period.title)
    subtitle = "Ghi số liệu của kỳ vào ô màu vàng; bỏ trống nếu không có số liệu."
    rows = [_indicator_values(row) for row in content.indicators]
    first, last = _table(ws, INDICATOR_COLUMNS, rows, subtitle, title)
    if content.indicators:
        letter = ws.cell(row=1, column=column_index(INDICATOR_COLUMNS, "value")).column_letter
        _validation(
            ws,
            f"{letter}{first}:{letter}{last}",
            "decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            promptTitle="Số liệu",
            prompt="Một số không âm.",
            errorTitle="Số liệu",
            error="Nhập một số không âm.",
        )


def _fix_values(row: FixRow) -> list[Any]:
    e = row.entry
    if e is None:
        return [row.finding, row.text, row.fix_by, None, None, None]
    return [
        row.finding,
        row.text,
        row.fix_by,
        e.date,
        e.results,
        format_evidence(e.evidence) or None,
    ]


def fixes_sheet(wb: Any, content: FormContent) -> None:
    """One row per finding the unit has to fix (or already reported fixed this period)."""
    ws = wb.create_sheet(SHEET_FIXES)
    title = sheet_title(SHEET_FIXES, content.unit.name, content.period.title)
    subtitle = (
        "Ghi ngày khắc phục xong, nội dung và văn bản chứng minh vào ô màu vàng; bỏ trống "
        "dòng chưa khắc phục."
        if content.fixes
        else "Đơn vị không có tồn tại phải khắc phục."
    )
    rows = [_fix_values(row) for row in content.fixes]
    first, last = _table(ws, FIX_COLUMNS, rows, subtitle, title)
    if content.fixes:
        letter = ws.cell(row=1, column=column_index(FIX_COLUMNS, "date")).column_letter
        cutoff = content.period.cutoff
        _validation(
            ws,
            f"{letter}{first}:{letter}{last}",
            "date",
            operator="between",
            formula1=serial(dt.date(2000, 1, 1)),
            formula2=serial(cutoff),
            promptTitle="Ngày khắc phục",
            prompt="Nhập ngày dạng dd/mm/yyyy.",
            errorTitle="Ngày khắc phục",
            error=f"Nhập một ngày dd/mm/yyyy, không sau ngày chốt số liệu {cutoff:%d/%m/%Y}.",
        )


def _general_value(content: FormContent, row: GeneralRow) -> Any:
    if row.path == ("unit",):
        return unit_cell(content.unit.name, content.unit.id)
    if row.path == ("period",):
        return period_cell(content.period.title, content.period.id)
    report: Report | None = content.report
    value: Any = report
    for part in row.path:
        value = getattr(value, part, None) if value is not None else None
    if row.kind == "lines":
        return "\n".join(value) or None
    return value


def general_sheet(wb: Any, content: FormContent) -> None:
    ws = wb.create_sheet(SHEET_GENERAL)
    rows = [[row.label, _general_value(content, row)] for row in GENERAL_ROWS]
    title = sheet_title(SHEET_GENERAL, content.unit.name, content.period.title)
    subtitle = "Ghi vào ô màu vàng; các mục nhiều ý ghi mỗi ý một dòng (Alt+Enter)."
    first, _ = _table(ws, GENERAL_COLUMNS, rows, subtitle, title)
    for offset, row in enumerate(GENERAL_ROWS):
        cell = ws.cell(row=first + offset, column=2)
        if row.kind == "fixed":
            cell.protection = Protection(locked=True)
            cell.fill = LOCKED_FILL
        elif row.kind == "date":
            cell.number_format = DATE_FORMAT
            _validation(
                ws,
                cell.coordinate,
                "date",
                operator="between",
                formula1=serial(dt.date(2000, 1, 1)),
                formula2=serial(dt.date(2199, 12, 31)),
                errorTitle="Ngày",
                error="Nhập một ngày dạng dd/mm/yyyy.",
            )


def meta_sheet(wb: Any, meta: dict[str, str]) -> None:
    ws = wb.create_sheet(SHEET_META)
    for row, key in enumerate(META_KEYS, start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, meta.get(key, ""))
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
