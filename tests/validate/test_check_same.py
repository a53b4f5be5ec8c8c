"""A check finds the same, in the same order, however it runs: without the cache, cold on
several processes, warm, after an edit of a report or of a unit (rules re-run from stored
facts), and for some files (which merge into the cache)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from plantrack.validate import parallel
from plantrack.validate.check import check_repository
from tests.conftest import REPORT_DON, REPORT_DZON, REPORT_PNV, TODAY, UNIT_DZON, MiniRepo

PERIODS = ("2024-Q3", "2024-Y", "2025-Q1", "2025-H1")
# ways for a report to go wrong: the first four where tasks are done (xa-tra-don), the rest
# anywhere; each on its own line, so that findings land on many lines
BREAKS: tuple[tuple[str, str], ...] = (
    ("    progress: 100\n", "    progress: 0100\n"),  # YAML 1.1 reads it otherwise: PT020
    ("    state: done\n", "    state: done\n    state: done\n"),  # a duplicate key: PT004
    ("    progress: 100\n", "    progres: 100\n"),  # an unknown key
    ("completed: 2024-09-10", "completed: 2024-02-30"),  # no such day
    ("tasks:\n", "tasks: &t\n"),  # an anchor: the careful builder
    ("submitted: 2024-09-1", "submitted: 2031-01-1"),  # signed after the day of the check
    ("", ""),  # clean
)


def fill(repo: MiniRepo) -> list[str]:
    """Reports of every unit in every period, broken in turns; their paths."""
    made = []
    sources = {rel: repo.read(rel) for rel in (REPORT_DON, REPORT_DZON, REPORT_PNV)}
    for p_index, period in enumerate(PERIODS):
        for u_index, (source, text) in enumerate(sources.items()):
            turn = p_index if source == REPORT_DON else 4 + (p_index + u_index) % 3
            old, new = BREAKS[turn]
            assert old in text
            text = text.replace(old, new, 1).replace("period: 2024-Q3", f"period: {period}")
            rel = f"data/reports/{period}/{Path(source).name}"
            repo.write(rel, text)
            made.append(rel)
    past = time.time() - 60  # stamps alone prove the files unchanged
    for path in (repo.root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))
    return made


def everything(findings: list[Any]) -> list[dict[str, Any]]:
    """Every field of every finding, in order."""
    return [f.to_dict() for f in findings]


def run(repo: MiniRepo, cache: str, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Any:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", cache)
    return everything(check_repository(repo.root, today=TODAY, **kwargs).findings)


@pytest.fixture
def many(repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The mini repository with twelve reports, and workers started for a handful of files."""
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "PER_WORKER", 2)
    return fill(repo)


def test_cold_parallel_warm_and_edited_checks_find_the_same(
    repo: MiniRepo, many: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = str(repo.root.parent / "cache")
    expected = run(repo, "off", monkeypatch, jobs=1)
    codes = {item["code"] for item in expected}
    assert {"PT020", "PT004", "PT226"} <= codes  # the breaks above did break
    assert run(repo, "off", monkeypatch, jobs=2) == expected
    assert run(repo, cache, monkeypatch, jobs=2) == expected  # cold, on two processes
    assert run(repo, cache, monkeypatch, jobs=2) == expected  # warm
    assert run(repo, cache, monkeypatch, jobs=1) == expected
    edited = many[4]
    repo.write(edited, repo.read(edited) + "proposals:\n  - Thêm\n  - Thêm nữa\n")
    expected = run(repo, "off", monkeypatch, jobs=1)
    assert run(repo, cache, monkeypatch, jobs=2) == expected
    repo.write(UNIT_DZON, repo.read(UNIT_DZON) + "# sửa\n")  # rules re-run from facts
    assert run(repo, cache, monkeypatch, jobs=2) == expected


def test_some_files_find_what_the_whole_check_finds_of_them(
    repo: MiniRepo, many: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = str(repo.root.parent / "cache")
    whole = run(repo, "off", monkeypatch, jobs=1)
    chosen = many[3:6]
    expected = [item for item in whole if item["path"] in chosen]
    assert expected
    assert run(repo, cache, monkeypatch, only=chosen) == expected  # cold: some files only
    assert run(repo, cache, monkeypatch, jobs=2) == whole  # the rest added to the cache
    repo.write(chosen[0], repo.read(chosen[0]) + "# sửa\n")
    assert run(repo, cache, monkeypatch, only=chosen[:1]) == [
        item for item in whole if item["path"] == chosen[0]
    ]
    assert run(repo, cache, monkeypatch, jobs=1) == whole  # merged, not replaced
