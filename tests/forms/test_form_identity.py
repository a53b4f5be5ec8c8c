"""A returned form is the report of the unit and period it shows: the visible sheets and the
hidden metadata must agree, the office's ``--unit`` must match both, the imported report
records the SHA-256 of the very file, and no text is cut on the way out or back."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from plantrack.app.form_import import import_file
from plantrack.forms.content import meta_checksum
from plantrack.forms.export import make_form
from plantrack.forms.layout import META_KEYS, SHEET_GENERAL, SHEET_HELP, SHEET_META, SHEET_TASKS
from plantrack.models.common import LegalDoc
from plantrack.render.office.tables import MAX_CELL_CHARS
from plantrack.validate.require import require_plan
from tests.forms.conftest import (
    DON,
    PERIOD,
    REPORT_DON,
    TODAY,
    Run,
    answers,
    damage,
    export,
    keys,
    load_report,
    only,
    run_import,
)

DZON = "xa-tra-dzon"
REPORT_DZON = f"data/reports/{PERIOD}/{DZON}.yaml"
UNIT_CELL = f"{SHEET_GENERAL}!B5"


def _meta_as(wb: Any, unit: str) -> None:
    """Rewrite the hidden metadata for ``unit`` and recompute its checksum, as anyone can."""
    ws = wb[SHEET_META]
    meta = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, 16)}
    meta = {k: "" if v is None else str(v) for k, v in meta.items()}
    meta["unit"] = unit
    meta["checksum"] = meta_checksum(meta)
    for row, key in enumerate(META_KEYS, start=1):
        ws.cell(row=row, column=2).value = meta[key]


def _visible_as(wb: Any, name: str, unit: str) -> None:
    """Make every visible place name ``name`` (``unit``) instead of Trà Don."""
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=12, max_col=2):
            for cell in row:
                if isinstance(cell.value, str) and "UBND xã Trà Don" in cell.value:
                    cell.value = cell.value.replace("UBND xã Trà Don", name).replace(DON, unit)


def test_a_visible_unit_naming_another_unit_is_refused(mini: Path) -> None:
    # one diacritic: Trà Dơn is another commune
    path = damage(
        export(mini),
        lambda wb: wb[SHEET_GENERAL].__setitem__("B5", "UBND xã Trà Dơn (xa-tra-dzon)"),
    )
    result = run_import(mini, path)
    f = only(result, "PT325")
    assert (f.severity, f.key) == ("error", UNIT_CELL)
    assert "UBND xã Trà Dơn (xa-tra-dzon)" in f.message_vi and f"'{DON}'" in f.message_en
    assert result.report is None and result.text is None


def test_a_visible_period_naming_another_period_is_refused(mini: Path) -> None:
    path = damage(export(mini), lambda wb: wb[SHEET_GENERAL].__setitem__("B6", "Năm 2024 (2024-Y)"))
    assert keys(run_import(mini, path)) == [("PT325", f"{SHEET_GENERAL}!B6")]


def test_hidden_data_rewritten_for_another_unit_is_refused(mini: Path) -> None:
    # the checksum is recomputed, so only what the unit saw tells the forgery
    before = (mini / REPORT_DZON).read_bytes()
    path = damage(export(mini), lambda wb: _meta_as(wb, DZON))
    result = run_import(mini, path)
    places = {key for code, key in keys(result) if code == "PT325"}
    assert {UNIT_CELL, f"{SHEET_TASKS}!A1", f"{SHEET_GENERAL}!A1", f"{SHEET_HELP}!A3"} <= places
    assert all(f.code == "PT325" for f in result.findings)
    done = import_file(mini, path, today=TODAY, force=True)
    assert done.path is None and done.outcome is None
    assert (mini / REPORT_DZON).read_bytes() == before


def test_a_sheet_title_naming_another_unit_is_refused(mini: Path) -> None:
    def retitle(wb: Any) -> None:
        cell = wb[SHEET_TASKS]["A1"]
        cell.value = cell.value.replace("Trà Don", "Trà Dơn")

    assert keys(run_import(mini, damage(export(mini), retitle))) == [("PT325", f"{SHEET_TASKS}!A1")]


def test_a_consistent_forgery_is_refused_by_the_office_naming_the_unit(mini: Path) -> None:
    # every visible place and the hidden data say Trà Dơn: only the office knows better
    def forge(wb: Any) -> None:
        _meta_as(wb, DZON)
        _visible_as(wb, "UBND xã Trà Dơn", DZON)

    path = damage(export(mini), forge)
    # a form that is Trà Dơn's in every way the form can show
    assert not [k for k in keys(run_import(mini, path)) if k[0] in ("PT306", "PT325")]
    f = only(run_import(mini, path, unit=DON), "PT308")
    assert f"'{DZON}'" in f.message_en and f"'{DON}'" in f.message_en


def test_the_imported_report_records_the_forms_hash(mini: Path) -> None:
    path = export(mini)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (mini / REPORT_DON).unlink()
    done = import_file(mini, path, today=TODAY)
    assert done.outcome == "written" and done.result.sha256 == digest
    report = load_report(mini, REPORT_DON)
    assert report.form is not None and report.form.sha256 == digest
    assert f"sha256: {digest}" in (mini / REPORT_DON).read_text("utf-8")


def test_another_copy_of_the_same_answers_changes_nothing(mini: Path) -> None:
    path = export(mini)
    (mini / REPORT_DON).unlink()
    import_file(mini, path, today=TODAY)
    written = (mini / REPORT_DON).read_bytes()
    resaved = damage(path, lambda wb: None, mini.parent / "copy.xlsx")  # another hash
    assert (
        hashlib.sha256(resaved.read_bytes()).digest() != hashlib.sha256(path.read_bytes()).digest()
    )
    assert import_file(mini, resaved, today=TODAY).outcome == "unchanged"
    assert (mini / REPORT_DON).read_bytes() == written


def _long_evidence(root: Path) -> None:
    """Give task t1 of Trà Don's report documents whose list is over an Excel cell."""
    report = load_report(root, REPORT_DON)
    docs = [LegalDoc(number=f"{n}/BC", title="x" * 19_000) for n in range(2)]
    tasks = [
        t.model_copy(update={"evidence": docs}) if i == 0 else t for i, t in enumerate(report.tasks)
    ]
    from plantrack.forms.report_yaml import report_yaml

    text = report_yaml(report.model_copy(update={"tasks": tasks}))
    (root / REPORT_DON).write_text(text, "utf-8")


