"""Reading git history for ``history``: many stored versions are summarised on several
processes, with the same summaries, in the same order, as on one."""

from __future__ import annotations

from typing import Any

import pytest

from plantrack.app import gitread
from plantrack.validate import parallel


def _version(number: int) -> bytes:
    state = ("dang-thuc-hien", "hoan-thanh", "chua-thuc-hien")[number % 3]
    return (
        f"unit: xa-{number % 17}\nsubmitted: 2025-0{1 + number % 9}-1{number % 10}\n"
        f"tasks:\n  - task: t{number % 40:02d}\n    state: {state}\n    progress: {number % 101}\n"
    ).encode()


def _raws() -> list[tuple[str, bytes | None]]:
    raws: list[tuple[str, bytes | None]] = [
        (f"{n:040x}", _version(n)) for n in range(parallel.THRESHOLD * 2)
    ]
    raws[7] = (raws[7][0], None)  # a blob git no longer has
    raws[11] = (raws[11][0], b"tasks: [unclosed\n")  # a version that does not parse
    raws[13] = (raws[13][0], b"- a list, not a report\n")
    return raws


@pytest.mark.skipif(not parallel.can_fork(), reason="needs forked workers")
def test_many_versions_are_summarised_on_workers_as_on_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANTRACK_JOBS", "2")
    started: list[int] = []
    real = gitread.forked_map

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(gitread, "forked_map", counted)
    raws = _raws()
    alone = gitread._summarise(raws)
    assert gitread._summaries_of(raws) == alone
    assert started == [2]
    assert [name for name, _ in alone] == [name for name, _ in raws]
    assert alone[7][1] is None and alone[11][1] is None and alone[13][1] is None
    assert alone[0][1]["tasks"] == [{"task": "t00", "state": "dang-thuc-hien", "progress": 0}]


def test_few_versions_start_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(gitread, "forked_map", refuse)
    raws = _raws()[: parallel.THRESHOLD - 1]
    assert gitread._summaries_of(raws) == gitread._summarise(raws)
