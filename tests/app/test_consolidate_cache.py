"""A consolidation with the check cache: the period before is taken from the facts the last
check stored, not read again, and the view-model is the same as without the cache."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from plantrack.app.consolidate import prepare
from plantrack.render.documents import render_json
from plantrack.validate import period
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


def test_the_period_before_comes_from_the_check_cache(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = prepare(embedded, "2025-Q1", today=TODAY)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(embedded, today=TODAY)
    examined: list[str] = []
    original = period.examine
    monkeypatch.setattr(
        period, "examine", lambda s, f, *a: (examined.append(f.folder), original(s, f, *a))[1]
    )
    cached = prepare(embedded, "2025-Q1", today=TODAY)
    assert uncached.vm is not None and cached.vm is not None
    assert render_json(cached.vm) == render_json(uncached.vm)
    assert examined and set(examined) == {"2025-Q1"}  # the period itself, read once each
    assert cached.findings == uncached.findings
