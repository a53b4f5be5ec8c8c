"""The fixes sheet of a unit's form: the findings it has to fix are listed, a date written
back becomes a ``fixes:`` entry, a bad cell is located, and the round trip loses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.forms.conftest import DON, REPORT_DON, damage, export, keys, load_report, run_import

FIXES = "Khắc phục"
INSPECTION = """\
id: kt-1
kind: dot-xuat
title: Kiểm tra đột xuất
lead: phong-noi-vu
visits:
  - {unit: xa-tra-don, date: 2024-08-21}
  - {unit: xa-tra-dzon, date: 2024-08-22}
findings:
  - {id: kt-1-01, unit: xa-tra-don, category: Kỷ luật, text: Công chức đi muộn., fix_by: 2024-09-30}
  - {id: kt-1-02, unit: xa-tra-don, category: Một cửa, text: Sổ ghi thiếu., fix_by: 2024-09-30,
     fixes: [{date: 2024-08-25}]}
  - {id: kt-1-03, unit: xa-tra-dzon, category: Một cửa, text: Chưa niêm yết., fix_by: 2024-09-30}
"""


def with_inspection(mini: Path) -> Path:
    path = mini / "data/inspections/2024/kt-1.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(INSPECTION, "utf-8")
    return mini


def rows(path: Path) -> list[list[Any]]:
    ws = load_workbook(path)[FIXES]
    return [[c.value for c in row[:4]] for row in ws.iter_rows(min_row=5) if row[0].value]


def test_the_sheet_lists_the_units_open_findings_only(mini: Path) -> None:
    form = export(with_inspection(mini))
    # kt-1-02 was fixed before the period's end in the record, yet within the period: listed;
    # kt-1-03 belongs to another commune
    assert rows(form) == [
        ["kt-1-01", "Công chức đi muộn.", "30/09/2024", None],
        ["kt-1-02", "Sổ ghi thiếu.", "30/09/2024", None],
    ]
    ws = load_workbook(form)[FIXES]
    assert ws.protection.sheet
    assert not ws["D5"].protection.locked and ws["A5"].protection.locked


def test_a_date_written_in_the_form_becomes_a_fix(mini: Path) -> None:
    form = export(with_inspection(mini))

    def fill(wb: Any) -> None:
        wb[FIXES]["D5"] = dt.datetime(2024, 9, 10)
        wb[FIXES]["E5"] = "Đã kiểm điểm công chức."
        wb[FIXES]["F5"] = "12/BB-UBND | 10/09/2024 | Biên bản kiểm điểm"

    result = run_import(mini, damage(form, fill))
    assert result.report is not None, keys(result)
    (fix,) = result.report.fixes
    assert (fix.finding, fix.date, fix.results) == (
        "kt-1-01",
        dt.date(2024, 9, 10),
        "Đã kiểm điểm công chức.",
    )
    assert fix.evidence[0].number == "12/BB-UBND"
    assert "fixes:\n  - finding: kt-1-01\n    date: 2024-09-10\n" in (result.text or "")


def test_a_bad_fix_date_is_located_in_its_cell(mini: Path) -> None:
    form = export(with_inspection(mini))
    result = run_import(mini, damage(form, lambda wb: wb[FIXES].__setitem__("D6", "31/02/2024")))
    assert result.report is None
    assert (f"{FIXES}!D6") in [k for _, k in keys(result)]


def test_a_fix_before_the_finding_is_flagged_at_its_cell(mini: Path) -> None:
    form = export(with_inspection(mini))
    result = run_import(
        mini, damage(form, lambda wb: wb[FIXES].__setitem__("D5", dt.datetime(2024, 8, 1)))
    )
    assert ("PT503", f"{FIXES}!D5") in keys(result)


def test_fixes_already_reported_come_back_unchanged(mini: Path) -> None:
    with_inspection(mini)
    text = (mini / REPORT_DON).read_text("utf-8")
    (mini / REPORT_DON).write_text(
        text + "fixes:\n  - finding: kt-1-01\n    date: 2024-09-10\n    results: Đã kiểm điểm.\n"
        "  - finding: kt-9-99\n    date: 2024-09-11\n",
        "utf-8",
    )
    before = load_report(mini, REPORT_DON)
    form = export(mini, DON)
    assert [r[0] for r in rows(form)] == ["kt-1-01", "kt-9-99", "kt-1-02"]
    result = run_import(mini, form)
    # the unknown finding is kept and flagged, nothing is dropped
    assert [f.code for f in result.findings if f.severity == "error"] == ["PT508"]
    assert result.report is None
    assert before.fixes[1].finding == "kt-9-99"