def test_a_text_over_an_excel_cell_is_never_cut_on_export(mini: Path) -> None:
    _long_evidence(mini)
    data, findings = make_form(require_plan(mini), DON, PERIOD)
    assert data is None
    (f,) = findings
    assert (f.code, f.severity, f.path) == ("PT326", "error", REPORT_DON)
    assert f"{MAX_CELL_CHARS:,}" in f.message_en and "38,0" in f.message_en


def test_the_cli_export_refuses_and_writes_nothing(cli: Run, mini: Path, tmp_path: Path) -> None:
    _long_evidence(mini)
    out = tmp_path / "f.xlsx"
    code, _, err = cli("form", "export", "--repo", mini, "-p", PERIOD, "-u", DON, "--out", out)
    assert code == 1 and "PT326" in err and not out.exists()


def test_a_long_answer_comes_back_whole_or_not_at_all(mini: Path) -> None:
    whole = "Kết quả " * 2_400  # 19,200 characters: within a report's text limit
    path = damage(export(mini), lambda wb: wb[SHEET_TASKS].__setitem__("I5", whole))
    result = run_import(mini, path)
    assert result.report is not None and result.report.tasks[0].results == whole.strip()
    over = "x" * (MAX_CELL_CHARS + 10)  # more than Excel holds, written by another tool
    path = damage(export(mini), lambda wb: wb[SHEET_TASKS].__setitem__("I5", over))
    result = run_import(mini, path)
    assert result.report is None and result.errors
    assert any(f.key == f"{SHEET_TASKS}!I5" for f in result.findings)


def test_an_untouched_form_still_imports(mini: Path) -> None:
    result = run_import(mini, export(mini))
    assert result.errors == 0 and answers(result.report) == answers(load_report(mini, REPORT_DON))
    wb = load_workbook(export(mini, name="again.xlsx"))
    assert wb[SHEET_GENERAL]["B5"].value == "UBND xã Trà Don (xa-tra-don)"


def test_a_form_without_a_sending_date_is_named(mini: Path) -> None:
    path = damage(export(mini), lambda wb: wb[SHEET_GENERAL].__setitem__("B7", None))
    result = run_import(mini, path)
    f = only(result, "PT327")
    assert (f.severity, f.key) == ("warning", f"{SHEET_GENERAL}!B7")
    assert result.report is not None and result.report.submitted is None


def test_a_form_under_another_units_exported_name_is_refused(mini: Path) -> None:
    # Trà Dơn's file name, Trà Don's form inside: which one did the office mean?
    path = export(mini, name=f"bieu-mau-{PERIOD}-{DZON}.xlsx")
    f = only(run_import(mini, path), "PT308")
    assert f"'{DON}'" in f.message_en and f"'{DZON}'" in f.message_en
    own = export(mini, name=f"bieu-mau-{PERIOD}-{DON}.xlsx")
    assert run_import(mini, own).errors == 0
    assert run_import(mini, path, unit=DON).errors == 0  # the office says which it is


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_saved_by_libreoffice_still_shows_its_unit(mini: Path, tmp_path: Path) -> None:
    # what a unit does: open the form in a spreadsheet program and save it again
    source = export(mini)
    out = tmp_path / "saved"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    result = run_import(mini, out / source.name)
    assert not [f for f in result.findings if f.code in ("PT306", "PT308", "PT325")]
    assert answers(result.report) == answers(load_report(mini, REPORT_DON))
