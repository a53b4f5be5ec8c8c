"""Read the answer sheets of a returned form into report data, remembering which cell each
value came from, so that every finding — the form's own and those of ``check`` — names its
sheet and cell."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from plantrack.forms import cells
from plantrack.forms.cells import CellProblem
from plantrack.forms.layout import (
    FIRST_ROW,
    FIX_COLUMNS,
    GENERAL_ROWS,
    HEADER_ROW,
    INDICATOR_COLUMNS,
    SHEET_FIXES,
    SHEET_GENERAL,
    SHEET_INDICATORS,
    SHEET_TASKS,
    TASK_COLUMNS,
    Column,
)
from plantrack.io.yamlload import PathKey
from plantrack.render.office.tables import clean_text
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding

_READERS: dict[str, Callable[[Any], Any]] = {
    "state": cells.state,
    "date": cells.date,
    "int": cells.whole,
    "yesno": cells.yes_no,
    "evidence": cells.evidence,
    "number": cells.number,
    "text": cells.text,
    "wrap": cells.text,
    "lines": cells.lines,
}
_TOP_SHEETS = {"tasks": SHEET_TASKS, "indicators": SHEET_INDICATORS, "fixes": SHEET_FIXES}


@dataclass
class Collector:
    """Findings made while reading, and where each report value came from."""

    shown: str
    findings: list[Finding] = field(default_factory=list)
    places: dict[tuple[PathKey, ...], str] = field(default_factory=dict)
    task_cells: dict[str, str] = field(default_factory=dict)  # task id → its state cell
    flagged: set[str] = field(default_factory=set)  # cells that already have a finding

    def add(self, code: str, key: str, **params: Any) -> None:
        """A finding at ``key`` (``Sheet!A1``, a range, or a sheet), once per code and key."""
        if any(f.code == code and f.key == key for f in self.findings):
            return
        self.findings.append(make(code, self.shown, None, None, key, **params))
        self.flagged.add(key)

    def locate(self, path: Iterable[PathKey], task: object = None) -> str:
        """The cell of report key ``path``: the deepest registered prefix, else its sheet."""
        parts = tuple(path)
        if isinstance(task, str) and task in self.task_cells and parts == ("tasks",):
            return self.task_cells[task]
        for end in range(len(parts), 0, -1):
            if parts[:end] in self.places:
                return self.places[parts[:end]]
        top = parts[0] if parts else ""
        return _TOP_SHEETS.get(str(top), SHEET_GENERAL)


def at(sheet: str, cell: Any) -> str:
    """``Nhiệm vụ!E7``."""
    return f"{sheet}!{cell.coordinate}"


def value_of(out: Collector, sheet: str, cell: Any) -> Any:
    """A cell's value; a formula or an error value is a finding and reads as empty."""
    value = cell.value
    if cell.data_type in ("f", "e") or isinstance(value, ArrayFormula | DataTableFormula):
        shown = value.text if isinstance(value, ArrayFormula) else value
        out.add("PT310", at(sheet, cell), value=cells.show(shown))
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def read_value(out: Collector, sheet: str, cell: Any, kind: str, path: tuple[PathKey, ...]) -> Any:
    """A cell read as ``kind`` and registered at ``path``; a problem is a finding and reads
    as empty."""
    out.places[path] = at(sheet, cell)
    raw = value_of(out, sheet, cell)
    try:
        return _READERS[kind](raw)
    except CellProblem as problem:
        out.add(problem.code, at(sheet, cell), **problem.params)
        return None


def layout_checks(out: Collector, ws: Any, sheet: str, answer_cols: list[int], last: int) -> None:
    """Merged cells in the answer area (error), hidden rows and answer columns (warnings)."""
    low, high = min(answer_cols), max(answer_cols)
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= FIRST_ROW and merged.max_col >= low and merged.min_col <= high:
            out.add("PT320", f"{sheet}!{merged.coord}", cells=merged.coord)
    for row in range(FIRST_ROW, last + 1):
        dim = ws.row_dimensions.get(row)
        if dim is not None and dim.hidden:
            out.add("PT321", f"{sheet}!A{row}", what="Dòng", what_en="row", which=str(row))
    for column in answer_cols:
        # hardening: the header cell may be part of a merged range (a MergedCell has no letter)
        letter = get_column_letter(column)
        dim = ws.column_dimensions.get(letter)
        if dim is not None and dim.hidden:
            out.add(
                "PT321",
                f"{sheet}!{letter}{HEADER_ROW}",
                what="Cột",
                what_en="column",
                which=letter,
            )


