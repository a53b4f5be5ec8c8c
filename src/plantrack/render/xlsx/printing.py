"""How each sheet of the appendix prints on A4: its print area, the header row repeated on
every page, landscape, a scale never below 70 %, and each chart on a page of its own (on the
charts' sheet, which has no header row to repeat).

A sheet whose columns would need less than 70 % to fit one page width prints at 70 % across
pages instead, the first columns (the row's name) repeated on each: a clerk reads it without
a magnifier. Widths are Excel's character units; the page holds about ``PAGE_PIXELS``. The
title spans the first page's width, wrapped, so no printer cuts it; the footer names the
sheet and the page.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from plantrack.render.office.tables import HEADER_ROW
from plantrack.render.xlsx.sheets import CHART_ROWS
from plantrack.render.xlsx.streamed import last_row, numeric

MIN_SCALE = 70
# A4 landscape less 0.4" side margins: 297 mm - 2 × 10.2 mm ≈ 277 mm ≈ 1046 px
PAGE_PIXELS = 1046
DEFAULT_WIDTH = 8.43
# Inches: the sides PAGE_PIXELS assumes (any printer prints 10 mm from the edge); a short top
# and bottom leave the rows the room
MARGINS = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25, footer=0.25)
TITLE_POINTS = 19  # a line of the 14-point title
GAP_POINTS = 6  # the blank row between the titles and the table


def column_pixels(ws: Any, last_col: int) -> int:
    """The printed width of columns 1..``last_col`` in pixels (Excel: 7 px a unit + 5)."""
    total = 0
    for index in range(1, last_col + 1):
        width = ws.column_dimensions[get_column_letter(index)].width or DEFAULT_WIDTH
        total += int(7 * width + 5)
    return total


def fit_scale(ws: Any, last_col: int) -> int:
    """The scale (%) at which the columns fit one page width (100 at most)."""
    return min(100, int(100 * PAGE_PIXELS / max(column_pixels(ws, last_col), 1)))


def name_columns(ws: Any, last_col: int) -> int:
    """How many leading columns to repeat on each page: the row's names, the columns before
    the first one holding numbers (a leading row number aside), within a quarter page."""
    room, count = PAGE_PIXELS * 100 // MIN_SCALE // 4, 0
    for index in range(1, last_col + 1):
        if column_pixels(ws, index) > room or (index > 1 and _numeric(ws, index)):
            break
        count = index
    return max(count, 1)


def _bands(ws: Any, last_col: int, last: int) -> list[str]:
    """The print ranges of a sheet too wide for a page at 70 %: the first page width with the
    titles and charts, then the table's further columns from its header row, each a page
    wide beside the repeated name columns (so no title is cut at a page's edge)."""
    room, names = PAGE_PIXELS * 100 // MIN_SCALE, name_columns(ws, last_col)
    first = _first_page(ws, last_col, MIN_SCALE)
    ranges = [f"A1:{get_column_letter(first)}{last}"]
    start = first + 1
    while start <= last_col:
        used, end = column_pixels(ws, names), start
        while end < last_col and used + _span(ws, start, end + 1) <= room:
            end += 1
        left, right = get_column_letter(start), get_column_letter(end)
        ranges.append(f"{left}{HEADER_ROW}:{right}{last_row(ws)}")
        start = end + 1
    return ranges


def _first_page(ws: Any, last_col: int, scale: int) -> int:
    """How many columns the first page holds at ``scale`` % (one at least)."""
    room = PAGE_PIXELS * 100 // scale
    return max(i for i in range(1, last_col + 1) if column_pixels(ws, i) <= room or i == 1)


def _span(ws: Any, first: int, last: int) -> int:
    """The printed width of columns ``first``..``last`` in pixels."""
    return column_pixels(ws, last) - column_pixels(ws, first - 1)


def _numeric(ws: Any, column: int) -> bool:
    """Whether the table's column holds numbers (below its header row)."""
    return numeric(ws, column, HEADER_ROW)


def _title_across(ws: Any, last_col: int, scale: int) -> None:
    """The two title rows span the first page's columns, wrapped, tall enough for their
    lines, instead of running past the page's edge."""
    width = _first_page(ws, last_col, scale)
    for row in (1, 2):
        text = ws.cell(row, 1).value
        if not isinstance(text, str) or width < 2:
            continue
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        per_line = column_pixels(ws, width) // (12 if row == 1 else 7)  # 14-point bold, 11
        lines = -(-len(text) // max(per_line, 1))
        if lines > 1:
            ws.row_dimensions[row].height = lines * (TITLE_POINTS if row == 1 else 15)
    if HEADER_ROW > 3 and all(cell.value is None for cell in ws[3]):
        ws.row_dimensions[3].height = GAP_POINTS


def print_layout(ws: Any, printed: int | None = None) -> None:
    """Print area, repeated header row, scale, page breaks and footer of ``ws`` (set up
    last); ``printed`` columns from the first when not all of them print."""
    last_col = printed or ws.max_column
    charts = sorted(coordinate_from_string(chart.anchor)[1] for chart in ws._charts)
    last = max([last_row(ws), *(row + CHART_ROWS for row in charts)])
    ws.print_area = f"A1:{get_column_letter(max(last_col, 12 if charts else 1))}{last}"
    if fit_scale(ws, last_col) < MIN_SCALE:
        ws.print_area = _bands(ws, last_col, last)
    if last_row(ws) > HEADER_ROW:
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins = MARGINS
    _title_across(ws, last_col, max(fit_scale(ws, last_col), MIN_SCALE))
    if fit_scale(ws, last_col) >= MIN_SCALE:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        # too wide for one page at a readable size: 70 %, pages side by side, names repeated
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        setup.scale = MIN_SCALE
        ws.print_title_cols = f"A:{get_column_letter(name_columns(ws, last_col))}"
    for row in charts:
        if row > HEADER_ROW:  # the first chart under the titles is on the first page
            ws.row_breaks.append(Break(id=row - 2))  # the chart starts a page (row and gap)
    # which sheet a loose page comes from, and where it goes
    ws.oddFooter.center.text = f"{ws.title} - Trang &P/&N"
