"""``plantrack remind`` called as a function: formats, --out, exit codes (mini fixture, no git)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import typer

from plantrack.cli.remind_cmd import remind

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
REPORTS = Path("data") / "reports" / "2024-Q3"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """The mini fixture without git and without Trà Don's report."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / REPORTS / "xa-tra-don.yaml").unlink()
    return root


def run(repo: Path, **options: Any) -> int:
    args: dict[str, Any] = {
        "period": "2024-Q3",
        "as_of": "2024-10-05",
        "out": None,
        "fmt": "text",
        "number": None,
        "date": None,
        "signer": None,
        "reply_by": None,
        "repo": repo,
    }
    args.update(options)
    return remind(**args)


def test_text_to_stdout(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo) == 0
    out = capsys.readouterr().out
    assert "UBND xã Trà Don [xa-tra-don]" in out
    assert "Báo cáo: chưa gửi (quá hạn 20 ngày)" in out
    assert "Báo cáo: gửi trễ 3 ngày (ngày gửi 18/09/2024)" in out
    assert (
        "t1 Niêm yết công khai thủ tục hành chính (hạn 30/09/2024, quá 5 ngày, tiến độ 60%)" in out
    )
    # Phòng Nội vụ only supports t1: the lead communes owe it, not the office
    assert "Tổng: 1 đơn vị chưa gửi báo cáo, 1 đơn vị gửi trễ, 2 đơn vị có nhiệm vụ quá hạn." in out


def test_json_and_markdown(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, fmt="json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"] == {"missing": 1, "late": 1, "with_overdue": 2}
    assert [u["unit_id"] for u in data["units"]] == ["xa-tra-don", "xa-tra-dzon"]
    assert data["units"][0]["owes_report"] is True
    assert run(repo, fmt="md") == 0
    markdown = capsys.readouterr().out
    assert "| UBND xã Trà Dơn | gửi trễ 3 ngày (ngày gửi 18/09/2024) | 1 |  |" in markdown


def test_out_writes_a_file(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, fmt="md", out=tmp_path / "out") == 0
    target = tmp_path / "out" / "don-doc-2024-Q3.md"
    assert capsys.readouterr().out.strip() == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Đôn đốc 9 tháng năm 2024")


def test_docx_letter(repo: Path, tmp_path: Path) -> None:
    assert run(repo, fmt="docx", out=tmp_path / "out", number="3", date="2024-10-07") == 0
    document = docx.Document(str(tmp_path / "out" / "cong-van-don-doc-2024-Q3.docx"))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text]
    # no document settings in the mini plan: the office's code is left for the office
    assert left[-2:] == [
        "Số: 03/",
        "V/v đôn đốc gửi báo cáo và thực hiện nhiệm vụ Kế hoạch nâng cao Chỉ số SIPAS, PAPI "
        "9 tháng năm 2024",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi:" in texts
    # reply five working days after the letter's date
    assert any("chậm nhất ngày 14/10/2024" in t for t in texts)


def test_docx_needs_out(repo: Path) -> None:
    with pytest.raises(typer.BadParameter):
        run(repo, fmt="docx")
    with pytest.raises(typer.BadParameter):
        run(repo, fmt="pdf")


def test_exit_zero_when_nobody_is_late(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(repo, as_of="2024-09-10", period="2024-Q3") == 0  # before any deadline
    shutil.copy(MINI / REPORTS / "xa-tra-don.yaml", repo / REPORTS / "xa-tra-don.yaml")
    late = repo / REPORTS / "xa-tra-dzon.yaml"
    late.write_text(late.read_text(encoding="utf-8").replace("2024-09-18", "2024-09-15"), "utf-8")
    capsys.readouterr()
    assert run(repo, as_of="2024-09-20") == 0
    assert "Không có đơn vị nào" in capsys.readouterr().out
    assert run(repo, as_of="2024-09-20", fmt="docx", out=tmp_path / "none") == 0
    assert not (tmp_path / "none").exists()
