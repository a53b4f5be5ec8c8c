"""Work on forked processes: chunks in order, and the workers' collector set for parsing."""

from __future__ import annotations

import gc

import pytest

from plantrack.validate import parallel

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
