"""The tables of the Excel appendix, kept as rows and written as sheet XML straight from them
when the workbook is saved (``writer``), rather than as millions of openpyxl cells: a national
consolidation's detail sheet has some 150,000 rows.

A table's header row, the sheet's titles and any cell around the table stay openpyxl cells.
Its data cells get what ``office.tables.write_table`` gives them, to the byte: the same values
and types, the same styles registered in the same order (styles while the table is built,
their ids as the sheet is written), the same row heights.
"""

from __future__ import annotations

import datetime as dt
import math
import weakref
from array import array
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from plantrack.render.office.tables import (
    HEADER_ROW,
    LINE_HEIGHT,
    MAX_CELL_CHARS,
    TEXT_CHARS,
    Col,
    Filled,
    clean_text,
    data_value,
    style_cell,
)
from plantrack.render.office.tables import write_table as write_cells

NUMBERS = (int, float, Decimal)
ROWS_PER_CHUNK = 500  # rows of XML encoded and handed to the zip at once
# Values whose cell style depends on their column and type alone (a float's can depend on
# whether it is whole, a status's on its colour)
PLAIN = (type(None), str, int, dt.date)


class Table:
    """A table's data rows from row ``first``, each cell's style noted as it is built."""

    def __init__(self, ws: Any, cols: Sequence[Col], rows: Sequence[Sequence[Any]], first: int):
        self.cols, self.rows, self.first = tuple(cols), rows, first
        self.last = first + len(rows) - 1
        # the style arrays in the order the cells first use them, and each cell's among them
        self.styles: list[Any] = []
        # (two bytes each: a workbook holds at most 64,000 cell styles, as Excel allows)
        self.codes = array("H")
        self.numeric = [False] * len(self.cols)  # a column holding numbers (printing)
        self._index: dict[Any, int] = {}
        self._dated = False
        self._note_styles(ws)

    def _note_styles(self, ws: Any) -> None:
        """Note every cell's style, a value whose style its column and type tell at once."""
        known: dict[tuple[int, type], int] = {}
        width, append = len(self.cols), self.codes.append
        for values in self.rows:
            if len(values) != width:
                raise ValueError(f"a row of {len(values)} values for {width} columns")
            for column, raw in enumerate(values):
                code = known.get((column, type(raw)))
                if code is None:
                    code = self._note(ws, column, raw)
                    if type(raw) in PLAIN:
                        known[column, type(raw)] = code
                append(code)

    def _note(self, ws: Any, column: int, raw: Any) -> int:
        """The style of a cell holding ``raw``, registered as the cell first styled so would
        have (fonts, fills and number formats are numbered in that order)."""
        value, key = data_value(self.cols[column], raw)
        code = self._index.get(key)
        if code is None or (not self._dated and isinstance(value, dt.date)):
            # a new style, or the first date: a cell given a date registers a date format of
            # its own before its column's format replaces it
            scratch = Cell(ws, row=1, column=1)
            scratch.value = clean_text(value) if isinstance(value, str) else value
            style = style_cell(scratch, key)
            self._dated = self._dated or isinstance(value, dt.date)
            if code is None:
                code = self._index[key] = len(self.styles)
                self.styles.append(style)
        if isinstance(value, int | float):
            self.numeric[column] = True
        return code

    def xml(self, style_ids: Sequence[int], epoch: dt.datetime) -> Iterator[bytes]:
        """The table's ``<row>`` elements as openpyxl writes them, in chunks; ``style_ids``:
        the workbook's id of each of ``styles``."""
        ids = [str(i) for i in style_ids]
        row_of = _RowWriter(self.cols, epoch)
        codes, width, parts = self.codes, len(self.cols), []
        for offset, values in enumerate(self.rows):
            styles = [ids[code] for code in codes[offset * width : (offset + 1) * width]]
            parts.append(row_of(str(self.first + offset), values, styles))
            if len(parts) == ROWS_PER_CHUNK:
                yield _encoded(parts)
                parts = []
        if parts:
            yield _encoded(parts)


def _encoded(parts: list[str]) -> bytes:
    """XML text as openpyxl's writer puts it: ASCII, other characters as references."""
    return "".join(parts).encode("ascii", "xmlcharrefreplace")


