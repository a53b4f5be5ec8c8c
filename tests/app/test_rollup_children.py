"""Children derived on worker processes give what one process gives: the same derived reports,
drill-down and findings in the same order, and the figures they keep serve the next run.
Over a real git daemon and HTTP server (``tests/city.py``)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from plantrack.app import rollup_children
from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_verify import rolled_up
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)


def _processes(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Derive on processes even for two children, and write down which process derived."""
    real = rollup_children.derive_in

    def logged(source: Path, *args: Any, **kwargs: Any) -> Any:
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(rollup_children, "derive_in", logged)
    monkeypatch.setattr(rollup_children, "THRESHOLD", 1)


def test_workers_find_what_one_process_finds(
    city: City, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = city.children["xa-c"].root / "data/plan.yaml"  # findings across repositories
    plan.write_text(plan.read_text("utf-8").replace("serves: [t1]\n", "serves: [t9]\n", 1))
    city.children["xa-c"].commit("2024-09-19", "clerk@example.vn")
    city.push("xa-c")
    sync(city.parent, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)
    alone, alone_found = rolled_up(city.parent, PERIOD, city.cache, jobs=1, reuse=False)
    log = tmp_path / "pids"
    _processes(monkeypatch, log)
    shared, shared_found = rolled_up(city.parent, PERIOD, city.cache, jobs=2)
    pids = log.read_text().split()
    assert len(pids) == 2 and str(os.getpid()) not in pids and len(set(pids)) == 2
    assert shared_found == alone_found
    assert [f.code for f in shared_found] == ["PT707", "PT701"]
    assert shared.reports == alone.reports and shared.children == alone.children
    assert shared.sources == alone.sources
    kept, kept_found = rolled_up(city.parent, PERIOD, city.cache, jobs=2)  # kept by the workers
    assert len(log.read_text().split()) == 2
    assert kept_found == alone_found and kept.reports == alone.reports
