"""Appendix tables of the Word report keep their text clear of the cell lines."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn

from plantrack import api
from plantrack.render.docx.report import render_docx

EMBEDDED = Path(__file__).resolve().parents[2]


def test_bordered_tables_have_cell_padding() -> None:
    prepared = api.prepare_consolidation(EMBEDDED, "2024-Y")
    assert prepared.vm is not None
    document = docx.Document(io.BytesIO(render_docx(prepared.vm)))
    bordered = 0
    for table in document.tables:
        tbl_pr = table._tbl.tblPr
        top = tbl_pr.find(qn("w:tblBorders")).find(qn("w:top"))
        if top.get(qn("w:val")) == "nil":
            continue  # the letterhead and signature blocks: no lines, no padding needed
        bordered += 1
        margins = tbl_pr.find(qn("w:tblCellMar"))
        assert margins is not None
        widths = {child.tag.split("}")[1]: int(child.get(qn("w:w"))) for child in margins}
        assert widths["left"] >= 80 and widths["right"] >= 80  # 1.5 mm
        assert widths["top"] >= 55 and widths["bottom"] >= 55  # 1 mm: accents clear the line
    assert bordered >= 3
