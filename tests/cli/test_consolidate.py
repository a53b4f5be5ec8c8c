"""``plantrack consolidate``: files written, exit codes, determinism and JSON parity.

Only ``--format md,json`` here: HTML and xlsx have tests of their own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plantrack import api
from plantrack.cli.app import main
from plantrack.io.outdir import MARKER
from plantrack.render.documents import render_json

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
MD = "bao-cao-tong-hop-2024-Q3.md"
JSON = "bao-cao-tong-hop-2024-Q3.json"
TRA_DZON = Path("data/reports/2024-Q3/xa-tra-dzon.yaml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture outside any git repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("PLANTRACK_REPO", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI; return its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    code = exc.value.code
    return (code if isinstance(code, int) else 1), out, err


def consolidate(
    capsys: pytest.CaptureFixture[str], repo: Path, out: Path, *extra: str
) -> tuple[int, str, str]:
    return run(
        capsys,
        "consolidate",
        "--period",
        "2024-Q3",
        "--repo",
        str(repo),
        "--out",
        str(out),
        "--format",
        "md,json",
        *extra,
    )


def test_writes_the_files(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = consolidate(capsys, repo, out)
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([MD, JSON, MARKER])
    assert stdout.splitlines() == [str(out / MD), str(out / JSON)]
    text = (out / MD).read_text(encoding="utf-8")
    assert (
        "# BÁO CÁO\n\n**Kết quả thực hiện Kế hoạch nâng cao Chỉ số SIPAS, PAPI 9 tháng năm 2024**"
        in text
    )
    data = json.loads((out / JSON).read_text(encoding="utf-8"))
    assert data["period"]["id"] == "2024-Q3"
    assert data["overall"]["due"] == 1
    assert data["overall"]["completion_rate"] == 100.0


def test_two_runs_are_byte_identical(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert consolidate(capsys, repo, first)[0] == 0
    assert consolidate(capsys, repo, second)[0] == 0
    for name in (MD, JSON):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    # running again into its own output folder replaces it, same bytes
    before = (first / JSON).read_bytes()
    assert consolidate(capsys, repo, first)[0] == 0
    assert (first / JSON).read_bytes() == before


def test_json_equals_render_json_of_the_api(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert consolidate(capsys, repo, out)[0] == 0
    prepared = api.prepare_consolidation(repo, "2024-Q3")
    assert prepared.vm is not None
    assert (out / JSON).read_text(encoding="utf-8") == render_json(prepared.vm)


def test_as_of_moves_the_cutoff_of_statuses(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 01/10/2024 t1 (Quý III → 30/09) is past its deadline: Trà Dơn, a lead unit, is
    # overdue; Phòng Nội vụ only supports t1, so it is not rated. Due 1 + 1 = 2;
    # completion 1/2 = 50%, overdue 50%.
    out = tmp_path / "out"
    code, _, stderr = consolidate(capsys, repo, out, "--as-of", "2024-10-01")
    assert code == 0, stderr
    data = json.loads((out / JSON).read_text(encoding="utf-8"))
    assert data["as_of"] == "2024-10-01"
    overall = data["overall"]
    assert (overall["due"], overall["overdue"]) == (2, 1)
    assert (overall["completion_rate"], overall["overdue_rate"]) == (50.0, 50.0)
    assert sorted((p["task_id"], p["unit_id"]) for p in data["overdue"]) == [
        ("t1", "xa-tra-dzon"),
    ]


def test_an_invalid_report_exits_1_and_writes_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = repo / TRA_DZON
    report.write_text(
        report.read_text(encoding="utf-8").replace("task: t1", "task: t9"), encoding="utf-8"
    )
    out = tmp_path / "out"
    code, stdout, stderr = consolidate(capsys, repo, out)
    assert code == 1
    assert not out.exists()
    assert stdout == ""
    assert "data/reports/2024-Q3/xa-tra-dzon.yaml:" in stderr
    assert "PT202" in stderr
    assert "không có tệp nào được ghi" in stderr
    assert "Traceback" not in stderr


def test_an_invalid_report_leaves_a_previous_output_alone(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert consolidate(capsys, repo, out)[0] == 0
    before = (out / MD).read_bytes()
    report = repo / TRA_DZON
    report.write_text(
        report.read_text(encoding="utf-8").replace("progress: 60", "progress: 160"),
        encoding="utf-8",
    )
    assert consolidate(capsys, repo, out)[0] == 1
    assert (out / MD).read_bytes() == before


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2024-Q5", "không phải kỳ báo cáo"),
        ("Q3-2024", "không phải kỳ báo cáo"),
        ("2024-Q2", "không yêu cầu báo cáo kỳ 2024-Q2"),  # Q2 is not among the plan's periods
        ("2024-Q1", "không yêu cầu báo cáo kỳ 2024-Q1"),  # before the first period
    ],
)
def test_a_bad_period_exits_2_with_a_message(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str, message: str
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(
        capsys, "consolidate", "-p", period, "--repo", str(repo), "--out", str(out),
        "--format", "md,json",
    )  # fmt: skip
    assert code == 2
    assert stderr.startswith("plantrack: ")
    assert message in stderr
    assert "Traceback" not in stderr + stdout
    assert not out.exists()


def test_a_folder_plantrack_did_not_write_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của tôi\n", encoding="utf-8")
    code, _, stderr = consolidate(capsys, repo, out)
    assert code == 2
    assert "--force" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["ghi-chu.txt"]
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi\n"
    # no staging folder left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "repo"]
    # with --force the outputs are written beside the user's file, which stays
    code, _, stderr = consolidate(capsys, repo, out, "--force")
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([MD, JSON, MARKER, "ghi-chu.txt"])
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi\n"


def test_an_empty_folder_is_used(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    assert consolidate(capsys, repo, out)[0] == 0
    assert (out / MD).is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "md,pdf"),
        ("--format", ""),
        ("--as-of", "2024-13-01"),
        ("--as-of", "14/09/2024"),
    ],
)
def test_bad_options_exit_2(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, str]
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(
        capsys, "consolidate", "-p", "2024-Q3", "--repo", str(repo), "--out", str(out), *args
    )
    assert code == 2
    assert "Traceback" not in stderr + stdout
    assert not out.exists()


def test_a_folder_that_is_not_a_repository_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, stderr = run(
        capsys, "consolidate", "-p", "2024-Q3", "--repo", str(tmp_path), "--format", "md,json"
    )
    assert code == 2
    assert "data/plan.yaml" in stderr
    assert "Traceback" not in stderr


def test_default_output_folder_is_build_period(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, stderr = run(
        capsys, "consolidate", "-p", "2024-Q3", "--repo", str(repo), "--format", "md,json"
    )
    assert code == 0, stderr
    assert (repo / "build" / "2024-Q3" / MD).is_file()
    assert str(repo / "build" / "2024-Q3" / JSON) in stdout


def test_every_default_format_is_written_and_byte_identical_on_a_rerun(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """The default run writes .md, .html, .xlsx, .docx and .json; a second run into another
    folder gives the same bytes for every one of them."""
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        code, _, err = run(
            capsys, "consolidate", "--period", "2024-Q3", "--repo", str(repo), "--out", str(out)
        )
        assert code == 0, err
    names = sorted(p.name for p in first.iterdir() if p.name != MARKER)
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "html", "json", "md", "xlsx"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_run_in_a_git_repository_names_the_data_commit(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    """Provenance names the commit of the data, and an uncommitted edit is said aloud."""
    import subprocess

    env_git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.vn"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*env_git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*env_git, "commit", "-qm", "data"], cwd=repo, check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    out = tmp_path / "out"
    code, _, err = consolidate(capsys, repo, out)
    assert code == 0, err
    provenance = json.loads((out / JSON).read_text(encoding="utf-8"))["provenance"]
    assert provenance["data_commit"] == head
    assert provenance["uncommitted"] == []
    report = repo / TRA_DZON
    report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, _, err = consolidate(capsys, repo, out)
    assert code == 0
    assert "chưa commit" in err
    provenance = json.loads((out / JSON).read_text(encoding="utf-8"))["provenance"]
    assert provenance["uncommitted"] == [TRA_DZON.as_posix()]
