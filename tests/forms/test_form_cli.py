"""``plantrack form export`` and ``plantrack form import`` run as a user runs them: files
written, what is printed, exit codes 0 (written), 1 (findings), 2 (usage or refusal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.forms.conftest import PERIOD, REPORT_DON, Run, load_report


def _export(cli: Run, mini: Path, *extra: object) -> Path:
    code, out, err = cli("form", "export", "--repo", mini, "-p", PERIOD, *extra)
    assert code == 0, err
    return Path(out.split()[0])


def test_export_to_the_default_place(cli: Run, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini)
    path = _export(cli, mini, "-u", "xa-tra-don")
    assert path == Path("build/forms/2024-Q3/bieu-mau-2024-Q3-xa-tra-don.xlsx")
    assert (mini / path).is_file()


def test_export_all_writes_one_form_per_expected_unit(cli: Run, mini: Path, tmp_path: Path) -> None:
    code, out, err = cli(
        "form", "export", "--repo", mini, "-p", PERIOD, "--all", "--out", tmp_path / "f"
    )
    assert code == 0, err
    names = sorted(Path(line).name for line in out.split())
    assert names == [
        "bieu-mau-2024-Q3-phong-noi-vu.xlsx",
        "bieu-mau-2024-Q3-xa-tra-don.xlsx",
        "bieu-mau-2024-Q3-xa-tra-dzon.xlsx",
    ]
    assert "Đã xuất 3 biểu mẫu" in err


def test_export_usage_errors_exit_2(cli: Run, mini: Path) -> None:
    assert cli("form", "export", "--repo", mini, "-p", PERIOD)[0] == 2
    assert cli("form", "export", "--repo", mini, "-p", PERIOD, "--all", "-u", "x")[0] == 2
    code, _, err = cli("form", "export", "--repo", mini, "-p", PERIOD, "-u", "xa-tra-dom")
    assert code == 2 and "xa-tra-don" in err


def test_export_refuses_to_overwrite_a_filled_form(cli: Run, mini: Path, tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    _export(cli, mini, "-u", "xa-tra-don", "--out", target)
    target.write_bytes(b"filled in by the unit")
    code, _, err = cli(
        "form", "export", "--repo", mini, "-p", PERIOD, "-u", "xa-tra-don", "--out", target
    )
    assert code == 2 and "--force" in err
    assert target.read_bytes() == b"filled in by the unit"
    _export(cli, mini, "-u", "xa-tra-don", "--out", target, "--force")


def test_import_unchanged_keeps_the_file(cli: Run, mini: Path, tmp_path: Path) -> None:
    before = (mini / REPORT_DON).read_bytes()
    form = _export(cli, mini, "-u", "xa-tra-don", "--out", tmp_path / "f.xlsx")
    code, out, err = cli("form", "import", form, "--repo", mini, "--today", "2024-10-01")
    assert code == 0, err
    assert out.strip().endswith("data/reports/2024-Q3/xa-tra-don.yaml")
    assert "không thay đổi" in err
    assert (mini / REPORT_DON).read_bytes() == before


def _fill(form: Path, **cells: object) -> None:
    wb = load_workbook(form)
    for ref, value in cells.items():
        wb["Nhiệm vụ"][ref] = value
    wb.save(form)


def test_import_writes_after_force_and_dry_run_writes_nothing(
    cli: Run, mini: Path, tmp_path: Path
) -> None:
    form = _export(cli, mini, "-u", "xa-tra-don", "--out", tmp_path / "f.xlsx")
    _fill(form, I6="Tổ chức 3 cuộc đối thoại.", G6=80)
    before = (mini / REPORT_DON).read_bytes()
    code, out, _ = cli("form", "import", form, "--repo", mini, "--today", "2024-10-01", "--dry-run")
    assert code == 0 and "results: Tổ chức 3 cuộc đối thoại." in out
    assert out.startswith("# yaml-language-server: $schema=")
    assert (mini / REPORT_DON).read_bytes() == before
    code, _, err = cli("form", "import", form, "--repo", mini, "--today", "2024-10-01")
    assert code == 2 and "--force" in err
    assert (mini / REPORT_DON).read_bytes() == before
    code, _, err = cli("form", "import", form, "--repo", mini, "--today", "2024-10-01", "--force")
    assert code == 0, err
    report = load_report(mini, REPORT_DON)
    assert (report.tasks[1].results, report.tasks[1].progress) == ("Tổ chức 3 cuộc đối thoại.", 80)


def test_a_new_report_is_written(cli: Run, mini: Path, tmp_path: Path) -> None:
    form = _export(cli, mini, "-u", "xa-tra-don", "-p", "2024-Y", "--out", tmp_path / "y.xlsx")
    code, _, err = cli("form", "import", form, "--repo", mini, "--today", "2025-01-05")
    assert code == 0, err
    text = (mini / "data/reports/2024-Y/xa-tra-don.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/report.schema.json\n")
    assert cli("check", "--repo", mini, "--today", "2025-01-05")[0] == 0


def test_a_bad_form_exits_1_names_the_cell_and_writes_nothing(
    cli: Run, mini: Path, tmp_path: Path
) -> None:
    form = _export(cli, mini, "-u", "xa-tra-don", "--out", tmp_path / "f.xlsx")
    _fill(form, E5="xong", F6="hôm qua")
    before = (mini / REPORT_DON).read_bytes()
    code, out, err = cli("form", "import", form, "--repo", mini, "--force")
    assert code == 1 and out == ""
    assert f"{form} Nhiệm vụ!E5: lỗi PT311 Giá trị 'xong' không có trong danh sách" in err
    assert f"{form} Nhiệm vụ!F6: lỗi PT312" in err
    assert "không có tệp nào được ghi" in err
    assert (mini / REPORT_DON).read_bytes() == before
    code, _, err = cli("form", "import", form, "--repo", mini, "--lang", "en")
    assert "Nhiệm vụ!E5: error PT311 value 'xong' is not in the list" in err


def test_import_of_a_missing_file_exits_2(cli: Run, mini: Path) -> None:
    code, _, err = cli("form", "import", mini / "nope.xlsx", "--repo", mini)
    assert code == 2 and "nope.xlsx" in err


def test_the_form_is_for_the_period_it_says(cli: Run, mini: Path, tmp_path: Path) -> None:
    form = _export(cli, mini, "-u", "xa-tra-don", "--out", tmp_path / "f.xlsx")
    code, _, err = cli("form", "import", form, "--repo", mini, "-u", "xa-tra-dzon")
    assert code == 1 and "PT308" in err
