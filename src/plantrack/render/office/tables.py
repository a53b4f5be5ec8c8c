"""Tables in a worksheet, for the Excel appendix and the units' Excel forms: typed columns,
header and cell styles, and text that is always stored as text (never a formula), whatever a
report says."""

from __future__ import annotations

import copy
import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
# Column kinds and the number format each one gets. Percentages are stored as fractions
# (98.62 % → 0.9862) so Excel computes with them; integers with a thousands separator.
FORMATS: dict[str, str | None] = {
    "text": None,
    "wrap": None,
    "int": "#,##0",
    "num": "#,##0.00##",
    "pct": "0.00%",
    "pct0": "0%",
    "year": "0",
    "date": DATE_FORMAT,
}
HEADER_ROW = 4
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
LINE_HEIGHT = 15  # points per line of 11-point text
# Letters of 11-point Calibri text a width unit holds (the unit is a digit's width; text
# letters average narrower): rows as tall as their wrapped text, not a line more.
TEXT_CHARS = 1.15

_THIN = Side(style="thin", color="FFBFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WHITE_BOLD = Font(bold=True, color="FFFFFFFF")


@dataclass(frozen=True)
class Col:
    """One column of a table: its header, width (characters) and kind of value."""

    header: str
    width: float = 14
    kind: str = "text"
    colour: str | None = None  # fill the header with this colour (a status column)


@dataclass(frozen=True)
class Filled:
    """A value shown on a coloured background (a status), white bold text."""

    value: Any
    colour: str


def argb(colour: str) -> str:
    """``#2e7d32`` → ``FF2E7D32`` as openpyxl wants it."""
    return "FF" + colour.lstrip("#").upper()


def fill(colour: str) -> PatternFill:
    """A solid fill of ``colour`` (``#rrggbb``)."""
    return PatternFill("solid", fgColor=argb(colour))


def clean_text(value: str) -> str:
    """Text Excel accepts: control characters dropped, cut to the cell limit."""
    text = str(ILLEGAL_CHARACTERS_RE.sub("", value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write ``value`` into a cell; strings always as text, so ``=…``, ``+…``, ``-…`` and
    ``@…`` from a report never become formulas."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def frac(rate: float | None) -> float | None:
    """A percentage from the view-model (``98.62``) as the fraction Excel formats (``0.9862``)."""
    return None if rate is None else round(rate / 100, 6)


def title_rows(ws: Any, title: str, subtitle: str) -> None:
    """Row 1: the plan and period; row 2: what the sheet shows and the cut-off."""
    put(ws, 1, 1, title).font = TITLE_FONT
    put(ws, 2, 1, subtitle).font = Font(italic=True)


def write_table(
    ws: Any,
    cols: Sequence[Col],
    rows: Sequence[Sequence[Any]],
    *,
    header_row: int = HEADER_ROW,
    freeze: bool = True,
) -> tuple[int, int]:
    """Write a header and ``rows`` from ``header_row``; set widths, formats, an auto-filter
    and (by default) frozen panes below the header. Returns the first and last data rows."""
    for index, col in enumerate(cols, start=1):
        cell = put(ws, header_row, index, col.header)
        cell.font = WHITE_BOLD if col.colour else BOLD
        cell.fill = fill(col.colour) if col.colour else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = col.width
    for offset, values in enumerate(rows, start=1):
        for index, (col, value) in enumerate(zip(cols, values, strict=True), start=1):
            _data_cell(ws, header_row + offset, index, col, value)
        lines = max((wrapped_lines(c, v) for c, v in zip(cols, values, strict=True)), default=1)
        if lines > 1:
            ws.row_dimensions[header_row + offset].height = min(LINE_HEIGHT * lines, 409)
    last = header_row + max(len(rows), 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    if freeze:
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.row_dimensions[header_row].height = LINE_HEIGHT * max(3, *map(_header_lines, cols))
    return header_row + 1, last


def _header_lines(col: Col) -> int:
    """The lines a bold header takes in its column, wrapped at spaces (a bold letter is
    about 1.1 of a width unit)."""
    room, lines, used = max(int(col.width / 1.1), 1), 1, 0
    for word in col.header.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
    return lines


def wrapped_lines(col: Col, value: Any) -> int:
    """How many lines wrapped text needs in its column: LibreOffice keeps the default row
    height of an imported sheet, so the height is written rather than left to the reader."""
    if isinstance(value, Filled):
        value = value.value
    if not isinstance(value, str) or col.kind != "wrap":
        return 1
    per_line = max(int(col.width * TEXT_CHARS), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


# The style of a data cell by (number format, wrapped, colour), per workbook: openpyxl hashes
# every style object it is given, which dominated writing large tables; a cell copies the
# style array of the first cell styled alike (the same style ids: the same file).
StyleKey = tuple[str | None, bool, str | None]
_STYLES: weakref.WeakKeyDictionary[Any, dict[StyleKey, Any]] = weakref.WeakKeyDictionary()


def data_value(col: Col, value: Any) -> tuple[Any, StyleKey]:
    """The value a data cell of ``col`` holds for ``value`` (a status's label, a date for a
    datetime) and the key of its style: number format, wrapped, fill colour."""
    colour = None
    if isinstance(value, Filled):
        colour, value = value.colour, value.value
    if isinstance(value, dt.datetime):
        value = value.date()
    number_format = DATE_FORMAT if isinstance(value, dt.date) else FORMATS.get(col.kind)
    if col.kind == "num" and isinstance(value, float) and value.is_integer():
        number_format = FORMATS["int"]  # 7334.0 shows as 7,334, not 7,334.00
    return value, (number_format if value is not None else None, col.kind == "wrap", colour)


def _data_cell(ws: Any, row: int, column: int, col: Col, value: Any) -> None:
    value, key = data_value(col, value)
    style_cell(put(ws, row, column, value), key)


def style_cell(cell: Any, key: StyleKey) -> Any:
    """Style a data cell by ``key`` (``data_value``); its style array, the same object for
    every cell of the workbook styled alike."""
    styles = _STYLES.setdefault(cell.parent.parent, {})
    known = styles.get(key)
    if known is not None:
        cell._style = copy.copy(known)
        return known
    cell.border = BORDER
    if key[0]:
        cell.number_format = key[0]
    cell.alignment = Alignment(vertical="top", wrap_text=key[1])
    if key[2]:
        cell.fill = fill(key[2])
        cell.font = WHITE_BOLD
    styles[key] = copy.copy(cell._style)
    return styles[key]


def setup_page(ws: Any) -> None:
    """A4 landscape, fitted to the page width: the appendix gets printed."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
