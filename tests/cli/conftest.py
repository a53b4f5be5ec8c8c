"""Run the real CLI in-process: ``main([...])``, its exit code and what it printed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from plantrack.cli.app import main


@dataclass
class Run:
    """One CLI run: exit code, standard output, standard error."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _no_repo_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANTRACK_REPO", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Call ``cli("check", "--repo", …)``; the process would exit with ``Run.code``."""

    def run(*args: str) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as caught:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        code = caught.value.code
        return Run(code if isinstance(code, int) else (0 if code is None else 1), *captured)

    return run
