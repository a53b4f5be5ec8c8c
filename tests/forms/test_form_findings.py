"""A returned form damaged the ways people damage forms: each problem is a finding with its
code, the .xlsx as its path and the sheet and cell as its key; a form with errors gives no
report. In the mini repository xa-tra-don's form lists t1 on row 5 and t2 on row 6 of
"Nhiệm vụ"; E is the state, F the completion date, G the progress, J the evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from plantrack.forms.report_yaml import report_yaml
from plantrack.models.report import FormSource
from tests.conftest import assert_bilingual
from tests.forms.conftest import (
    REPORT_DON,
    answers,
    damage,
    export,
    keys,
    load_report,
    only,
    rezip,
    run_import,
)

TASKS, INDICATORS, GENERAL, META = "Nhiệm vụ", "Chỉ tiêu", "Thông tin chung", "_meta"


def edit(**cells: Any) -> Any:
    """A change that writes ``cells`` (``E5="xong"``) into the tasks sheet."""

    def change(wb: Any) -> None:
        for ref, value in cells.items():
            wb[TASKS][ref] = value

    return change


def imported(mini: Path, change: Any, **options: Any) -> Any:
    return run_import(mini, damage(export(mini), change), **options)


def test_a_state_typed_by_hand(mini: Path) -> None:
    result = imported(mini, edit(E5="xong"))
    f = only(result, "PT311")
    assert (f.severity, f.key, f.path) == ("error", f"{TASKS}!E5", str(result.shown))
    assert "'xong'" in f.message_vi and "Hoàn thành" in f.message_vi
    assert_bilingual(f, "Chưa triển khai, Đang thực hiện, Hoàn thành")
    assert result.report is None and result.text is None
    assert keys(result) == [("PT311", f"{TASKS}!E5")]  # no echo from the model or check


def test_labels_are_read_leniently_but_exactly(mini: Path) -> None:
    result = imported(mini, edit(E6="  hoàn  THÀNH ", F6="13/09/2024", G6="100%"))
    assert result.errors == 0, keys(result)
    entry = result.report.tasks[1]
    assert (entry.state, entry.completed, entry.progress) == ("done", dt.date(2024, 9, 13), 100)


def test_a_date_written_as_text(mini: Path) -> None:
    result = imported(mini, edit(F5="mười tháng chín"))
    f = only(result, "PT312")
    assert f.key == f"{TASKS}!F5"
    assert_bilingual(f, "mười tháng chín")


def test_an_impossible_date(mini: Path) -> None:
    assert only(imported(mini, edit(F5="31/02/2024")), "PT312").key == f"{TASKS}!F5"


def test_progress_not_a_number_and_out_of_range(mini: Path) -> None:
    assert only(imported(mini, edit(G5="nửa")), "PT313").key == f"{TASKS}!G5"
    assert only(imported(mini, edit(G5=55.5)), "PT313").key == f"{TASKS}!G5"
    # the range is the model's own rule, as 'check' reports it for YAML
    f = only(imported(mini, edit(G5=150)), "PT107")
    assert f.key == f"{TASKS}!G5"


def test_a_deleted_row(mini: Path) -> None:
    result = imported(mini, lambda wb: wb[TASKS].delete_rows(5))
    f = only(result, "PT315")
    assert (f.key, f.severity) == (f"{TASKS}!A5", "error")
    assert "'t1'" in f.message_vi
    assert_bilingual(f)


def test_an_unknown_and_a_duplicated_row(mini: Path) -> None:
    result = imported(mini, edit(A7="t1", E7="Hoàn thành", A6="t9"))
    assert ("PT317", f"{TASKS}!A7") in keys(result)
    assert ("PT316", f"{TASKS}!A6") in keys(result)
    assert ("PT315", f"{TASKS}!A6") in keys(result)  # t2's row is gone


def test_answers_in_a_row_without_a_task_id(mini: Path) -> None:
    assert only(imported(mini, edit(I9="thêm")), "PT322").key == f"{TASKS}!A9"


def _swap_rows(wb: Any) -> None:
    ws = wb[TASKS]
    for column in range(1, 13):
        top, bottom = ws.cell(5, column), ws.cell(6, column)
        top.value, bottom.value = bottom.value, top.value


def test_reordered_rows_warn_and_keep_the_original_order(mini: Path) -> None:
    result = imported(mini, _swap_rows)
    f = only(result, "PT318")
    assert (f.severity, f.key) == ("warning", f"{TASKS}!A5")
    assert answers(result.report) == answers(load_report(mini, REPORT_DON))


def test_a_column_sorted_alone_mixes_rows_up(mini: Path) -> None:
    def swap_titles(wb: Any) -> None:
        ws = wb[TASKS]
        ws["B5"].value, ws["B6"].value = ws["B6"].value, ws["B5"].value

    result = imported(mini, swap_titles)
    assert [k for k in keys(result) if k[0] == "PT319"] == [
        ("PT319", f"{TASKS}!B5"),
        ("PT319", f"{TASKS}!B6"),
    ]


@pytest.mark.parametrize("formula", ["=50+50", "=SUM(G6:G7)", '=WEBSERVICE("http://x")'])
def test_a_formula_is_refused_never_evaluated(mini: Path, formula: str) -> None:
    result = imported(mini, edit(G5=formula))
    f = only(result, "PT310")
    assert f.key == f"{TASKS}!G5"
    assert formula in f.message_en
    assert result.report is None


def test_a_formula_in_the_general_sheet(mini: Path) -> None:
    def change(wb: Any) -> None:
        wb[GENERAL]["B8"] = '="12/"&"BC"'

    assert only(imported(mini, change), "PT310").key == f"{GENERAL}!B8"


def test_a_value_for_an_indicator(mini: Path) -> None:
    def change(wb: Any) -> None:
        wb[INDICATORS]["D5"] = "một trăm"

    assert only(imported(mini, change), "PT313").key == f"{INDICATORS}!D5"


def test_an_evidence_line_with_a_bad_date_or_no_title(mini: Path) -> None:
    bad_date = imported(mini, edit(J5="1/TB | 10/9/2024 | Thông báo\n2/TB | hôm qua | Kế hoạch"))
    f = only(bad_date, "PT312")
    assert f.key == f"{TASKS}!J5" and "dòng 2" in f.message_vi
    no_title = only(imported(mini, edit(J5="1/TB | 10/09/2024 | ")), "PT314")
    assert no_title.key == f"{TASKS}!J5"


def test_rules_of_check_point_at_cells(mini: Path) -> None:
    # done without a date (PT212), completed after the cut-off (PT213), an assigned task left
    # blank (PT209): the rules 'check' applies to YAML, placed at the form's cells
    result = imported(mini, edit(F5=None, E6=None, H6=None, I6=None))
    assert ("PT212", f"{TASKS}!E5") in keys(result)
    assert ("PT209", f"{TASKS}!E6") in keys(result)
    late = imported(mini, edit(F5=dt.date(2024, 9, 20)))
    assert ("PT213", f"{TASKS}!F5") in keys(late)


def test_answers_without_a_state(mini: Path) -> None:
    assert only(imported(mini, edit(E6=None)), "PT323").key == f"{TASKS}!E6"


def test_merged_cells_in_the_answer_area(mini: Path) -> None:
    result = imported(mini, lambda wb: wb[TASKS].merge_cells("I5:I6"))
    f = only(result, "PT320")
    assert f.key == f"{TASKS}!I5:I6" and result.report is None


def test_a_hidden_row_is_a_warning(mini: Path) -> None:
    def hide(wb: Any) -> None:
        wb[TASKS].row_dimensions[6].hidden = True

    result = imported(mini, hide)
    f = only(result, "PT321")
    assert (f.severity, f.key) == ("warning", f"{TASKS}!A6")
    assert answers(result.report) == answers(load_report(mini, REPORT_DON))


def test_edited_hidden_data(mini: Path) -> None:
    def change(wb: Any) -> None:
        wb[META]["B6"] = "xa-tra-dzon"  # the unit row

    f = only(imported(mini, change), "PT306")
    assert f.key == META


def test_a_form_of_another_plan_version(mini: Path) -> None:
    path = export(mini)
    plan = mini / "data/plan.yaml"
    plan.write_text(plan.read_text("utf-8").replace("place:", "version: 2\nplace:"), "utf-8")
    f = only(run_import(mini, path), "PT307")
    assert "'mini-plan'" in f.message_en and "version 1" in f.message_en
    assert_bilingual(f)


def test_a_form_whose_plan_tasks_changed(mini: Path) -> None:
    path = export(mini)
    plan = mini / "data/plan.yaml"
    text = plan.read_text("utf-8").replace("Tổ chức đối thoại", "Tổ chức hội nghị đối thoại")
    plan.write_text(text, "utf-8")
    assert "task list has changed" in only(run_import(mini, path), "PT307").message_en


def test_a_form_of_another_unit_or_period(mini: Path) -> None:
    path = export(mini)
    assert only(run_import(mini, path, unit="xa-tra-dzon"), "PT308").key == f"{GENERAL}!B5"
    assert run_import(mini, path, unit="xa-tra-don", period="2024-Q3").errors == 0
    f = only(run_import(mini, path, period="2024-Y"), "PT308")
    assert "2024-Y" in f.message_en


def test_a_macro_enabled_workbook(mini: Path) -> None:
    path = export(mini)
    assert only(run_import(mini, damage(path, lambda wb: None, path.with_suffix(".xlsm"))), "PT303")
    disguised = rezip(path, {"xl/vbaProject.bin": b"\x00" * 64}, mini.parent / "macro.xlsx")
    assert only(run_import(mini, disguised), "PT303").severity == "error"


def test_external_links(mini: Path) -> None:
    linked = rezip(export(mini), {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    f = only(run_import(mini, linked), "PT304")
    assert_bilingual(f)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"unit: xa-tra-don\n", "not an .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ".xls"),
        (b"PK\x03\x04broken", "not an .xlsx"),
    ],
)
def test_not_an_xlsx_file(mini: Path, content: bytes, expected: str) -> None:
    path = mini.parent / "form.xlsx"
    path.write_bytes(content)
    assert expected in only(run_import(mini, path), "PT301").message_en


def test_a_workbook_that_is_not_a_form(mini: Path) -> None:
    from openpyxl import Workbook

    path = mini.parent / "other.xlsx"
    Workbook().save(path)
    assert "_meta" in only(run_import(mini, path), "PT302").message_en


def test_100000_rows_are_refused_before_reading(mini: Path) -> None:
    def flood(wb: Any) -> None:
        ws = wb[TASKS]
        for row in range(7, 100_007):
            ws.cell(row=row, column=9, value="x")

    result = imported(mini, flood)
    f = only(result, "PT305")
    # the package scan stops first, at the sheet's XML elements, before openpyxl reads it
    assert f.key == TASKS
    assert "Số phần tử XML của trang 'Nhiệm vụ' là 200.001, vượt giới hạn 200.000" in f.message_vi
    assert "the XML elements of sheet 'Nhiệm vụ' is 200,001" in f.message_en
    assert result.findings == [f]


def test_the_report_yaml_has_the_schema_line_and_stable_order(mini: Path) -> None:
    path = export(mini)
    result = run_import(mini, path)
    original = load_report(mini, REPORT_DON)
    # the report as it was, then the record of the very file it came from
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    source = original.model_copy(update={"form": FormSource(sha256=digest)})
    assert result.text == report_yaml(source)
    assert result.text.endswith(f"form:\n  sha256: {digest}\n")
    lines = result.text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../../schemas/report.schema.json"
    assert [line.split(":")[0] for line in lines[1:4]] == ["unit", "period", "submitted"]


def test_an_xml_part_with_a_dtd_is_refused_unparsed(mini: Path) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    path = rezip(export(mini), {"xl/custom.xml": bomb})
    assert "DTD" in only(run_import(mini, path), "PT301").message_en
