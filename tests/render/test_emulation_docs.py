"""The emulation documents read back: the workbook's rankings and tables, the Word documents'
tables and words — names and dd/mm/yyyy dates only, never ids or ISO dates."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from plantrack.app.emulation import emulation_score, render_documents

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    result = emulation_score(PROJECT, 2024, today=dt.date(2026, 1, 1)).result
    assert result is not None
    return render_documents(PROJECT, result)


def _text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def _no_machine_words(text: str) -> None:
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "an ISO date"
    assert not re.search(r"\b(xa-tra|phong-|pl[123]-\d|kt-20|khoi-)", text), "an id"
    assert "commit" not in text and "git" not in text


def test_files(outputs: dict[str, bytes]) -> None:
    assert sorted(outputs) == [
        "bang-cham-diem-thi-dua-2024.docx",
        "bang-tong-hop-cham-diem-thi-dua-2024.docx",
        "cham-diem-thi-dua-2024.xlsx",
    ]


def test_ranking_document(outputs: dict[str, bytes]) -> None:
    text, tables = _text(outputs["bang-tong-hop-cham-diem-thi-dua-2024.docx"])
    assert "BẢNG TỔNG HỢP" in text and "Kết quả chấm điểm thi đua năm 2024" in text
    assert "I. KHỐI CÁC XÃ" in text
    assert "hạng 3: Trà Linh, Trà Vinh" in text
    communes = tables[1]
    assert communes[0][:4] == ["Hạng", "Đơn vị", "Điểm tự chấm", "Điểm thẩm định"]
    assert communes[1][:4] == ["1", "UBND xã Trà Mai", "98", "98"]
    assert ["3", "UBND xã Trà Vinh", "85", "76,67", "+8,33", "Hoàn thành tốt nhiệm vụ"] in communes
    everything = text + "\n".join("|".join(r) for t in tables for r in t)
    _no_machine_words(everything)


def test_sheets_document_names_the_sources(outputs: dict[str, bytes]) -> None:
    text, tables = _text(outputs["bang-cham-diem-thi-dua-2024.docx"])
    everything = text + "\n".join("|".join(r) for t in tables for r in t)
    assert "BẢNG CHẤM ĐIỂM" in text
    assert "40 điểm × 2/3 (66,66%) = 26,67" in everything
    assert "Báo cáo: năm 2024 — gửi trễ hạn (hạn 15/12/2024; gửi 16/12/2024): −5" in everything
    _no_machine_words(everything)


def test_workbook(outputs: dict[str, bytes]) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(outputs["cham-diem-thi-dua-2024.xlsx"]))
    assert wb.sheetnames == ["Tổng hợp", "Bảng chấm điểm"]
    rows = list(wb["Tổng hợp"].iter_rows(min_row=5, values_only=True))
    assert rows[0][:5] == ("Khối các xã", 1, "UBND xã Trà Mai", 98, 98)
    vinh = [
        r
        for r in wb["Bảng chấm điểm"].iter_rows(min_row=5, values_only=True)
        if r[0] == "UBND xã Trà Vinh"
    ]
    assert [r[5] for r in vinh] == [26.67, 15, 20, 10, 5, 76.67]


def test_documents_are_deterministic(outputs: dict[str, bytes]) -> None:
    result = emulation_score(PROJECT, 2024, today=dt.date(2026, 1, 1)).result
    assert result is not None
    assert render_documents(PROJECT, result) == outputs
