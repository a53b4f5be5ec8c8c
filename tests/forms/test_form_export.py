"""``form export``: what the workbook holds (sheets, locked and answer columns, dropdowns and
validations, protection, the very hidden metadata), prefilling from the current report or
carrying last period's answers forward, and byte-identical output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plantrack.app.form_export import write_form
from plantrack.errors import PlantrackError
from plantrack.forms.content import build_content
from plantrack.forms.export import make_form
from plantrack.forms.layout import META_KEYS
from plantrack.validate.require import require_plan as open_repository
from tests.forms.conftest import export, run_import

TASKS, INDICATORS, GENERAL, META = "Nhiệm vụ", "Chỉ tiêu", "Thông tin chung", "_meta"


def test_sheets_and_hidden_metadata(mini: Path) -> None:
    wb = load_workbook(export(mini))
    assert wb.sheetnames == ["Hướng dẫn", TASKS, INDICATORS, "Khắc phục", GENERAL, META]
    assert wb[META].sheet_state == "veryHidden"
    meta = {wb[META].cell(r, 1).value: wb[META].cell(r, 2).value for r in range(1, 16)}
    assert list(meta) == list(META_KEYS)
    assert meta["plan_id"] == "mini-plan" and meta["plan_version"] == "1"
    assert (meta["unit"], meta["period"], meta["tasks"]) == ("xa-tra-don", "2024-Q3", "t1 t2")
    assert len(meta["plan_fingerprint"]) == 64
    assert meta["source"] == "data/reports/2024-Q3/xa-tra-don.yaml"


def test_tasks_sheet_locks_the_task_and_validates_the_answers(mini: Path) -> None:
    ws = load_workbook(export(mini))[TASKS]
    assert ws.protection.sheet
    assert [ws.cell(5, c).value for c in range(1, 6)] == [
        "t1",
        "Niêm yết công khai thủ tục hành chính",
        "Quý III/2024",
        "Chủ trì",
        "Hoàn thành",
    ]
    assert ws["C6"].value == "Thường xuyên" and ws["H6"].value == "Có"
    assert ws["F5"].value == dt.datetime(2024, 9, 10) and ws["F5"].number_format == "dd/mm/yyyy"
    assert ws["J5"].value == "12/TB-UBND | 10/09/2024 | Thông báo niêm yết"
    for ref in ("A5", "B5", "C5", "D5"):
        assert ws[ref].protection.locked, ref
    for ref in ("E5", "F5", "G5", "H5", "I5", "J5", "K5", "L5"):
        assert not ws[ref].protection.locked, ref
    assert ws["I5"].alignment.wrap_text
    rules = {
        dv.type: (str(dv.sqref), dv.formula1, dv.formula2)
        for dv in ws.data_validations.dataValidation
    }
    assert rules["list"][1] in ('"Chưa triển khai,Đang thực hiện,Hoàn thành"', '"Có,Không"')
    assert rules["whole"] == ("G5:G6", "0", "100")
    assert rules["date"][0] == "F5:F6"
    assert int(rules["date"][2]) == (dt.date(2024, 9, 14) - dt.date(1899, 12, 30)).days
    states = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "E5:E6"]
    assert states[0].formula1 == '"Chưa triển khai,Đang thực hiện,Hoàn thành"'


def test_indicators_and_general_sheets(mini: Path) -> None:
    wb = load_workbook(export(mini))
    ind = wb[INDICATORS]
    assert [[c.value for c in row] for row in ind.iter_rows(min_row=5, max_col=4)] == [
        ["ho-so-tiep-nhan", "Hồ sơ tiếp nhận", "hồ sơ", 120],
        ["ho-so-dung-han", "Hồ sơ giải quyết đúng hạn", "hồ sơ", 115],
    ]  # the ratio indicator is computed, not asked
    (dv,) = ind.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    gen = wb[GENERAL]
    assert gen["B5"].value == "UBND xã Trà Don (xa-tra-don)" and gen["B5"].protection.locked
    assert gen["B7"].value == dt.datetime(2024, 9, 13) and not gen["B7"].protection.locked
    assert gen["B21"].value == "Đề nghị hỗ trợ máy scan cho Bộ phận Một cửa."


def test_the_same_data_gives_the_same_bytes(mini: Path) -> None:
    repo = open_repository(mini)
    first, _ = make_form(repo, "xa-tra-don", "2024-Q3")
    second, _ = make_form(open_repository(mini), "xa-tra-don", "2024-Q3")
    assert first is not None and first == second


def test_carried_forward_from_the_previous_period(mini: Path) -> None:
    content, findings = build_content(open_repository(mini), "xa-tra-don", "2024-Y")
    assert content is not None and not findings
    assert content.carried_from == "2024-Q3"
    t1, t2 = (row.entry for row in content.tasks)
    assert t1 is not None and t2 is not None
    assert (t1.state, t1.completed, t1.progress, len(t1.evidence)) == (
        "done",
        dt.date(2024, 9, 10),
        100,
        1,
    )
    assert t1.results is None  # the unit writes its results anew
    assert (t2.state, t2.carried_out) == ("in-progress", True)
    assert content.meta["source"] == ""
    path = export(mini, period="2024-Y")
    result = run_import(mini, path, today=dt.date(2025, 1, 1))
    assert result.errors == 0 and result.report is not None
    assert [e.task for e in result.report.tasks] == ["t1", "t2"]


def test_a_unit_without_history_gets_blank_answers(mini: Path) -> None:
    (mini / "data/reports/2024-Q3/xa-tra-dzon.yaml").unlink()
    content, _ = build_content(open_repository(mini), "xa-tra-dzon", "2024-Q3")
    assert content is not None
    assert [(row.task, row.entry) for row in content.tasks] == [("t1", None)]
    result = run_import(mini, export(mini, "xa-tra-dzon"))
    assert result.report is not None and result.report.tasks == []
    # nothing reported, and no sending date: it would count as sent on the day it is entered
    assert [f.code for f in result.findings] == ["PT209", "PT327"]


def test_a_broken_current_report_blocks_its_form(mini: Path) -> None:
    rel = "data/reports/2024-Q3/xa-tra-don.yaml"
    (mini / rel).write_text("unit: xa-tra-don\nperiod: 2024-Q3\ntasks: [{task: t1}]\n", "utf-8")
    data, findings = make_form(open_repository(mini), "xa-tra-don", "2024-Q3")
    assert data is None and findings and findings[0].path == rel


@pytest.mark.parametrize(
    ("unit", "period", "message"),
    [
        ("xa-tra-dom", "2024-Q3", "xa-tra-don"),
        ("xa-tra-don", "2024-Q2", "không yêu cầu"),
        ("xa-tra-don", "Q3-2024", "không phải kỳ"),
    ],
)
def test_wrong_unit_or_period_stops(mini: Path, unit: str, period: str, message: str) -> None:
    with pytest.raises(PlantrackError, match=message):
        make_form(open_repository(mini), unit, period)


def test_a_different_form_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    assert write_form(target, b"one") == "written"
    assert write_form(target, b"one") == "unchanged"
    with pytest.raises(PlantrackError, match="--force"):
        write_form(target, b"two")
    assert target.read_bytes() == b"one"
    assert write_form(target, b"two", force=True) == "written"
