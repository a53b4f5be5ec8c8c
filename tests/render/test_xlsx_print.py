"""The workbook prints on A4 readable without a magnifier: print areas, the header row on
every page, landscape, a scale of 70 % or more, each chart on a page of its own; and, in
LibreOffice, the printed text is as large as that scale promises."""

from __future__ import annotations

import io
import re
import shutil
import statistics
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string

from plantrack import api
from plantrack.render.xlsx.printing import MIN_SCALE, fit_scale
from plantrack.render.xlsx.workbook import render_xlsx
from tests.render.pdfpages import FOOTER, Page, has_font, office_pdf, pdf_pages

EMBEDDED = Path(__file__).resolve().parents[2]


@cache
def workbook_bytes() -> bytes:
    prepared = api.prepare_consolidation(EMBEDDED, "2024-Y")
    assert prepared.vm is not None
    return render_xlsx(prepared.vm)


def sheets() -> list[Any]:
    return list(openpyxl.load_workbook(io.BytesIO(workbook_bytes())).worksheets)


def charts_sheet() -> Any:
    return next(ws for ws in sheets() if ws.title == "Biểu đồ")


def test_every_sheet_prints_landscape_a4_with_its_header_row() -> None:
    for ws in sheets():
        assert ws.print_area, ws.title
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        if ws.max_row > 4:
            assert ws.print_title_rows == "$4:$4", ws.title


def _printed_columns(ws: Any) -> int:
    """The last column of the sheet's (first) print range."""
    ranges = re.findall(r"\$([A-Z]+)\$\d+:\$([A-Z]+)\$\d+", ws.print_area)
    return column_index_from_string(ranges[0][1])


def test_no_sheet_prints_below_seventy_percent() -> None:
    for ws in sheets():
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert fit_scale(ws, _printed_columns(ws)) >= MIN_SCALE, ws.title
            assert ws.page_setup.fitToWidth == 1
        else:
            assert int(ws.page_setup.scale) == MIN_SCALE, ws.title
            assert ws.print_title_cols, ws.title  # the row's name on every page across


def test_each_chart_starts_a_page() -> None:
    charted = 0
    for ws in sheets():
        breaks = {b.id for b in ws.row_breaks.brk}
        for chart in ws._charts:
            row = chart.anchor._from.row + 1  # read back: a one-cell anchor, 0-based
            # the first under the titles, the others each after a page break
            assert row == 4 or row - 2 in breaks, (ws.title, chart.anchor)
            charted += 1
        if ws._charts:  # charts print on a sheet with no header row to repeat above them
            assert ws.title == "Biểu đồ" and ws.print_title_rows is None
    assert charted >= 2


OFFICE = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice not installed"
)
# Calibri's metrics, the workbook's font: without it LibreOffice measures the columns in a
# wider font and breaks the pages elsewhere than a clerk's Excel does.
CARLITO = pytest.mark.skipif(not has_font("Carlito"), reason="fonts-crosextra-carlito missing")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    """The workbook of the embedded data printed to PDF by LibreOffice."""
    folder = tmp_path_factory.mktemp("print")
    source = folder / "phu-luc.xlsx"
    source.write_bytes(workbook_bytes())
    return pdf_pages(office_pdf(source, folder))


def _by_sheet(pages: list[Page]) -> dict[str, list[Page]]:
    """The printed pages of each sheet, by the sheet's name in the page's footer."""
    sheets: dict[str, list[Page]] = {}
    for number, page in enumerate(pages, start=1):
        footer = FOOTER.match(page.footer_line())
        assert footer, (number, page.footer_line())
        assert int(footer[2]) == number and int(footer[3]) == len(pages)
        sheets.setdefault(footer[1], []).append(page)
    return sheets


@OFFICE
def test_libreoffice_prints_readable_text(printed: list[Page]) -> None:
    assert 6 <= len(printed) <= 250
    for number, page in enumerate(printed, start=1):
        if len(page.words) >= 20:  # a table page, not a chart's few labels
            size = statistics.median(w.bottom - w.top for w in page.words)
            # 10–11 pt text at 70 % or more; the 34 % a fitted wide sheet gave was ~5 pt
            assert size >= 7, (number, size)


