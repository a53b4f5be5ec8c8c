"""The rest of the CLI: explain, schema, --version, fatal errors, ``python -m plantrack``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import plantrack
from plantrack.models.jsonschema import json_schemas
from plantrack.validate.catalogue import CATALOGUE
from tests.cli.conftest import Run
from tests.conftest import MiniRepo

Cli = Callable[..., Run]


def test_version(cli: Cli) -> None:
    run = cli("--version")
    assert run.code == 0
    assert run.out == f"plantrack {plantrack.__version__}\n"


def test_no_arguments_shows_help(cli: Cli) -> None:
    run = cli()
    assert run.code in (0, 2)  # click 8.2+ treats "no arguments" as a usage error (2)
    assert "check" in run.out + run.err


def test_explain_a_code(cli: Cli) -> None:
    run = cli("explain", "PT004")
    assert run.code == 0
    assert run.out == (
        "PT004 (lỗi): Khóa bị lặp\n"
        "Thông báo: Khóa '{key}' bị lặp (đã có ở dòng {first_line}); giá trị sau sẽ bị mất\n"
        "Gợi ý: Gộp hai mục thành một hoặc đổi tên một khóa.\n"
    )


def test_explain_in_english_and_lower_case(cli: Cli) -> None:
    run = cli("explain", "pt004", "--lang", "en")
    assert run.code == 0
    assert run.out.splitlines()[0] == "PT004 (error): Duplicate key"
    assert run.out.splitlines()[2] == "Hint: Merge the two entries or rename one key."


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_leaves_out_hints_filled_per_finding(cli: Cli, lang: str) -> None:
    # PT101's hint is "did you mean …", known only for a finding: no empty template shown
    run = cli("explain", "PT101", "--lang", lang)
    assert run.code == 0
    assert "{suggestion" not in run.out
    assert len(run.out.splitlines()) == 2


def test_explain_all(cli: Cli) -> None:
    run = cli("explain", "all")
    assert run.code == 0
    lines = run.out.splitlines()
    assert [line.split()[0] for line in lines] == list(CATALOGUE)
    assert lines[0].startswith("PT001  lỗi       ")  # the severity in the language
    english = cli("explain", "all", "--lang", "en")
    assert english.out.splitlines()[0] == "PT001  error     File cannot be read"


def test_explain_unknown_code_exits_2(cli: Cli) -> None:
    run = cli("explain", "PT999")
    assert run.code == 2
    assert run.out == ""
    assert run.err == "plantrack: không có mã 'PT999'. Xem 'plantrack explain all'.\n"


def test_no_repository_exits_2_with_one_paragraph(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("check")
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("plantrack: Không tìm thấy kho dữ liệu")
    assert "--repo" in run.err
    assert "Traceback" not in run.err
    assert "\n\n" not in run.err.strip()
    assert run.err.count("\n") == 1


def test_repo_option_without_a_plan_exits_2(cli: Cli, tmp_path: Path) -> None:
    run = cli("check", "--repo", tmp_path)
    assert run.code == 2
    assert run.err.startswith("plantrack: ")
    assert "data/plan.yaml" in run.err
    assert "Traceback" not in run.err


def test_schema_writes_one_file_per_kind(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    run = cli("schema", "--out", out)
    assert run.code == 0
    expected = json_schemas()
    assert (
        sorted(p.name for p in out.iterdir())
        == sorted(expected)
        == [
            "emulation.schema.json",
            "index.schema.json",
            "inspection.schema.json",
            "plan.schema.json",
            "report.schema.json",
            "self-assessment.schema.json",
            "unit.schema.json",
        ]
    )
    for name, schema in expected.items():
        assert json.loads((out / name).read_text("utf-8")) == schema
    assert sorted(Path(line).name for line in run.out.splitlines()) == sorted(expected)


def test_schema_defaults_to_the_repository(cli: Cli, repo: MiniRepo) -> None:
    run = cli("schema", "--repo", repo.root)
    assert run.code == 0
    assert len(list(repo.path("schemas").glob("*.schema.json"))) == 7


def _run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANTRACK_REPO"}
    return subprocess.run(
        [sys.executable, "-m", "plantrack", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_python_m_plantrack_version(tmp_path: Path) -> None:
    done = _run_module("--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"plantrack {plantrack.__version__}\n"


def test_python_m_plantrack_check_exit_codes(repo: MiniRepo, tmp_path: Path) -> None:
    assert _run_module("check", "--repo", str(repo.root), cwd=tmp_path).returncode == 0
    repo.edit("data/plan.yaml", "time: Quý III/2024", "time: Quý V/2024")
    broken = _run_module("check", "--repo", str(repo.root), "--lang", "en", cwd=tmp_path)
    assert broken.returncode == 1
    assert broken.stdout.startswith("data/plan.yaml:46:11: error PT109 invalid task time")
    missing = _run_module("check", cwd=tmp_path)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
    assert missing.stderr.startswith("plantrack: ")
