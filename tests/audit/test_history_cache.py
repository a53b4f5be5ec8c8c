"""``history`` from the check cache: each stored version of a report is parsed once ever, and
the answer is the same as without the cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from plantrack.app import gitread
from plantrack.app.history import run_history
from tests.audit.conftest import Repo


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the blobs parsed."""
    calls: list[int] = []
    original = gitread.load_yaml_bytes

    def counting(raw: bytes, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(len(raw))
        return original(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gitread, "load_yaml_bytes", counting)
    return calls


@pytest.mark.parametrize("target", ["t1", "xa-tra-dzon"])
def test_a_second_history_parses_no_report_version(
    mini: Repo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[int], target: str
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = dataclasses.asdict(run_history(mini.root, target))
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    parses.clear()
    cold = dataclasses.asdict(run_history(mini.root, target))
    first = len(parses)
    parses.clear()
    warm = dataclasses.asdict(run_history(mini.root, target))
    assert uncached == cold == warm
    # report versions come from their stored summaries; only the plan's or the unit file's
    # versions (who was allowed, deadlines moved) are read again
    assert len(parses) < first
    if target == "t1":
        assert len(parses) <= 1
