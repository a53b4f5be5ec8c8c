"""``plantrack status``: the period's picture in the terminal, or as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plantrack import api
from plantrack.cli.app import main
from plantrack.render.documents import render_json

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture outside any git repository; a wide terminal."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("PLANTRACK_REPO", raising=False)
    monkeypatch.setenv("COLUMNS", "160")
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--period", "2024-Q3", "--repo", str(repo), "--json")
    assert code == 0, err
    data = json.loads(out)
    units = {u["id"]: u for u in data["units"]}
    assert units["xa-tra-don"]["submission"]["label"] == "Đúng hạn"
    assert units["xa-tra-dzon"]["submission"]["label"] == "Trễ hạn"
    assert units["xa-tra-dzon"]["submission"]["days_late"] == 3
    labels = {p["status_label"] for s in data["sections"] for t in s["tasks"] for p in t["pairs"]}
    assert labels == {
        "Hoàn thành đúng hạn",
        "Đang thực hiện trong hạn",
        "Thường xuyên - có triển khai",
    }
    assert data["overall"]["completion_rate"] == 100.0


def test_json_equals_the_api_and_consolidate(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", "-p", "2024-Q3", "--repo", str(repo), "--json")
    assert code == 0
    prepared = api.prepare_consolidation(repo, "2024-Q3")
    assert prepared.vm is not None
    assert out == render_json(prepared.vm)
    target = tmp_path / "out"
    code, _, _ = run(
        capsys, "consolidate", "-p", "2024-Q3", "--repo", str(repo), "--out", str(target),
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert (target / "bao-cao-tong-hop-2024-Q3.json").read_text(encoding="utf-8") == out


def test_text_view(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "-p", "2024-Q3", "--repo", str(repo))
    assert code == 0, err
    for text in (
        "Kế hoạch thử nghiệm nâng cao Chỉ số SIPAS và PAPI",
        "Kỳ 9 tháng năm 2024: số liệu 15/12/2023 – 14/09/2024; hạn gửi 15/09/2024",
        "Tình trạng nhiệm vụ",
        "Hoàn thành đúng hạn",
        "Đang thực hiện trong hạn",
        "Chưa hoàn thành, quá hạn",
        "Thường xuyên - có triển khai",
        "Chưa báo cáo",
        "Tình hình gửi báo cáo",
        "UBND xã Trà Don",
        "UBND xã Trà Dơn",
        "Đúng hạn",
        "Trễ hạn",
        "18/09/2024",
        "Nhiệm vụ quá hạn chưa hoàn thành (0)",
    ):
        assert text in out, text
    # counts: 1 done on time, 2 open within deadline, 1 recurring; due/completed/rate
    assert "1 / 1 / 100%" in out
    assert "Traceback" not in err


def test_text_view_lists_overdue_tasks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "status", "-p", "2024-Q3", "--as-of", "2024-10-01", "--repo", str(repo)
    )
    assert code == 0, err
    # Trà Dơn leads t1; Phòng Nội vụ only supports it and is not counted
    assert "Nhiệm vụ quá hạn chưa hoàn thành (1)" in out
    assert "t1. Niêm yết công khai thủ tục hành chính" in out
    assert "30/09/2024" in out
    assert "60%" in out  # Trà Dơn's progress
    assert "2 / 1 / 50%" in out


def test_latest_period_by_default(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--repo", str(repo), "--json")
    assert code == 0
    assert json.loads(out)["period"]["id"] == "2024-Q3"


def test_no_reports_at_all_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(repo / "data" / "reports")
    code, out, err = run(capsys, "status", "--repo", str(repo))
    assert code == 2
    assert "chưa có báo cáo" in err
    assert "Traceback" not in err + out


def test_invalid_report_exits_1(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = repo / "data" / "reports" / "2024-Q3" / "xa-tra-dzon.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace("task: t1", "task: t9"), encoding="utf-8"
    )
    code, out, err = run(capsys, "status", "-p", "2024-Q3", "--repo", str(repo), "--json")
    assert code == 1
    assert out == ""
    assert "PT202" in err


@pytest.mark.parametrize("period", ["2024-Q5", "2024-Q2"])
def test_bad_period_exits_2(repo: Path, capsys: pytest.CaptureFixture[str], period: str) -> None:
    code, out, err = run(capsys, "status", "-p", period, "--repo", str(repo))
    assert code == 2
    # (a non-terminal stderr gets an empty line from the progress display first)
    assert err.strip().startswith("plantrack: ")
    assert "Traceback" not in err + out