@dataclass
class Row:
    """A data row of a table sheet: its number, its cells and their raw values, by field."""

    number: int
    cells: dict[str, Any]
    values: dict[str, Any]


def table_rows(
    out: Collector,
    ws: Any,
    sheet: str,
    columns: tuple[Column, ...],
    expected: list[str],
    what: str,
    what_en: str,
) -> dict[str, Row]:
    """The rows of a table sheet by id: unknown, id-less and duplicated rows are findings,
    and so is every expected id without a row (a deleted row)."""
    table = _Table(out, sheet, columns, what, what_en)
    found: dict[str, Row] = {}
    order: list[str] = []
    wanted = set(expected)
    last = ws.max_row
    for number in range(FIRST_ROW, last + 1):
        row = table.read(ws, number)
        row_id = table.row_id(row, wanted, found) if row is not None else None
        if row is not None and row_id is not None:
            found[row_id] = row
            order.append(row_id)
    for index, row_id in enumerate(expected):
        if row_id not in found:
            out.add("PT315", f"{sheet}!A{FIRST_ROW + index}", what=what, what_en=what_en, id=row_id)
    answer_cols = [i for i, c in enumerate(columns, start=1) if c.answer]
    layout_checks(out, ws, sheet, answer_cols, last)
    original = [i for i in expected if i in found]
    if sheet == SHEET_TASKS and order != original:
        moved = next(i for i, j in zip(order, original, strict=True) if i != j)
        out.add("PT318", at(sheet, found[moved].cells[columns[0].field]))
    return found


@dataclass(frozen=True)
class _Table:
    """One table sheet being read: where findings go and what its rows are called."""

    out: Collector
    sheet: str
    columns: tuple[Column, ...]
    what: str
    what_en: str

    def read(self, ws: Any, number: int) -> Row | None:
        """Row ``number``; ``None`` when every cell is blank."""
        row = {c.field: ws.cell(row=number, column=i) for i, c in enumerate(self.columns, 1)}
        values = {f: value_of(self.out, self.sheet, cell) for f, cell in row.items()}
        return None if all(v is None for v in values.values()) else Row(number, row, values)

    def row_id(self, row: Row, wanted: set[str], found: dict[str, Row]) -> str | None:
        """The id of a row to keep; ``None`` (and a finding) for a row without an id but
        with answers, an unknown id or an id seen before."""
        id_field = self.columns[0].field
        row_id = cells.text(row.values[id_field])
        key = at(self.sheet, row.cells[id_field])
        words = {"what": self.what, "what_en": self.what_en}
        if row_id is None:
            if any(row.values[c.field] is not None for c in self.columns if c.answer):
                self.out.add("PT322", key, **words)
            return None
        if row_id not in wanted:
            self.out.add("PT316", key, **words, id=row_id)
            return None
        if row_id in found:
            what, what_en = self.what.capitalize(), self.what_en.capitalize()
            first = found[row_id].number
            self.out.add("PT317", key, what=what, what_en=what_en, id=row_id, first=first)
            return None
        return row_id


