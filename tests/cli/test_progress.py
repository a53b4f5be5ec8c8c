"""The progress bar: silent where nobody watches, rich's bar where stderr may be a terminal."""

from __future__ import annotations

import pytest

from plantrack.cli import progress as progress_module
from plantrack.cli.progress import progress


def test_silent_without_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    with progress("progress.check") as tick:
        tick(1, 2)
    assert tick is progress_module._silent
    assert capsys.readouterr().err == ""


def test_quiet_is_silent_even_when_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    with progress("progress.check", quiet=True) as tick:
        tick(1, 2)
    assert tick is progress_module._silent


def test_rich_decides_when_the_environment_forces_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    with progress("progress.check", "en") as tick:
        tick(1, 2)
    assert tick is not progress_module._silent