def _escaped(text: str) -> str:
    """Character data as libxml2 escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class _RowWriter:
    """A ``<row>`` element of a table: its cells, and the height of its longest text."""

    def __init__(self, cols: Sequence[Col], epoch: dt.datetime):
        self.heads = [f'<c r="{get_column_letter(n)}' for n in range(1, len(cols) + 1)]
        # letters a line of a wrapped column holds (0: not wrapped), as wrapped_lines counts
        self.room = [max(int(c.width * TEXT_CHARS), 1) if c.kind == "wrap" else 0 for c in cols]
        self.epoch = epoch

    def __call__(self, row: str, values: Sequence[Any], styles: list[str]) -> str:
        cells, lines = [], 1
        for head, room, style, raw in zip(self.heads, self.room, styles, values, strict=True):
            head = f'{head}{row}" s="{style}" t='
            if raw is None:
                cells.append(head + '"n"></c>')
                continue
            value = raw.value if isinstance(raw, Filled) else raw
            if isinstance(value, str):
                if room:
                    lines = max(lines, _lines(value, room))
                cells.append(head + _text(value))
            else:
                cells.append(head + self._other(value))
        if lines > 1:
            height = _number(min(LINE_HEIGHT * lines, 409))
            return f'<row r="{row}" ht="{height}" customHeight="1">{"".join(cells)}</row>'
        return f'<row r="{row}">{"".join(cells)}</row>'

    def _other(self, value: Any) -> str:
        """The type and content of a cell holding something else than text."""
        if value is None:
            return '"n"></c>'
        if isinstance(value, bool):
            return f'"b"><v>{int(value)}</v></c>'
        if isinstance(value, NUMBERS):
            return f'"n"><v>{_number(value)}</v></c>'
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return f'"n"><v>{_number(to_excel(value, self.epoch))}</v></c>'
        raise TypeError(f"no Excel cell for {value!r}")


def _lines(text: str, room: int) -> int:
    """``wrapped_lines`` of ``text`` in a column of ``room`` letters a line."""
    if "\n" not in text:
        return max(1, -(-len(text) // room))
    return sum(max(1, -(-len(part) // room)) for part in text.split("\n"))


def _text(value: str) -> str:
    """The type and content of a cell holding ``value``, stored as text (``put``)."""
    # only text that is not all printable can hold a character Excel refuses
    text = value if value.isprintable() and len(value) <= MAX_CELL_CHARS else clean_text(value)
    if not text:
        return '"inlineStr"></c>'
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'"inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>'


def _number(value: Any) -> str:
    """A number as openpyxl writes it (empty when not finite)."""
    return format(float(value), ".16g") if math.isfinite(value) else ""


# The tables of each sheet, in the order they were added.
_TABLES: weakref.WeakKeyDictionary[Any, list[Table]] = weakref.WeakKeyDictionary()


def write_table(
    ws: Any,
    cols: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    *,
    header_row: int = HEADER_ROW,
    freeze: bool = True,
) -> tuple[int, int]:
    """``office.tables.write_table``, the data rows kept to be written with the sheet: the
    header, widths, auto-filter and frozen panes. Returns the first and last data rows."""
    write_cells(ws, cols, [], header_row=header_row, freeze=freeze)
    last = header_row + max(len(rows), 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    if rows:
        _TABLES.setdefault(ws, []).append(Table(ws, cols, rows, header_row + 1))
    return header_row + 1, last


def tables(ws: Any) -> list[Table]:
    """The tables of ``ws`` kept as rows, top to bottom."""
    return sorted(_TABLES.get(ws, ()), key=lambda table: table.first)


def last_row(ws: Any) -> int:
    """The sheet's last row, its tables' rows included."""
    return max([int(ws.max_row), *(table.last for table in tables(ws))])


def numeric(ws: Any, column: int, below: int) -> bool:
    """Whether a cell of ``column`` below row ``below`` holds a number."""
    if any(table.numeric[column - 1] for table in tables(ws) if column <= len(table.cols)):
        return True
    return any(
        isinstance(cell.value, int | float)
        for (row, col), cell in ws._cells.items()
        if col == column and row > below
    )
