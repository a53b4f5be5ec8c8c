"""The workbook prints on A4 readable without a magnifier: print areas, the header row on
every page, landscape, a scale of 70 % or more, each chart on a page of its own; and, in
LibreOffice, the printed text is as large as that scale promises."""

from __future__ import annotations

import io
import re
import shutil
import statistics
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plantrack import api
from plantrack.render.xlsx.printing import MIN_SCALE, fit_scale
from plantrack.render.xlsx.workbook import render_xlsx

EMBEDDED = Path(__file__).resolve().parents[2]


@cache
def workbook_bytes() -> bytes:
    prepared = api.prepare_consolidation(EMBEDDED, "2024-Y")
    assert prepared.vm is not None
    return render_xlsx(prepared.vm)


def sheets() -> list[Any]:
    return list(openpyxl.load_workbook(io.BytesIO(workbook_bytes())).worksheets)


def test_every_sheet_prints_landscape_a4_with_its_header_row() -> None:
    for ws in sheets():
        assert ws.print_area, ws.title
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        if ws.max_row > 4:
            assert ws.print_title_rows == "$4:$4", ws.title


def test_no_sheet_prints_below_seventy_percent() -> None:
    for ws in sheets():
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert fit_scale(ws, ws.max_column) >= MIN_SCALE, ws.title
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
            assert row - 2 in breaks, (ws.title, chart.anchor)
            charted += 1
    assert charted >= 2


def _pdf_pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Each page's height and its words (top, bottom, text), from ``pdftotext -bbox``."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for height, body in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S
    ):
        words = [
            (float(top), float(bottom), text)
            for top, bottom, text in re.findall(
                r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                body,
            )
        ]
        pages.append((float(height), words))
    return pages


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice not installed"
)
def test_libreoffice_prints_readable_text(tmp_path: Path) -> None:
    source = tmp_path / "phu-luc.xlsx"
    source.write_bytes(workbook_bytes())
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        check=True,
        timeout=600,
    )
    pages = _pdf_pages(tmp_path / "phu-luc.pdf")
    assert 6 <= len(pages) <= 250
    for number, (_, words) in enumerate(pages, start=1):
        if len(words) >= 20:  # a table page, not a chart's few labels
            size = statistics.median(bottom - top for top, bottom, _ in words)
            # 10–11 pt text at 70 % or more; the 34 % a fitted wide sheet gave was ~5 pt
            assert size >= 7, (number, size)
