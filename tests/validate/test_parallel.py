"""Work on forked processes: chunks in order, and the workers' collector set for parsing."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
from pathlib import Path

import pytest

from plantrack.io.checkstore import Entry
from plantrack.io.limits import DEFAULT_LIMITS
from plantrack.io.repo import DataFile, Stamp
from plantrack.validate import parallel
from plantrack.validate.catalogue import make
from plantrack.validate.examine import Outcome, Setting

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="no fork here")

_seen: list[int] = []


def _note(value: int) -> None:
    _seen.append(value)


def _threshold_and_sum(chunk: list[int]) -> tuple[int, int, list[int]]:
    return gc.get_threshold()[0], sum(chunk), list(_seen)


def test_workers_run_the_initializer_with_a_rarer_collection() -> None:
    before = gc.get_threshold()
    chunks = parallel.chunked(list(range(40)), 2)
    out = list(parallel.forked_map(_threshold_and_sum, chunks, 2, _note, (7,)))
    assert [total for _, total, _ in out] == [sum(chunk) for chunk in chunks]
    assert {threshold for threshold, _, _ in out} == {parallel.WORKER_GC_THRESHOLD}
    assert all(seen == [7] for _, _, seen in out)
    assert gc.get_threshold() == before  # this process keeps its own


class _Context:
    """What ``_prepare`` asks of a context, noted."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.collecting: set[bool] = set()

    def period(self, period_id: str) -> str:
        if period_id == "2025-H1":
            raise ValueError(period_id)  # a period the plan's rules do not date
        return period_id

    def assignments(self, period: str) -> dict[str, list[object]]:
        self.asked.append(period)
        self.collecting.add(gc.isenabled())
        return {}


def test_the_assignments_of_each_period_are_worked_out_before_the_workers_start() -> None:
    ctx = _Context()
    setting = Setting(Path("."), ctx, "", dt.date(2026, 1, 1), DEFAULT_LIMITS, False)  # type: ignore[arg-type]
    folders = ["2024-Y", "2024-Q3", "2024-Q3", "2025-H1", "misc"]
    todo = [
        (DataFile("report", Path(f"data/reports/{f}/u{i}.yaml"), f"data/reports/{f}/u{i}.yaml"), "")
        for i, f in enumerate(folders)
    ]
    parallel._prepare(setting, todo)
    assert ctx.asked == ["2024-Q3", "2024-Y"]
    assert ctx.collecting == {False}  # no walk over the heap while they are made
    assert gc.isenabled()


def test_chunks_are_contiguous_and_no_larger_than_asked() -> None:
    items = list(range(1000))
    assert [len(c) for c in parallel.chunked(items, 2)] == [125] * 8
    small = parallel.chunked(items, 2, 300)
    assert [len(c) for c in small] == [125] * 8  # already smaller
    capped = parallel.chunked(items, 2, 60)
    assert max(len(c) for c in capped) == 60
    assert [i for chunk in capped for i in chunk] == items


def test_workers_are_started_only_for_enough_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    assert parallel.workers_for(parallel.THRESHOLD - 1) == 1
    assert parallel.workers_for(parallel.THRESHOLD) == 2
    assert parallel.workers_for(parallel.THRESHOLD, jobs=1) == 1
    assert parallel.workers_for(9, per_worker=1, threshold=8) == 2
    assert parallel.workers_for(7, per_worker=1, threshold=8) == 1
    assert parallel.workers_for(400, jobs=8, per_worker=100, threshold=300) == 4


def test_workers_follow_the_module_values_as_set_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    monkeypatch.setattr(parallel, "THRESHOLD", 2)
    monkeypatch.setattr(parallel, "PER_WORKER", 2)
    assert parallel.workers_for(4) == 2
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.workers_for(4) == 1


def test_an_outcome_comes_back_from_a_worker_as_it_was_made() -> None:
    stamp = Stamp(10, 20, 30)
    entry = Entry("r.yaml", stamp, 40, "d", "own", "base", "cross", "dated", "w", b"m")
    finding = make("PT201", "r.yaml", 3, 4, "tasks[0]", id="x", suggestion="")
    made = Outcome("r.yaml", [finding], entry, False, None, "d")
    back = parallel._received(pickle.loads(pickle.dumps(parallel._sent(made))))
    assert back == Outcome("r.yaml", [finding], entry, False, None, "d")
    assert back.entry == entry and back.entry is not entry
    same = Outcome("s.yaml", [], None, True, None, "e")
    assert parallel._received(parallel._sent(same)) == same
