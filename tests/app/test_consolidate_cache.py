"""A consolidation with the check cache gives the view-model it gives without it, and reads
each report once (hashing it as it reads it)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from plantrack.app import consolidate as consolidate_module
from plantrack.app.consolidate import prepare
from plantrack.render.documents import render_json
from plantrack.validate import parallel
from plantrack.validate.check import check_repository

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def embedded(tmp_path: Path) -> Path:
    """A copy of this project's own data (several periods), dated an hour back."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    past = time.time() - 3600
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))
    return root


def test_the_cache_changes_nothing_and_each_report_is_read_once(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = prepare(embedded, "2025-Q1", today=TODAY)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(embedded, today=TODAY)
    examined: list[str] = []
    original = parallel.examine
    monkeypatch.setattr(
        parallel, "examine", lambda s, f, *a: (examined.append(f.rel), original(s, f, *a))[1]
    )
    cached = prepare(embedded, "2025-Q1", today=TODAY)
    assert uncached.vm is not None and cached.vm is not None
    assert render_json(cached.vm) == render_json(uncached.vm)
    assert len(examined) == len(set(examined))  # no report read twice (before: for its hash)
    assert cached.findings == uncached.findings


def test_reports_parsed_by_workers_give_what_one_process_gives(
    embedded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    monkeypatch.setenv("PLANTRACK_JOBS", "1")
    one = prepare(embedded, "2025-Q1", today=TODAY)
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    monkeypatch.setattr(parallel, "THRESHOLD", 1)  # workers even for a handful of reports
    monkeypatch.setattr(parallel, "PER_WORKER", 1)
    # the digests of the files the workers read reach the ledger: none is read again
    monkeypatch.setattr(consolidate_module, "hashlib", None)
    many = prepare(embedded, "2025-Q1", today=TODAY)
    assert one.vm is not None and many.vm is not None
    assert many.vm.provenance.files and render_json(many.vm) == render_json(one.vm)
    assert many.findings == one.findings
