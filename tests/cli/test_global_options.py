"""Options where a user types them: ``--repo`` and ``--lang`` before or after the command,
``PLANTRACK_LANG``, period codes in any case, ``--format`` beside ``status --json``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

Cli = Callable[..., Run]
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture outside any git repository."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("PLANTRACK_LANG", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    return root


def test_repo_and_lang_before_the_command(cli: Cli, repo: Path) -> None:
    before = cli("--repo", repo, "--lang", "en", "status", "-p", "2024-Q3", "--format", "json")
    after = cli("status", "-p", "2024-Q3", "--format", "json", "--repo", repo, "--lang", "en")
    assert before.code == after.code == 0, before.err
    assert before.out == after.out


def test_repo_before_a_nested_command(cli: Cli, repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    run = cli("--repo", repo, "form", "export", "-p", "2024-Q3", "-u", "xa-tra-don", "--out", out)
    assert run.code == 0, run.err
    assert out.is_file()


def test_lang_before_the_command_reaches_its_words(cli: Cli, repo: Path) -> None:
    run = cli("--lang", "en", "--repo", repo, "remind", "-p", "2024-q3", "--as-of", "2024-10-20")
    assert run.code in (0, 1), run.err
    assert "Đơn vị" not in run.out


def test_period_codes_in_any_case(cli: Cli, repo: Path) -> None:
    lower = cli("status", "-p", "2024-q3", "--repo", repo, "--json")
    upper = cli("status", "-p", "2024-Q3", "--repo", repo, "--json")
    assert lower.code == upper.code == 0, lower.err
    assert lower.out == upper.out
    assert json.loads(lower.out)["period"]["id"] == "2024-Q3"


def test_status_format_json_is_the_json_alias(cli: Cli, repo: Path) -> None:
    alias = cli("status", "-p", "2024-Q3", "--repo", repo, "--json")
    option = cli("status", "-p", "2024-Q3", "--repo", repo, "--format", "json")
    assert alias.out == option.out
    assert cli("status", "-p", "2024-Q3", "--repo", repo, "--format", "xml").code == 2


def test_lang_from_the_environment(cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    run = cli("explain", "PT004")
    assert run.out.startswith("PT004 (error): Duplicate key")


def test_an_option_typed_before_the_command_wins_over_the_environment(
    cli: Cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTRACK_REPO", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    before = cli("--repo", repo, "--lang", "vi", "status", "-p", "2024-Q3")
    after = cli("status", "-p", "2024-Q3", "--repo", repo, "--lang", "vi")
    assert before.code == after.code == 0, before.err
    assert before.out == after.out and "Đơn vị" in before.out


def test_the_environment_still_serves_every_command(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTRACK_REPO", str(repo))
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    run = cli("status", "-p", "2024-Q3", "--format", "json")
    assert run.code == 0, run.err
    nested = cli("form", "export", "-p", "2024-Q3", "-u", "xa-tra-don", "--out", repo / "f.xlsx")
    assert nested.code == 0, nested.err
    typed_after = cli("status", "-p", "2024-Q3", "--lang", "vi")
    assert "Đơn vị" in typed_after.out
