"""A large consolidation's workbook rendered on a second process beside the other formats:
the same bytes as on one process, and a failure there rendered (and raised) here."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from plantrack.app import outputs
from plantrack.app.consolidate import prepare
from plantrack.render.xlsx import workbook

TODAY = dt.date(2024, 10, 1)


def _rendered(plain: Path) -> dict[str, bytes]:
    vm = prepare(plain, "2024-Q3", today=TODAY).vm
    assert vm is not None
    return outputs.render_outputs(vm, plain)


def _logged(monkeypatch: pytest.MonkeyPatch, log: Path, fail_aside: bool = False) -> None:
    """Write down which process renders the workbook (and, asked, fail on any other)."""
    real, here = workbook.render_xlsx, os.getpid()

    def logged(vm: Any) -> bytes:
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        if fail_aside and os.getpid() != here:
            raise RuntimeError("the worker fails")
        return real(vm)

    monkeypatch.setattr(workbook, "render_xlsx", logged)


def test_the_workbook_aside_gives_the_same_bytes(
    plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTRACK_JOBS", "1")
    alone = _rendered(plain)
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    monkeypatch.setattr(outputs, "ASIDE_ROWS", 0)
    log = tmp_path / "pids"
    _logged(monkeypatch, log)
    aside = _rendered(plain)
    assert log.read_text().split() != [str(os.getpid())]  # rendered on another process
    assert list(aside) == list(alone) and aside == alone


def test_a_workbook_failing_aside_is_rendered_here(
    plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    monkeypatch.setattr(outputs, "ASIDE_ROWS", 0)
    log = tmp_path / "pids"
    _logged(monkeypatch, log, fail_aside=True)
    files = _rendered(plain)
    pids = log.read_text().split()
    assert len(pids) == 2 and pids[-1] == str(os.getpid())
    assert any(name.endswith(".xlsx") and data for name, data in files.items())
