"""Checks running at once on one repository share its cache safely: none fails or finds
differently, the cache stays whole, and a run that cannot write in time gives up its write,
not its findings."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from plantrack.io import checkstore
from plantrack.validate.check import check_repository
from tests.conftest import REPORT_DON, REPORT_DZON, TODAY, MiniRepo, place


def _check(root: str, cache: str, only: list[str] | None, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import os

    os.environ["PLANTRACK_CACHE_DIR"] = cache
    findings = check_repository(Path(root), today=TODAY, only=only).findings
    out.put((only is None, [place(f) for f in findings]))


def _cache_file(cache: Path) -> Path:
    files = list(cache.glob("*.sqlite"))
    assert len(files) == 1
    return files[0]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="forks the checking runs"
)
def test_runs_at_once_find_the_same_and_keep_the_cache_whole(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = repo.root.parent / "cache"
    repo.edit(REPORT_DON, "    progress: 100\n", "    progres: 100\n")
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    whole = [place(f) for f in check_repository(repo.root, today=TODAY).findings]
    some = [item for item in whole if item[2] == REPORT_DON]
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    runs = [
        context.Process(target=_check, args=(str(repo.root), str(cache), only, out))
        for only in (None, [REPORT_DON], None, [REPORT_DON, REPORT_DZON], None, [REPORT_DON])
    ]
    for run in runs:
        run.start()
    results = [out.get(timeout=120) for _ in runs]
    for run in runs:
        run.join(timeout=120)
        assert run.exitcode == 0
    for full, found in results:
        if full:
            assert found == whole
        else:
            assert set(found) <= set(whole) and set(some) <= set(found)
    with sqlite3.connect(_cache_file(cache)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(cache))
    assert [place(f) for f in check_repository(repo.root, today=TODAY).findings] == whole


@pytest.mark.parametrize("lock", ["IMMEDIATE", "EXCLUSIVE"])  # writing; committing
def test_a_run_that_cannot_use_the_cache_in_time_keeps_its_findings(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, lock: str
) -> None:
    cache = repo.root.parent / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(cache))
    monkeypatch.setattr(checkstore, "BUSY_SECONDS", 0.05)
    expected = [place(f) for f in check_repository(repo.root, today=TODAY).findings]
    repo.write(REPORT_DZON, repo.read(REPORT_DZON) + "# sửa\n")
    holder = sqlite3.connect(_cache_file(cache), isolation_level=None)
    try:
        holder.execute(f"BEGIN {lock}")  # another run in the middle of its write
        found = [place(f) for f in check_repository(repo.root, today=TODAY).findings]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert found == expected
    assert [place(f) for f in check_repository(repo.root, today=TODAY).findings] == expected
