"""Saving the Excel appendix: openpyxl writes the package, each sheet's tables kept as rows
(``streamed``) are written into its sheet where openpyxl leaves a mark for them, and every
entry goes into the zip as it is made, dated and packed as ``office.package.repack`` packs
it (the same bytes, without a second pass over the largest entries).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.functions import Element

from plantrack.render.office.package import REGULAR_FILE
from plantrack.render.xlsx.streamed import Table, tables

MARK = "plantrack-table"  # where a table's rows go in its sheet's XML (no such element else)


def workbook_bytes(workbook: Any, stamp: dt.datetime) -> bytes:
    """The workbook as reproducible .xlsx bytes, every entry dated ``stamp``."""
    buffer = io.BytesIO()
    with _Archive(buffer, stamp) as archive:
        _Writer(workbook, archive).write_data()
    return buffer.getvalue()


class _Archive(zipfile.ZipFile):
    """A zip whose entries are dated ``stamp``, Unix regular files, deflated at level 6."""

    def __init__(self, file: io.BytesIO, stamp: dt.datetime):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.date_time = stamp.timetuple()[:6]

    def entry(self, name: str) -> zipfile.ZipInfo:
        """The header of the entry ``name``."""
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = REGULAR_FILE
        info._compresslevel = 6  # type: ignore[attr-defined]  # what writestr's argument sets
        return info

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str, *_: Any, **__: Any
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        super().writestr(self.entry(str(name)), data)

    def write(self, filename: Any, arcname: Any = None, *_: Any, **__: Any) -> None:
        self.writestr(arcname or str(filename), Path(filename).read_bytes())


class _Writer(ExcelWriter):  # type: ignore[misc]
    """openpyxl's writer, the sheets holding tables written by ``_SheetWriter``."""

    def write_worksheet(self, ws: Any) -> None:
        kept = tables(ws)
        if not kept:
            super().write_worksheet(ws)
            return
        # as ExcelWriter.write_worksheet, the entry spliced from the sheet and its tables
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, kept)
        writer.write()
        ws._rels = writer._rels
        parts = Path(writer.out).read_bytes().split(f"<{MARK}/>".encode())
        if len(parts) != len(kept) + 1:
            raise RuntimeError(f"{ws.title}: {len(parts) - 1} marks for {len(kept)} tables")
        epoch = ws.parent.epoch
        with self._archive.open(self._archive.entry(ws.path[1:]), "w") as entry:
            entry.write(parts[0])
            for table, ids, part in zip(kept, writer.style_ids, parts[1:], strict=True):
                for chunk in table.xml(ids, epoch):
                    entry.write(chunk)
                entry.write(part)
        self.manifest.append(ws)
        writer.cleanup()


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer leaving a mark where each table's rows go; the tables' styles
    are numbered there, in the order the sheet's cells use them."""

    def __init__(self, ws: Any, kept: list[Table]):
        super().__init__(ws)
        self.kept = kept
        self.style_ids: list[list[int]] = []

    def write_dimensions(self) -> None:
        rows = {row for row, _ in self.ws._cells}
        cols = {col for _, col in self.ws._cells}
        for table in self.kept:
            rows |= {table.first, table.last}
            cols |= {1, len(table.cols)}
        ref = f"{get_column_letter(min(cols))}{min(rows)}:{get_column_letter(max(cols))}{max(rows)}"
        self.xf.send(SheetDimension(ref).to_tree())

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        pending = list(self.kept)
        with xf.element("sheetData"):
            for number, row in self.rows():
                while pending and pending[0].first <= number:
                    if number <= pending[0].last:
                        raise RuntimeError(f"{self.ws.title}: row {number} is in a table")
                    self._mark(xf, pending.pop(0))
                self.write_row(xf, row, number)
            while pending:
                self._mark(xf, pending.pop(0))
        self.xf.send(None)

    def _mark(self, xf: Any, table: Table) -> None:
        self.style_ids.append([self.ws.parent._cell_styles.add(s) for s in table.styles])
        xf.write(Element(MARK))
