"""``plantrack inspection``: status at a cut-off on the embedded data, a new skeleton that
checks clean, the documents read back, and a broken inspection file stopping with located,
coded messages and nothing written."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.cli.conftest import Run

PROJECT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-30"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the embedded data (plan, units, indices, reports, inspections)."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "data", root / "data")
    return root


def test_status_lists_every_finding_with_the_hand_counted_figures(
    cli: Callable[..., Run],
) -> None:
    run = cli(
        "inspection",
        "status",
        "--as-of",
        "2025-03-14",
        "--format",
        "json",
        "--today",
        TODAY,
        "--repo",
        PROJECT,
    )
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert len(data["findings"]) == 14
    assert data["counts"]["fixed_on_time"] == 12
    assert data["counts"]["fixed_late"] == 1
    assert data["counts"]["failed_recheck"] == 1
    assert (data["counts"]["due"], data["counts"]["fix_rate"]) == (14, 92.85)
    assert [s["unit_id"] for s in data["slow"]] == ["xa-tra-dzon"]
    text = cli("inspection", "status", "--as-of", "2025-03-14", "--today", TODAY, "--repo", PROJECT)
    assert text.code == 0
    assert text.out.count("kt-2024-") == 14
    assert "Phúc tra chưa đạt" in text.out and "UBND xã Trà Dơn (1)" in text.out


def test_new_writes_the_next_id_and_checks_clean(cli: Callable[..., Run], project: Path) -> None:
    run = cli("inspection", "new", "--date", "2025-04-02", "--repo", project)
    assert run.code == 0, run.err
    path = project / "data/inspections/2025/kt-2025-02.yaml"
    assert run.out.strip() == str(path)
    text = path.read_text("utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/inspection.schema.json"
    )
    assert "lead: phong-noi-vu" in text and "# xa-tra-mai: UBND xã Trà Mai" in text
    again = cli("inspection", "new", "--date", "2025-04-03", "--repo", project)
    assert again.out.strip().endswith("kt-2025-03.yaml")
    check = cli("check", "--today", TODAY, "--repo", project)
    assert "inspections" not in check.out, check.out


def test_documents_read_back(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "out"
    common = ("--out", out, "--as-of", "2025-03-14", "--today", TODAY, "--repo", PROJECT)
    assert cli("inspection", "document", "ket-luan", "-i", "kt-2024-02", *common).code == 0
    notice = docx.Document(str(out / "thong-bao-ket-luan-kt-2024-02.docx"))
    body = "\n".join(p.text for p in notice.paragraphs)
    assert "THÔNG BÁO" in body and "Kết luận kiểm tra đột xuất tại Trà Tập, Trà Vinh" in body
    assert "kt-2024" not in body  # no ids in an official document
    header = notice.tables[0].rows[0].cells[0].text
    assert "Số: 50/TB-PNV" in header
    table = notice.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Đơn vị",
        "Nội dung cần khắc phục",
        "Thời hạn khắc phục",
    ]
    assert len(table.rows) == 10  # header + 9 findings
    assert cli("inspection", "document", "don-doc", *common).code == 0
    letter = docx.Document(str(out / "cong-van-don-doc-khac-phuc-2025-03-14.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "Kính gửi: UBND xã Trà Dơn." in text
    assert "phúc tra chưa đạt" in text
    assert cli("inspection", "document", "phuc-tra", "-i", "kt-2025-01", *common).code == 0
    report = docx.Document(str(out / "bao-cao-phuc-tra-kt-2025-01.docx"))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "3 nội dung đã khắc phục đạt yêu cầu; 1 nội dung khắc phục chưa đạt" in text
    assert cli("inspection", "document", "danh-sach", *common).code == 0
    listed = docx.Document(str(out / "danh-sach-cham-khac-phuc-2025-03-14.docx"))
    rows = [[c.text for c in r.cells] for r in listed.tables[1].rows]
    assert rows[1][1] == "Trà Dơn" and rows[1][5] == "Phúc tra chưa đạt"


def test_a_broken_inspection_file_is_located_and_nothing_written(
    cli: Callable[..., Run], project: Path, tmp_path: Path
) -> None:
    rel = "data/inspections/2024/kt-2024-02.yaml"
    path = project / rel
    before = path.read_text("utf-8")
    path.write_text(before.replace("fix_by: 2025-01-31", "fix_by: 31/01/2025", 1), "utf-8")
    run = cli("inspection", "status", "--as-of", "2025-03-14", "--today", TODAY, "--repo", project)
    assert run.code == 1
    line = before[: before.index("fix_by: 2025-01-31")].count("\n") + 1
    assert f"{rel}:{line}:" in run.err and "PT1" in run.err
    out = tmp_path / "out"
    doc = cli(
        "inspection", "document", "danh-sach", "--out", out, "--today", TODAY, "--repo", project
    )
    assert doc.code == 1 and not out.exists()
    # the same in check, and the file is left as the user wrote it
    check = cli("check", "--today", TODAY, "--repo", project)
    assert check.code == 1 and f"{rel}:{line}:" in check.out
    assert "31/01/2025" in path.read_text("utf-8")


def test_the_consolidated_report_carries_the_inspection_paragraph_and_table(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "q1"
    run = cli(
        "consolidate",
        "--period",
        "2025-Q1",
        "--format",
        "md,json,xlsx",
        "--today",
        TODAY,
        "--out",
        out,
        "--repo",
        PROJECT,
    )
    assert run.code == 0, run.err
    md = (out / "bao-cao-tong-hop-2025-Q1.md").read_text("utf-8")
    assert (
        "**Kết quả kiểm tra và khắc phục sau kiểm tra:** trong kỳ, phúc tra 02 cuộc tại 02 đơn "
        "vị; lũy kế đến ngày 14/03/2025, có 14 tồn tại, hạn chế được kiến nghị khắc phục; đã "
        "khắc phục 13/14 (đúng hạn 12, quá hạn 1); chưa khắc phục 1 (phúc tra chưa đạt 1). Đơn "
        "vị chậm khắc phục: UBND xã Trà Dơn (1 tồn tại quá hạn)."
    ) in md
    assert "**KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ SAU KIỂM TRA**" in md
    assert "| **Tổng** | **14** | **12** | **1** | **0** | **0** | **1** | **92,85%** |" in md
    data = json.loads((out / "bao-cao-tong-hop-2025-Q1.json").read_text("utf-8"))
    assert data["oversight"]["counts"]["total"] == 14
    assert data["oversight"]["period_visits"] == {
        "count": 2,
        "units": 2,
        "by_kind": {"theo-ke-hoach": 0, "dot-xuat": 0, "phuc-tra": 2},
    }
    inputs = {f["path"] for f in data["provenance"]["files"]}
    assert "data/inspections/2024/kt-2024-01.yaml" in inputs
    from openpyxl import load_workbook

    wb = load_workbook(out / "bao-cao-tong-hop-2025-Q1.xlsx")
    assert wb.sheetnames[-2:] == ["Kiểm tra, khắc phục", "Nguồn dữ liệu"]
    assert wb["Kiểm tra, khắc phục"].cell(5, 1).value == "kt-2024-01-01"


def test_the_year_report_matches_the_units_own_counts(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "y"
    run = cli(
        "consolidate",
        "--period",
        "2024-Y",
        "--format",
        "md",
        "--today",
        TODAY,
        "--out",
        out,
        "--repo",
        PROJECT,
    )
    assert run.code == 0, run.err
    md = (out / "bao-cao-tong-hop-2024-Y.md").read_text("utf-8")
    # the office's year report: 5 units inspected, 14 recommendations, 11 fixed
    assert "trong kỳ, tổ chức 05 cuộc kiểm tra tại 05 đơn vị" in md
    assert "đã khắc phục 11/14 (đúng hạn 9, quá hạn 2); chưa khắc phục 3 (đang trong hạn 3)" in md


def test_remind_names_the_unit_late_to_fix_and_drafts_the_letter(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli("remind", "--period", "2025-Q1", "--as-of", "2025-03-14", "--repo", PROJECT)
    assert run.code == 0, run.err
    tail = run.out[run.out.index("Tồn tại sau kiểm tra chưa khắc phục") :]
    assert "UBND xã Trà Dơn [xa-tra-dzon]" in tail
    assert "phúc tra chưa đạt, quá 161 ngày" in tail
    out = tmp_path / "letters"
    run = cli(
        "remind",
        "--period",
        "2025-Q1",
        "--as-of",
        "2025-03-14",
        "--format",
        "docx",
        "--out",
        out,
        "--date",
        "2025-03-17",
        "--repo",
        PROJECT,
    )
    assert run.code == 0, run.err
    letter = docx.Document(str(out / "cong-van-don-doc-khac-phuc-2025-Q1.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "Kính gửi: UBND xã Trà Dơn." in text
    assert "chậm nhất ngày 24/03/2025" in text  # five working days after the letter
    # before any deadline passed nobody is chased for fixes, and no such letter is written
    quiet = cli("remind", "--period", "2024-Y", "--as-of", "2025-01-10", "--repo", PROJECT)
    assert "Tồn tại sau kiểm tra" not in quiet.out


def test_history_of_a_unit_lists_its_findings_and_those_it_took_over(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    import subprocess

    root = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(root)], check=True)
    run = cli("history", "phong-nong-nghiep-moi-truong", "--repo", root)
    assert run.code == 0, run.err
    assert "Tồn tại sau kiểm tra" in run.out
    assert "kt-2024-02-09" in run.out and "khắc phục ngày 20/12/2024" in run.out
