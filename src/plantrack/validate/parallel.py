"""Examining many reports on several processes: a cold check of a large repository.

Workers are forked from the checking process, so they share its loaded plan, units and rules
without copying them; each gets contiguous chunks of files, and the outcomes come back in the
order of the files, so findings are the same as on one process. Below ``THRESHOLD`` files, or
where processes cannot be forked, everything runs in this process.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import operator
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from plantrack.io.checkstore import Entry
from plantrack.io.repo import DataFile
from plantrack.models.period import parse_period_id
from plantrack.validate.collector import paused
from plantrack.validate.examine import Outcome, Setting, examine

THRESHOLD = 300
"""Files to parse below which starting workers costs more than it saves."""
CHUNKS_PER_WORKER = 4
MOST_PER_CHUNK = 400
"""Reports in one chunk at most (half a second or so of a worker's time): with chunks of a
national period's size, one worker could sit idle for many seconds at the end while the
other finishes its last chunk, and each chunk's outcomes would be held whole twice over."""
PER_WORKER = 50
"""At least this many files for each worker started."""
WORKER_GC_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation in a worker (Python's
default is 700): a worker's data makes few cycles to find, and its outcomes, kept until its
chunk is sent back, would be walked again at each collection."""

_setting: Setting | None = None
_todo: list[tuple[DataFile, str]] = []
T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """``$PLANTRACK_JOBS`` if set, else the cores this process may run on."""
    chosen = os.environ.get("PLANTRACK_JOBS", "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def examine_all(
    setting: Setting, todo: list[tuple[DataFile, str]], jobs: int | None, *, models: bool = False
) -> Iterator[Outcome]:
    """``examine`` of each (file, known digest), in order; on ``jobs`` processes if many.
    Workers send back each report's model only when ``models`` is asked (a consolidation)."""
    workers = workers_for(len(todo), jobs)
    if workers <= 1:
        for file, known in todo:
            yield examine(setting, file, known)
        return
    _prepare(setting, todo)
    examined = functools.partial(_examine_chunk, models=models)
    # the workers inherit the files to examine: a chunk is sent as where it starts and ends
    spans = [(c[0], c[-1] + 1) for c in chunked(range(len(todo)), workers, MOST_PER_CHUNK)]
    for outcomes in forked_map(examined, spans, workers, _start, (setting, todo)):
        if models:
            yield from outcomes
        else:
            yield from map(_received, outcomes)


def _prepare(setting: Setting, todo: list[tuple[DataFile, str]]) -> None:
    """Work out here, once, what the rules of every report of a period ask of the context:
    who answers for which task at the period's cut-off (for a national plan, seconds for
    each period). The workers inherit it; left to them, each would work it out again."""
    ctx = setting.ctx
    if ctx is None:
        return
    # the collector paused: the assignments (a hundred thousand objects for each period of
    # a national plan, without a cycle among them) would set off its walks over the heap
    with paused():
        for folder in sorted({file.folder for file, _ in todo}):
            if parse_period_id(folder) is None:
                continue
            try:
                ctx.assignments(ctx.period(folder))
            except (KeyError, ValueError):
                continue  # a period the plan's rules do not date: its reports say so


def workers_for(
    count: int, jobs: int | None = None, *, per_worker: int = 0, threshold: int = 0
) -> int:
    """How many worker processes ``count`` items are worth on ``jobs`` cores (default: every
    core), at least ``per_worker`` items each (default ``PER_WORKER``); 1 (work in this
    process) below ``threshold`` items (default ``THRESHOLD``) or where processes cannot be
    forked."""
    # the module's values read at each call, not bound once as defaults
    per_worker, threshold = per_worker or PER_WORKER, threshold or THRESHOLD
    workers = min(jobs or default_jobs(), max(1, count // per_worker))
    if workers <= 1 or count < threshold or not can_fork():
        return 1
    return workers


def can_fork() -> bool:
    """Whether worker processes can be forked here (they then share this process's memory)."""
    import multiprocessing  # here: a re-check of a few files never starts a worker

    return "fork" in multiprocessing.get_all_start_methods()


def chunked(items: Sequence[T], workers: int, most: int | None = None) -> list[Sequence[T]]:
    """``items`` cut into contiguous chunks, ``CHUNKS_PER_WORKER`` for each of ``workers``
    (several each, so a worker that drew quick ones takes another), or more chunks of at
    most ``most`` items."""
    size = -(-len(items) // (workers * CHUNKS_PER_WORKER))
    size = max(1, min(size, most)) if most is not None else size
    return [items[start : start + size] for start in range(0, len(items), size)]


def forked_map(
    work: Callable[[Any], R],
    chunks: Iterable[Any],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> Iterator[R]:
    """``work`` of each chunk on ``workers`` processes forked from this one (each first runs
    ``initializer(*initargs)``), the results in the order of the chunks."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # what the workers inherit is set aside from the collector: a collection in a worker
    # would otherwise walk (and so copy, page by page) the whole heap of this process
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=functools.partial(_in_worker, initializer),
            initargs=initargs,
        ) as pool:
            yield from pool.map(work, chunks)
    finally:
        gc.unfreeze()


def _in_worker(initializer: Callable[..., None], *initargs: Any) -> None:
    gc.set_threshold(WORKER_GC_THRESHOLD)  # paused if the parent paused it (a consolidation)
    initializer(*initargs)


def _start(setting: Setting, todo: list[tuple[DataFile, str]]) -> None:
    global _setting, _todo
    _setting, _todo = setting, todo


def _examine_chunk(span: tuple[int, int], models: bool = False) -> list[Any]:
    """The outcomes of the files ``span`` marks (where they start and end in the list the
    worker inherited): whole when ``models`` are asked, else as ``_sent`` makes them."""
    assert _setting is not None
    outcomes = [examine(_setting, file, known) for file, known in _todo[span[0] : span[1]]]
    return outcomes if models else [_sent(outcome) for outcome in outcomes]


_OUTCOME = operator.attrgetter(*(f.name for f in dataclasses.fields(Outcome)))
_ENTRY = operator.attrgetter(*(f.name for f in dataclasses.fields(Entry)))


def _sent(outcome: Outcome) -> tuple[tuple[Any, ...], tuple[Any, ...] | None]:
    """An outcome as a worker sends it: its fields and its entry's as plain tuples (pickled
    and read back at a fraction of the cost of the classes), without the report's model (a
    check needs only findings and entries)."""
    entry, outcome.entry, outcome.report = outcome.entry, None, None
    return _OUTCOME(outcome), None if entry is None else _ENTRY(entry)


def _received(sent: tuple[tuple[Any, ...], tuple[Any, ...] | None]) -> Outcome:
    """An outcome back from ``_sent``."""
    fields, entry = sent
    outcome = Outcome(*fields)
    if entry is not None:
        outcome.entry = Entry(*entry)
    return outcome
