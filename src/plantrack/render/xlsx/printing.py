"""How each sheet of the appendix prints on A4: its print area, the header row repeated on
every page, landscape, a scale never below 70 %, and each chart on a page of its own.

A sheet whose columns would need less than 70 % to fit one page width prints at 70 % across
pages instead, the first columns (the row's name) repeated on each: a clerk reads it without
a magnifier. Widths are Excel's character units; the page holds about ``PAGE_PIXELS``.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.pagebreak import Break

from plantrack.render.office.tables import HEADER_ROW
from plantrack.render.xlsx.sheets import CHART_ROWS

MIN_SCALE = 70
# A4 landscape less the default 0.7" side margins: 297 mm - 2 × 17.8 mm ≈ 261 mm ≈ 987 px
PAGE_PIXELS = 987
DEFAULT_WIDTH = 8.43


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
    """How many leading columns to repeat on each page: those that fit in a quarter page."""
    room, used, count = PAGE_PIXELS * 100 // MIN_SCALE // 4, 0, 0
    for index in range(1, last_col + 1):
        used += column_pixels(ws, index) - column_pixels(ws, index - 1)
        if used > room:
            break
        count = index
    return max(count, 1)


def print_layout(ws: Any) -> None:
    """Print area, repeated header row, scale and page breaks of ``ws`` (set up last)."""
    last_col = ws.max_column
    charts = sorted(coordinate_from_string(chart.anchor)[1] for chart in ws._charts)
    last_row = max([ws.max_row, *(row + CHART_ROWS for row in charts)])
    ws.print_area = f"A1:{get_column_letter(max(last_col, 12 if charts else 1))}{last_row}"
    if ws.max_row > HEADER_ROW:
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = ws.PAPERSIZE_A4
    if fit_scale(ws, last_col) >= MIN_SCALE:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        # too wide for one page at a readable size: 70 %, pages side by side, names repeated
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        setup.scale = MIN_SCALE
        ws.print_title_cols = f"A:{get_column_letter(name_columns(ws, last_col))}"
    for row in charts:
        ws.row_breaks.append(Break(id=row - 2))  # the chart starts a page (its row and the gap)
