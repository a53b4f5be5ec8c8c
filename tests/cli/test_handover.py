"""``plantrack handover``: the handover list of a unit ending on 30/6/2025 in the terminal, as
JSON and as a Word document read back (no ids, ISO dates or git words in it); a unit with no
end date and an unknown unit stop with one coded paragraph."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx

from tests.cli.conftest import Run

PROJECT = Path(__file__).resolve().parents[2]


def test_text_lists_tasks_findings_reports_and_heirs(cli: Callable[..., Run]) -> None:
    run = cli("handover", "--unit", "xa-tra-dzon", "--repo", PROJECT)
    assert run.code == 0, run.err
    assert "kết thúc hoạt động sau ngày 30/06/2025" in run.out
    assert "Nhiệm vụ chuyển giao (12; đã hoàn thành 3)" in run.out
    assert "kt-2024-01-05" in run.out and "Phúc tra chưa đạt" in run.out
    assert "UBND xã Trà Leng [xa-tra-leng-moi]" in run.out
    assert "2024-Y (năm 2024), số 191/BC-UBND, ngày 13/12/2024" in run.out
    assert "12 nhiệm vụ, 1 tồn tại chuyển cho 1 đơn vị; 0 nội dung chưa có" in run.out


def test_no_successor_is_said(cli: Callable[..., Run]) -> None:
    run = cli("handover", "--unit", "thanh-tra-huyen", "--lang", "en", "--repo", PROJECT)
    assert run.code == 0, run.err
    assert run.out.count("no successor") == 3  # two rows and the total
    assert "2 items with no successor" in run.out


def test_json_names_the_heir_of_each_task(cli: Callable[..., Run]) -> None:
    run = cli("handover", "--unit", "phong-noi-vu", "--format", "json", "--repo", PROJECT)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    heirs = {t["task_id"]: [h["id"] for h in t["heirs"]] for t in data["tasks"]}
    assert heirs["tcth-01"] == ["so-noi-vu-da-nang"]
    assert len(heirs["pl1-05"]) == 5
    assert (data["valid_until"], data["as_of"], data["without_heir"]) == (
        "2025-06-30",
        "2025-06-30",
        0,
    )
    assert [r["period_id"] for r in data["reports"]] == ["2025-Q1", "2024-Y", "2024-Q3"]


def test_docx_is_an_official_list_with_no_machine_words(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ("handover", "--unit", "xa-tra-dzon", "--format", "docx", "--out", out)
    run = cli(*args, "--date", "2025-06-25", "--repo", PROJECT)
    assert run.code == 0, run.err
    path = out / "danh-sach-ban-giao-xa-tra-dzon.docx"
    assert run.out.strip() == str(path)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "DANH SÁCH" in text and "UBND xã Trà Dơn" in text
    everything = text + cells  # the letterhead is a table
    assert "ngày 25 tháng 6 năm 2025" in everything and "/DS-" in everything
    assert "Phúc tra chưa đạt" in cells and "UBND xã Trà Leng" in cells
    assert "Báo cáo kết quả thực hiện kỳ năm 2024, số 191/BC-UBND, ngày 13/12/2024" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", everything)  # no ISO date
    for word in ("xa-tra-dzon", "kt-2024", "pl1-", "commit", "git", "yaml"):
        assert word not in everything
    # the existing file is kept unless --force
    again = cli(*args, "--repo", PROJECT)
    assert again.code == 2 and "--force" in again.err


def test_a_unit_with_no_end_date_and_an_unknown_unit_stop(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli("handover", "--unit", "xa-tra-leng-moi", "--repo", PROJECT)
    assert run.code == 2 and "PT935" in run.err and "valid_until" in run.err
    run = cli("handover", "--unit", "xa-tra-dzn", "--repo", PROJECT)
    assert run.code == 2 and "PT916" in run.err and "xa-tra-dzon" in run.err
    run = cli("handover", "--unit", "xa-tra-dzon", "--format", "docx", "--repo", PROJECT)
    assert run.code == 2 and "--out" in run.err


def test_a_broken_report_of_the_unit_stops_it(cli: Callable[..., Run], tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "data", root / "data")
    broken = root / "data/reports/2024-Y/xa-tra-dzon.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    run = cli("handover", "--unit", "xa-tra-dzon", "--repo", root)
    assert run.code == 1 and "xa-tra-dzon.yaml" in run.err
    # another unit's broken report does not concern this handover
    assert cli("handover", "--unit", "xa-tra-mai", "--repo", root).code == 0
