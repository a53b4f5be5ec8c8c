"""The appendix's tables written as XML straight from their rows (``render.xlsx.streamed``)
give, byte for byte, the workbook openpyxl writes from one cell object per value
(``office.tables.write_table``): the same values, types, styles, row heights, print settings
and zip entries."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from plantrack import api
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.office import package, tables
from plantrack.render.office.tables import BOLD, Col, Filled, put
from plantrack.render.xlsx import detail, oversight, rollup, sheets, streamed, workbook, writer
from plantrack.render.xlsx.printing import print_layout
from plantrack.render.xlsx.workbook import render_xlsx

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
STAMP = dt.datetime(2025, 6, 14)


def _cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every table of the appendix written as openpyxl cells, saved by openpyxl."""
    for module in (sheets, detail, rollup, oversight):
        monkeypatch.setattr(module, "write_table", tables.write_table)
    monkeypatch.setattr(workbook, "workbook_bytes", package.workbook_bytes)


def _same(vm: Consolidation, monkeypatch: pytest.MonkeyPatch) -> bytes:
    fast = render_xlsx(vm)
    with monkeypatch.context() as patched:
        _cell_by_cell(patched)
        slow = render_xlsx(vm)
    assert fast == slow
    return fast


@pytest.mark.parametrize(("root", "period"), [(MINI, "2024-Q3"), (ROOT, "2024-Y")])
def test_the_appendix_of_the_fixtures_is_the_same_file(
    root: Path, period: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = api.prepare_consolidation(root, period)
    assert prepared.vm is not None
    _same(prepared.vm, monkeypatch)


def test_the_appendix_of_a_generated_repository_is_the_same_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from synthrepo import Spec, generate  # type: ignore[import-not-found]

    root = tmp_path / "generated"
    summary = generate(root, Spec(tasks=12, units=300, periods=1, reports=290, grouped=True))
    past = time.time() - 3600
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    prepared = api.prepare_consolidation(root, summary.periods[-1].id)
    assert prepared.vm is not None
    data = _same(prepared.vm, monkeypatch)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        detail_sheet = archive.read("xl/worksheets/sheet5.xml")
    assert detail_sheet.count(b"<row ") > 300  # the pairs' rows were streamed


ODD = [
    Col("Chữ", 20, "wrap"),
    Col("Mã", 12),
    Col("Số", 10, "num"),
    Col("Đếm", 8, "int"),
    Col("Tỷ lệ", 9, "pct"),
    Col("Ngày", 11, "date"),
]
ODD_ROWS: list[list[Any]] = [
    [" đầu cách", "=1+2", 7334.0, 12345678901234567, 0.5, dt.date(2025, 6, 14)],
    ["cuối cách\n", "@SUM(A1)", 1.25, True, math.nan, dt.datetime(2025, 6, 14, 9, 30)],
    ["\x0bđiều khiển\x1f", "\t=x", Decimal("2.50"), -3, math.inf, dt.date(1900, 2, 1)],
    ["a & b < c > d\r\ne 😀 ễ ]]>", "", -0.0, 0, None, "không phải ngày"],
    [Filled("Đã xong", "#2e7d32"), Filled(None, "#c62828"), 1e20, None, 0.98765, None],
    [
        "x" * 40_000,
        Filled(dt.date(2024, 1, 2), "#1565c0"),
        None,
        10**20,
        -1.5,
        dt.date(2024, 2, 29),
    ],
    [" ", "\x00", 3, 4, 5, 6],
]


def _book() -> Workbook:
    """A new workbook dated as ``render_xlsx`` dates its own: openpyxl stamps a new one with
    the current second, so two made a second apart would differ in that alone."""
    book = Workbook()
    book.properties.created = book.properties.modified = STAMP
    return book


def _odd_book(write: Callable[..., tuple[int, int]], save: Callable[[Any, Any], bytes]) -> bytes:
    """Two tables on a sheet with cells around them, as the provenance and inspection sheets
    have, and a second sheet printed as pages side by side."""
    book = _book()
    ws = book.active
    ws.title = "Lạ"
    put(ws, 1, 1, "Tiêu đề của trang, khá dài để phải xuống dòng khi in").font = BOLD
    put(ws, 2, 1, "Phụ đề")
    _, last = write(ws, ODD, ODD_ROWS)
    put(ws, last + 2, 1, "Giữa hai bảng").font = BOLD
    put(ws, last + 3, 3, 42)
    _, last = write(ws, ODD[:3], [row[:3] for row in reversed(ODD_ROWS)], header_row=last + 5)
    put(ws, last + 2, 1, "Cuối").font = BOLD
    put(ws, last + 2, 3, 0.25).number_format = "0.00%"
    wide = book.create_sheet("Rộng")
    wide_cols = [Col(f"Cột {n}", 30, "wrap" if n % 2 else "int") for n in range(12)]
    write(
        wide, wide_cols, [[f"dòng {r}" if n % 2 else r * n for n in range(12)] for r in range(40)]
    )
    empty = book.create_sheet("Trống")
    write(empty, ODD, [])
    for sheet in book.worksheets:
        print_layout(sheet)
    return save(book, dt.datetime(2025, 6, 14))


def test_odd_values_and_tables_among_cells_are_written_as_openpyxl_writes_them() -> None:
    fast = _odd_book(streamed.write_table, writer.workbook_bytes)
    slow = _odd_book(tables.write_table, package.workbook_bytes)
    assert fast == slow


def test_a_cell_inside_a_table_is_refused() -> None:
    book = Workbook()
    streamed.write_table(book.active, ODD, ODD_ROWS)
    put(book.active, 6, 2, "chen vào")
    with pytest.raises(RuntimeError, match="in a table"):
        writer.workbook_bytes(book, dt.datetime(2025, 6, 14))


def test_a_row_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="columns"):
        streamed.write_table(Workbook().active, ODD, [ODD_ROWS[0][:3]])


def test_the_tables_rows_count_in_the_sheets_extent() -> None:
    book = Workbook()
    ws = book.active
    streamed.write_table(ws, ODD, ODD_ROWS)
    assert ws.max_row == 4  # the header: the rows are not cells
    assert streamed.last_row(ws) == 4 + len(ODD_ROWS)
    assert streamed.numeric(ws, 3, 4) and not streamed.numeric(ws, 1, 4)


def test_a_table_of_more_than_256_cell_styles_is_written_as_openpyxl_writes_it() -> None:
    def book_of(write: Callable[..., tuple[int, int]], save: Callable[[Any, Any], bytes]) -> bytes:
        book = _book()
        cols = [Col("Trạng thái", 20), Col("Số", 8, "int")]
        write(book.active, cols, [[Filled(f"mức {n}", f"{n * 97:06X}"), n] for n in range(300)])
        return save(book, dt.datetime(2025, 6, 14))

    fast = book_of(streamed.write_table, writer.workbook_bytes)
    assert fast == book_of(tables.write_table, package.workbook_bytes)
    with zipfile.ZipFile(io.BytesIO(fast)) as package_file:
        assert package_file.read("xl/styles.xml").count(b"<fill>") > 256