@OFFICE
@CARLITO
def test_each_sheet_prints_on_few_pages_none_half_empty_but_its_last(printed: list[Page]) -> None:
    sheets = _by_sheet(printed)
    assert list(sheets) == [ws.title for ws in openpyxl.load_workbook(io.BytesIO(workbook_bytes()))]
    pages = {name: len(found) for name, found in sheets.items()}
    # the summary: its table a page wide twice (counts; rates and scores); a page a chart
    assert pages["Tổng hợp"] == 2 and pages["Biểu đồ"] == len(charts_sheet()._charts)
    assert pages["Gửi báo cáo"] <= 2 and pages["Chỉ tiêu"] == 1
    assert pages["Nhiệm vụ theo đơn vị"] == 1
    # 231 rows of what each unit did for each task: about ten to a page
    assert 15 <= pages["Chi tiết nhiệm vụ"] <= 26
    assert sum(pages.values()) <= 40
    for name, found in sheets.items():
        for number, page in enumerate(found[:-1], start=1):
            assert page.filled(footer=True) >= 0.5, (name, number, page.filled(footer=True))


@OFFICE
def test_no_title_is_cut_and_no_code_column_prints(printed: list[Page]) -> None:
    """The plan's title prints whole on each sheet's first page; the units' codes (kept on
    screen for filtering) do not print."""
    title = " ".join(api.prepare_consolidation(EMBEDDED, "2024-Y").vm.plan.title.split())
    firsts = [found[0] for found in _by_sheet(printed).values()]
    for page in firsts:
        assert title in page.text, page.text[:200]
    details = _by_sheet(printed)["Chi tiết nhiệm vụ"] + _by_sheet(printed)["Nhiệm vụ theo đơn vị"]
    assert not any("Mã đơn vị" in page.text for page in details)


@OFFICE
def test_no_header_row_prints_above_a_chart(printed: list[Page]) -> None:
    """Each chart's page shows the chart's title, never a table's header row."""
    titles = [chart.title.tx.rich.p[0].r[0].t for chart in charts_sheet()._charts]
    pages = _by_sheet(printed)["Biểu đồ"]
    assert len(pages) == len(titles)
    for page, title in zip(pages, titles, strict=True):
        assert title.split(" (")[0] in " ".join(page.text.split())
        assert "Hoàn thành đúng hạn Hoàn thành quá hạn" not in " ".join(page.text.split()[:40])


def test_unit_charts_fit_their_page_and_share_the_units_evenly() -> None:
    """At most UNITS_PER_CHART units a chart, as few charts as that allows, evenly shared,
    each no taller than the rows between two charts (so none spills onto the next)."""
    from openpyxl import Workbook

    from plantrack.render.xlsx.charts import UNITS_PER_CHART, unit_charts
    from plantrack.render.xlsx.sheets import CHART_ROWS

    ws = Workbook().active
    for count, sizes in ((3, [3]), (UNITS_PER_CHART, [UNITS_PER_CHART]), (31, [7, 8, 8, 8])):
        charts = unit_charts(ws, 4, 4 + count - 1, name_col=2, rate_col=3)
        spans = [c.series[0].val.numRef.f for c in charts]
        assert [
            int(s.split("$")[-1]) - int(s.split("$")[-3].rstrip(":")) + 1 for s in spans
        ] == sizes
        for chart in charts:
            assert chart.height <= CHART_ROWS * 15 / 72 * 2.54 - 0.5  # cm, 15-point rows
    titles = [c.title.tx.rich.p[0].r[0].t for c in unit_charts(ws, 4, 34, 2, 3)]
    assert titles[0].endswith("(đơn vị 1–7/31)") and titles[-1].endswith("(đơn vị 24–31/31)")


@OFFICE
@CARLITO
def test_every_unit_is_named_on_the_charts(printed: list[Page]) -> None:
    """LibreOffice prints every unit's name beside its bar, none left out for room."""
    vm = api.prepare_consolidation(EMBEDDED, "2024-Y").vm
    assert vm is not None
    charted = " ".join(" ".join(p.text.split()) for p in _by_sheet(printed)["Biểu đồ"])
    missing = [u.name for u in vm.units if " ".join(u.name.split()) not in charted]
    assert missing == []
