"""A consolidation with the check cache gives the view-model it gives without it, and reads
each report once (hashing it as it reads it)."""

from __future__ import annotations

import datetime as dt
import os
import re
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


def _outputs(root: Path, period_id: str) -> tuple[dict[str, bytes], list[object]]:
    """The Markdown, HTML and JSON outputs of ``period_id`` (bytes) and the findings."""
    from plantrack.app.outputs import render_outputs

    prepared = prepare(root, period_id, today=TODAY)
    assert prepared.vm is not None
    return render_outputs(prepared.vm, root, ("md", "html", "json")), list(prepared.findings)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the reports parsed from here on."""
    from plantrack.validate import examine as examine_module

    parsed: list[str] = []
    original = examine_module._parsed
    monkeypatch.setattr(
        examine_module, "_parsed", lambda s, f, *a: (parsed.append(f.rel), original(s, f, *a))[1]
    )
    return parsed


@pytest.mark.parametrize("period_id", ["2024-Q3", "2024-Y", "2025-Q1"])
def test_after_a_check_the_outputs_are_the_same_bytes_and_no_report_is_parsed(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, period_id: str
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = _outputs(embedded, period_id)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(embedded, today=TODAY)
    parsed = _counting(monkeypatch)
    cached = _outputs(embedded, period_id)
    assert cached == uncached
    assert not any(rel.startswith("data/reports/") and period_id not in rel for rel in parsed)


def test_edited_touched_and_flawed_reports_are_read_from_the_file(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(embedded, today=TODAY)
    earlier = sorted((embedded / "data" / "reports" / "2024-Q3").glob("*.yaml"))
    edited, touched = earlier[0], earlier[1]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("state: in-progress", "state: not-started", 1), "utf-8")
    os.utime(touched)  # a new stamp, the same bytes: taken from the cache after a hash
    parsed = _counting(monkeypatch)
    cached = _outputs(embedded, "2025-Q1")
    assert "data/reports/2024-Q3/" + edited.name in parsed
    assert "data/reports/2024-Q3/" + touched.name not in parsed
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    assert _outputs(embedded, "2025-Q1") == cached


def test_stored_models_that_do_not_unpack_are_read_from_their_files(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sqlite3

    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = _outputs(embedded, "2025-Q1")
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    check_repository(embedded, today=TODAY)
    (cache_file,) = folder.iterdir()
    with sqlite3.connect(cache_file) as db:
        db.execute("UPDATE files SET model = x'00' WHERE rel LIKE 'data/reports/2024-Q3/%'")
    parsed = _counting(monkeypatch)
    assert _outputs(embedded, "2025-Q1") == uncached  # not taken as reports that do not validate
    assert parsed and all(rel.startswith("data/reports/2024-Q3/") for rel in parsed)


def test_a_generated_repository_consolidates_the_same_with_and_without_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from synthrepo import Spec, generate  # type: ignore[import-not-found]

    root = tmp_path / "generated"
    summary = generate(root, Spec(tasks=12, units=40, periods=3, reports=120, grouped=True))
    past = time.time() - 3600
    for path in (root / "data").rglob("*.yaml"):
        os.utime(path, (past, past))
    last = summary.periods[-1].id
    flaw = sorted((root / "data" / "reports" / last).glob("*.yaml"))[0]
    text = flaw.read_text(encoding="utf-8")  # a warning: done, but progress below 100%
    flaw.write_text(re.sub(r"progress: 100", "progress: 90", text, count=1), "utf-8")
    os.utime(flaw, (past, past))
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = _outputs(root, last)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(root, today=TODAY)
    parsed = _counting(monkeypatch)
    assert _outputs(root, last) == uncached
    assert not any(f"/{last}/" not in rel for rel in parsed if rel.startswith("data/reports/"))
    # of the consolidated period, only the reports with findings are parsed again
    assert parsed == [f"data/reports/{last}/{flaw.name}"]
    assert "synthrepo" in sys.modules


@pytest.mark.parametrize("period_id", ["2024-Y", "2025-Q1"])
def test_earlier_reports_cut_to_what_is_read_give_the_same_bytes(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, period_id: str
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    cut = _outputs(embedded, period_id)
    monkeypatch.setattr(consolidate_module, "carried_part", lambda report: report)
    assert _outputs(embedded, period_id) == cut


def test_reports_are_restored_with_the_collector_paused_then_frozen(
    embedded: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    from plantrack.validate import period

    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    expected = render_json(prepare(embedded, "2025-Q1", today=TODAY).vm)  # type: ignore[arg-type]
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path / "cache"))
    check_repository(embedded, today=TODAY)
    collecting: list[bool] = []
    original = period._restore
    monkeypatch.setattr(
        period, "_restore", lambda m: (collecting.append(gc.isenabled()), original(m))[1]
    )
    monkeypatch.setattr(period, "FREEZE_AT", 1)  # every period counts as large here
    assert gc.isenabled()
    try:
        cached = prepare(embedded, "2025-Q1", today=TODAY)
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert cached.vm is not None and render_json(cached.vm) == expected
    assert collecting and not any(collecting)  # paused while restoring
    assert gc.isenabled() and frozen > 0  # on again after, what was loaded set aside