def read_tasks(
    out: Collector, ws: Any, expected: list[str], titles: dict[str, str]
) -> list[dict[str, Any]]:
    """Task entries in the form's original order; rows left blank give no entry."""
    rows = table_rows(out, ws, SHEET_TASKS, TASK_COLUMNS, expected, "nhiệm vụ", "task")
    entries: list[dict[str, Any]] = []
    for task_id in expected:
        row = rows.get(task_id)
        if row is None:
            continue
        title_cell = row.cells["title"]
        title = cells.text(value_of(out, SHEET_TASKS, title_cell))
        if task_id in titles and title != cells.text(clean_text(titles[task_id])):
            out.add("PT319", at(SHEET_TASKS, title_cell), id=task_id)
        index = len(entries)
        entry: dict[str, Any] = {"task": task_id}
        answers = [c for c in TASK_COLUMNS if c.answer]
        touched = any(row.values[c.field] is not None for c in answers)
        for column in answers:
            cell = row.cells[column.field]
            path: tuple[PathKey, ...] = ("tasks", index, column.field)
            value = read_value(out, SHEET_TASKS, cell, column.kind, path)
            if value is not None and value != []:
                entry[column.field] = value
        state_cell = at(SHEET_TASKS, row.cells["state"])
        out.task_cells[task_id] = state_cell
        if not touched:
            continue
        out.places[("tasks", index)] = at(SHEET_TASKS, row.cells["task"])
        if "state" not in entry and state_cell not in out.flagged:
            out.add("PT323", state_cell, task=task_id)
        entries.append(entry)
    return entries


def read_indicators(
    out: Collector, ws: Any, expected: list[str], nulls: set[str]
) -> dict[str, float | None]:
    """Indicator values by id; an empty cell is no value (or ``null`` where the report the
    form came from said so)."""
    rows = table_rows(
        out, ws, SHEET_INDICATORS, INDICATOR_COLUMNS, expected, "chỉ tiêu", "indicator"
    )
    values: dict[str, float | None] = {}
    for ind_id in expected:
        row = rows.get(ind_id)
        if row is None:
            continue
        cell = row.cells["value"]
        value = read_value(out, SHEET_INDICATORS, cell, "number", ("indicators", ind_id))
        if value is not None or (ind_id in nulls and at(SHEET_INDICATORS, cell) not in out.flagged):
            values[ind_id] = value
    return values


def read_fixes(out: Collector, ws: Any, expected: list[str]) -> list[dict[str, Any]]:
    """Fix entries in the form's order; a row without any answer gives no entry."""
    rows = table_rows(out, ws, SHEET_FIXES, FIX_COLUMNS, expected, "tồn tại", "finding")
    entries: list[dict[str, Any]] = []
    answers = [c for c in FIX_COLUMNS if c.answer]
    for finding_id in expected:
        row = rows.get(finding_id)
        if row is None or all(row.values[c.field] is None for c in answers):
            continue
        index = len(entries)
        entry: dict[str, Any] = {"finding": finding_id}
        out.places[("fixes", index)] = at(SHEET_FIXES, row.cells["finding"])
        for column in answers:
            path: tuple[PathKey, ...] = ("fixes", index, column.field)
            value = read_value(out, SHEET_FIXES, row.cells[column.field], column.kind, path)
            if value is not None and value != []:
                entry[column.field] = value
        entries.append(entry)
    return entries


def read_general(out: Collector, ws: Any, narrative: bool) -> dict[str, Any]:
    """The general part: dates, numbers, people, narrative and one-per-line lists, found by
    their labels in column A."""
    labels: dict[str, int] = {}
    for number in range(FIRST_ROW, ws.max_row + 1):
        label = cells.text(value_of(out, SHEET_GENERAL, ws.cell(row=number, column=1)))
        if label is not None:
            labels.setdefault(cells.fold(label), number)
    data: dict[str, Any] = {}
    last = FIRST_ROW
    for spec in GENERAL_ROWS:
        if spec.kind == "fixed":
            continue
        found = labels.get(cells.fold(spec.label))
        if found is None:
            out.add("PT315", SHEET_GENERAL, what="mục", what_en="item", id=spec.label)
            continue
        last = max(last, found)
        cell = ws.cell(row=found, column=2)
        value = read_value(out, SHEET_GENERAL, cell, spec.kind, spec.path)
        if value is None or value == []:
            continue
        target = data
        for part in spec.path[:-1]:
            target = target.setdefault(part, {})
        target[spec.path[-1]] = value
    layout_checks(out, ws, SHEET_GENERAL, [2], max(last, ws.max_row))
    for person in ("prepared_by", "approved_by"):
        if person in data:
            out.places.setdefault((person,), out.places[(person, "name")])
    if narrative and "narrative" not in data:
        data["narrative"] = {}
    return data
