"""The self-assessment sheet round trip: export pre-filled and locked, filled by the unit,
imported back to the same YAML; errors located at their cells, and nothing written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from plantrack.app.emulation import emulation_score, export_self_sheet, import_self_sheet
from plantrack.forms.emulation_export import FIRST_ROW, SHEET_CLAIMS, SHEET_INFO, SHEET_SCORES

PROJECT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 1, 1)
SELF = "data/emulation/2024/{}.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "data", root / "data")
    return root


def _export(root: Path, unit: str, tmp_path: Path) -> Path:
    made = export_self_sheet(root, unit, 2024, tmp_path / "out", today=TODAY)
    assert made.path is not None, [f.message_en for f in made.findings]
    return made.path


def test_export_is_prefilled_and_locked(root: Path, tmp_path: Path) -> None:
    path = _export(root, "xa-tra-vinh", tmp_path)
    assert path.name == "tu-cham-diem-2024-xa-tra-vinh.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_SCORES]
    assert ws.protection.sheet
    first = [c.value for c in ws[FIRST_ROW]]
    assert first[1:5] == ["nhiem-vu", first[2], 40, 26.67]
    assert "40 điểm × 2/3" in first[5]
    assert first[6] == 30  # its current self-score
    assert ws.cell(FIRST_ROW, 5).protection.locked  # computed: locked
    assert not ws.cell(FIRST_ROW, 7).protection.locked  # self-score: to fill
    assert wb["_meta"].sheet_state == "veryHidden"
    again = export_self_sheet(root, "xa-tra-vinh", 2024, tmp_path / "again", today=TODAY).path
    assert again is not None and again.read_bytes() == path.read_bytes()


def test_round_trip_of_an_unchanged_sheet(root: Path, tmp_path: Path) -> None:
    for unit in ("xa-tra-vinh", "phong-tu-phap", "xa-tra-mai"):
        path = _export(root, unit, tmp_path / unit)
        before = yaml.safe_load((root / SELF.format(unit)).read_text("utf-8"))
        got = import_self_sheet(root, path, force=True)
        assert not got.findings, [f.message_en for f in got.findings]
        assert got.outcome == "unchanged"  # the same assessment: the file is left as it is
        assert yaml.safe_load(got.text or "") == before


def test_a_unit_fills_its_sheet(root: Path, tmp_path: Path) -> None:
    path = _export(root, "xa-tra-don", tmp_path)  # no self-assessment yet
    wb = openpyxl.load_workbook(path)
    scores = wb[SHEET_SCORES]
    for offset, points in enumerate((40, 20, 20, 10)):
        scores.cell(FIRST_ROW + offset, 7).value = points
    scores.cell(FIRST_ROW, 8).value = "Hoàn thành đủ nhiệm vụ"
    claims = wb[SHEET_CLAIMS]
    row = [claims.cell(FIRST_ROW, c) for c in range(2, 9)]
    values = [
        "Sáng kiến, mô hình mới trong cải cách hành chính (điểm thưởng); vi phạm kỷ luật, "
        "kỷ cương hành chính (điểm trừ)",
        2,
        "Mô hình Zalo thôn",
        "5/QĐ-UBND",
        dt.datetime(2024, 6, 1),
        "UBND xã",
        "Quyết định công nhận mô hình",
    ]
    for cell, value in zip(row, values, strict=True):
        cell.value = value
    info = wb[SHEET_INFO]
    info.cell(FIRST_ROW, 2).value = "Hồ Thị Lan"
    info.cell(FIRST_ROW + 4, 2).value = dt.datetime(2025, 1, 9)
    wb.save(path)
    got = import_self_sheet(root, path, unit="xa-tra-don", year=2024)
    assert not got.findings, [(f.key, f.message_en) for f in got.findings]
    assert got.outcome == "written"
    data = yaml.safe_load((root / SELF.format("xa-tra-don")).read_text("utf-8"))
    assert data["prepared_by"] == {"name": "Hồ Thị Lan"}
    assert data["submitted"] == dt.date(2025, 1, 9)
    assert data["scores"][0] == {
        "criterion": "nhiem-vu",
        "points": 40,
        "note": "Hoàn thành đủ nhiệm vụ",
    }
    assert data["scores"][-1]["adjustments"] == [
        {
            "points": 2,
            "reason": "Mô hình Zalo thôn",
            "evidence": {
                "number": "5/QĐ-UBND",
                "date": dt.date(2024, 6, 1),
                "issuer": "UBND xã",
                "title": "Quyết định công nhận mô hình",
            },
        }
    ]
    # and the score now shows it: own 40+20+20+10+7
    result = emulation_score(root, 2024, today=TODAY).result
    assert result is not None
    don = result.unit("xa-tra-don")
    assert don is not None and don.own_total == 97


def test_errors_are_located_and_nothing_is_written(root: Path, tmp_path: Path) -> None:
    path = _export(root, "xa-tra-don", tmp_path)
    wb = openpyxl.load_workbook(path)
    scores = wb[SHEET_SCORES]
    scores.cell(FIRST_ROW, 7).value = 45  # above the maximum of 40
    scores.cell(FIRST_ROW + 1, 7).value = "mười"  # not a number
    claims = wb[SHEET_CLAIMS]
    claims.cell(FIRST_ROW, 2).value = "Một tiêu chí không có"
    claims.cell(FIRST_ROW + 1, 2).value = (
        "Sáng kiến, mô hình mới trong cải cách hành chính (điểm thưởng); vi phạm kỷ luật, "
        "kỷ cương hành chính (điểm trừ)"
    )
    claims.cell(FIRST_ROW + 1, 3).value = -1  # no reason, no evidence
    wb.save(path)
    got = import_self_sheet(root, path)
    assert {(f.code, f.key) for f in got.findings} == {
        ("PT605", f"{SHEET_SCORES}!G{FIRST_ROW}"),
        ("PT313", f"{SHEET_SCORES}!G{FIRST_ROW + 1}"),
        ("PT311", f"{SHEET_CLAIMS}!B{FIRST_ROW}"),
        ("PT602", f"{SHEET_CLAIMS}!C{FIRST_ROW + 1}"),
    }
    assert got.path is None
    assert not (root / SELF.format("xa-tra-don")).exists()


def test_a_sheet_for_another_unit_or_an_edited_scheme(root: Path, tmp_path: Path) -> None:
    path = _export(root, "xa-tra-don", tmp_path)
    got = import_self_sheet(root, path, unit="xa-tra-mai")
    assert [f.code for f in got.findings] == ["PT308"]
    scheme = root / "data/emulation/2024.yaml"
    scheme.write_text(
        scheme.read_text("utf-8")
        .replace("max: 40", "max: 35")
        .replace("max: 20\n    rule: reports", "max: 25\n    rule: reports"),
        "utf-8",
    )
    got = import_self_sheet(root, path)
    assert [f.code for f in got.findings] == ["PT302"]
    assert not (root / SELF.format("xa-tra-don")).exists()
