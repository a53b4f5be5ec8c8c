"""The framework's own words (usage, help, usage errors) in Vietnamese, English with --lang en."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from plantrack.cli.app import app
from tests.cli.conftest import Run

Cli = Callable[..., Run]

ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Show this message and exit.",
    "[required]",
    "default:",
    "env var:",
    "Error:",
    "Try '",
    "Missing",
    "No such",
    "Invalid value",
    "Did you mean",
    "[OPTIONS]",
    "…",
    "<str>",
    "<path>",
    "<int>",
    " range>",
    "list[",
    "Input should",
    "{what}",
)
COMMANDS = [
    [],
    ["check"],
    ["consolidate"],
    ["status"],
    ["remind"],
    ["init"],
    ["audit"],
    ["history"],
    ["codeowners"],
    ["explain"],
    ["schema"],
    ["report"],
    ["report", "new"],
    ["form"],
    ["form", "export"],
    ["form", "import"],
]


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANTRACK_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "plantrack")
def test_help_is_vietnamese(cli: Cli, command: list[str]) -> None:
    run = cli(*command, "--help")
    assert run.code == 0
    assert english_in(run.out) == []
    assert run.out.startswith("Cách dùng: plantrack")
    assert "Hiện hướng dẫn này rồi thoát." in run.out


def test_help_in_english(cli: Cli) -> None:
    run = cli("consolidate", "--help", "--lang", "en")
    assert run.out.startswith("Usage: plantrack consolidate [OPTIONS]")
    assert "Show this message and exit." in run.out
    assert "[required]" in run.out
    assert "Tùy chọn" not in run.out


def test_required_and_default_marks(cli: Cli) -> None:
    run = cli("consolidate", "--help")
    assert "[bắt buộc]" in run.out
    assert "mặc định:" in run.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["chek"], "Lỗi: Không có lệnh 'chek'. Có phải ý bạn là 'check'"),
        (["consolidate"], "Lỗi: Thiếu tùy chọn '--period' / '-p'."),
        (["history"], "Lỗi: Thiếu đối số"),
        (["status", "--bogus"], "Lỗi: Không có tùy chọn --bogus."),
        (["status", "--period"], "Lỗi: Tùy chọn '--period' cần một giá trị."),
        (["check", "--format", "xml"], "Lỗi: Giá trị không hợp lệ cho --format:"),
        (["explain", "a", "b"], "Lỗi: Thừa đối số (b)."),
    ],
)
def test_usage_errors_are_vietnamese(cli: Cli, args: list[str], expected: str) -> None:
    run = cli(*args)
    assert run.code == 2
    assert expected in run.err
    assert english_in(run.err) == []


def test_usage_error_names_the_help(cli: Cli) -> None:
    run = cli("consolidate")
    assert run.err.startswith("Cách dùng: plantrack consolidate [TÙY CHỌN]\n")
    assert "Gõ 'plantrack consolidate --help' để xem hướng dẫn." in run.err


@pytest.mark.parametrize("args", [["status", "-p"], ["status", "--bogus"], ["chek"]])
def test_every_usage_error_shows_the_usage_lines(cli: Cli, args: list[str]) -> None:
    """An option missing its value too: its error comes with the usage, as the others."""
    run = cli(*args)
    assert run.code == 2
    assert run.err.startswith("Cách dùng: plantrack")
    assert "để xem hướng dẫn." in run.err


def test_number_ranges_in_help_are_in_the_language(cli: Cli) -> None:
    run = cli("rollup", "sync", "--help")
    assert "x>=" not in run.out
    assert "[mặc định: 2; từ 0 trở lên]" in run.out
    english = cli("rollup", "sync", "--help", "--lang", "en")
    assert "[default: 2; x>=0]" in english.out


def test_usage_errors_in_english(cli: Cli) -> None:
    run = cli("consolidate", "--lang", "en")
    assert run.code == 2
    assert "Error: Missing option '--period' / '-p'." in run.err
    assert "Try 'plantrack consolidate --help' for help." in run.err


def test_language_from_the_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_LANG", "en")
    assert "Error: No such command 'chek'." in cli("chek").err
    assert "Lỗi: Không có lệnh 'chek'." in cli("chek", "--lang", "vi").err


def test_cli_runner() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["status", "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: plantrack status [TÙY CHỌN]")
    result = runner.invoke(app, ["consolidate"])
    assert result.exit_code == 2
    assert "Lỗi: Thiếu tùy chọn '--period'" in result.output
    result = runner.invoke(app, ["consolidate", "--lang", "en"])
    assert "Error: Missing option '--period'" in result.output


def test_real_process() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PLANTRACK_LANG"}
    done = subprocess.run(
        [sys.executable, "-m", "plantrack", "form", "export"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Cách dùng: plantrack form export [TÙY CHỌN]")
    assert "Lỗi: Thiếu tùy chọn '--period' / '-p'." in done.stderr
    assert english_in(done.stderr) == []


def _every_command() -> list[list[str]]:
    """Every command and sub-command of the tool, as the words that name it."""
    import typer.main

    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            if not sub.hidden:
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_help_page_is_vietnamese(cli: Cli) -> None:
    """``--help`` of the tool and of each command and sub-command: no English word, no value
    kind in English (``<int range>``, ``<list[Path]>``), no argument named in English."""
    commands = _every_command()
    assert len(commands) >= 30
    for command in commands:
        run = cli(*command, "--help")
        assert run.code == 0, command
        assert english_in(run.out) == [], (command, english_in(run.out))
        assert re.findall(r"<[a-z][a-z ]*>", run.out) == [], command  # <chữ>, <số>, <kỳ>
        assert "Hiện hướng dẫn này rồi thoát." in run.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["rollup", "sync", "-p", "2024-Y", "--jobs", "0"], "Cần một số từ 1 trở lên."),
        (["rollup", "sync", "-p", "2024-Y", "--retries", "-1"], "Cần một số từ 0 trở lên."),
        (["inspection", "document"], "Lỗi: Thiếu đối số 'LOẠI'."),
    ],
)
def test_value_bounds_and_argument_names_are_vietnamese(
    cli: Cli, args: list[str], expected: str
) -> None:
    run = cli(*args)
    assert run.code == 2
    assert expected in run.err
    assert english_in(run.err) == []


@pytest.mark.parametrize("command", [[], ["form"], ["rollup"], ["emulation", "form"]])
def test_a_group_without_its_command_shows_its_help_not_an_error(
    cli: Cli, command: list[str]
) -> None:
    run = cli(*command)
    assert run.code == 2
    assert run.err.startswith("Cách dùng: plantrack")
    assert "Lỗi" not in run.err and run.err.count("Cách dùng:") == 1
    assert "Lệnh:" in run.err


def test_explain_all_names_severities_in_the_language(cli: Cli) -> None:
    vi = cli("explain", "all").out.splitlines()
    assert vi[0].split()[:2] == ["PT001", "lỗi"]
    assert any(line.split()[1:3] == ["cảnh", "báo"] for line in vi)
    assert not any(word in cli("explain", "all").out.split() for word in ("error", "warning"))
    assert cli("explain", "all", "--lang", "en").out.split()[:2] == ["PT001", "error"]
