"""The derived report's rule: a parent task is done when every serving child task is done
(``all``) or one is (``any``); recurring tasks are carried out when any serving pair was;
indicators go to the parent ids the child declares; differences name each fact."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from plantrack.domain.rollup import derive_report, differences
from plantrack.models import Plan, Report

AS_OF = dt.date(2024, 9, 14)


def _plan(**extra: Any) -> Plan:
    base: dict[str, Any] = {
        "id": "kh",
        "title": "Kế hoạch",
        "issuer": "UBND",
        "sections": [{"id": "s", "title": "Phần"}],
        "reporting": {"consolidator": "pnv", "periods": ["Q3"], "first": "2024-Q3"},
        "indicators": [
            {"id": "a", "name": "A", "unit": "hồ sơ"},
            {"id": "b", "name": "B", "unit": "hồ sơ"},
            {
                "id": "r",
                "name": "R",
                "unit": "%",
                "aggregate": "ratio",
                "numerator": "b",
                "denominator": "a",
            },
        ],
    }
    base.update(extra)
    return Plan.model_validate(base)


def _task(task_id: str, time: str = "2024-12-31", serves: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "id": task_id,
        "section": "s",
        "title": task_id,
        "lead": ["x"],
        "time": time,
        "serves": list(serves),
    }


def _pair(status: str, completed: dt.date | None = None, progress: int | None = None) -> Any:
    state = "done" if status.startswith("done") else "in-progress" if progress else "not-started"
    return SimpleNamespace(
        rated=True, status=status, completed=completed, progress=progress, state=state
    )


def _vm(rows: dict[str, list[Any]], indicators: dict[str, float] | None = None) -> Any:
    tasks = [SimpleNamespace(id=k, pairs=v) for k, v in rows.items()]
    inds = [SimpleNamespace(id=k, total=v) for k, v in (indicators or {}).items()]
    return SimpleNamespace(tasks=tasks, indicators=inds, period=SimpleNamespace(id="2024-Q3"))


PARENT = _plan(tasks=[_task("p1"), _task("p2", "Thường xuyên")])
CHILD = _plan(
    id="con",
    tasks=[
        _task("c1", serves=("p1",)),
        _task("c2", serves=("p1",)),
        _task("c3", "Thường xuyên", serves=("p2",)),
    ],
    implements={"plan": "kh", "unit": "xa", "indicators": {"a2": "a"}},
)
DONE = {
    "c1": [_pair("done-on-time", dt.date(2024, 9, 1))],
    "c2": [_pair("done-late", dt.date(2024, 9, 10)), _pair("done-on-time", dt.date(2024, 9, 2))],
    "c3": [_pair("recurring-missed")],
}


def test_done_when_every_serving_task_is_done_on_the_latest_completion() -> None:
    report = derive_report(PARENT, CHILD, _vm(DONE), "xa", as_of=AS_OF)
    p1, p2 = report.tasks
    assert (p1.task, p1.state, p1.completed, p1.progress) == (
        "p1",
        "done",
        dt.date(2024, 9, 10),
        100,
    )
    assert (p2.task, p2.state, p2.carried_out) == ("p2", "in-progress", False)
    assert "2 xong đúng hạn, 1 xong trễ hạn" in str(p1.results)


def test_one_open_serving_task_keeps_the_parent_task_open_unless_any_is_declared() -> None:
    rows = {**DONE, "c2": [_pair("open-on-time", progress=50)]}
    open_ = derive_report(PARENT, CHILD, _vm(rows), "xa", as_of=AS_OF).tasks[0]
    assert (open_.state, open_.progress, open_.completed) == ("in-progress", 75, None)
    lenient = Plan.model_validate({**PARENT.model_dump(), "rollup": {"done_when": "any"}})
    done = derive_report(lenient, CHILD, _vm(rows), "xa", as_of=AS_OF).tasks[0]
    assert (done.state, done.completed) == ("done", dt.date(2024, 9, 1))


def test_nothing_started_is_not_started() -> None:
    rows = {"c1": [_pair("open-on-time")], "c2": [_pair("not-reported")]}
    entry = derive_report(PARENT, CHILD, _vm(rows), "xa", as_of=AS_OF).tasks[0]
    assert (entry.state, entry.progress) == ("not-started", 0)


def test_indicators_go_to_the_declared_parent_ids_and_ratios_stay_with_the_parent() -> None:
    vm = _vm(DONE, {"a2": 120.0, "b": 30.0, "r": 25.0, "own": 7.0})
    assert derive_report(PARENT, CHILD, vm, "xa", as_of=AS_OF).indicators == {"a": 120, "b": 30}


def test_differences_name_each_fact_and_ignore_words() -> None:
    derived = derive_report(PARENT, CHILD, _vm(DONE, {"a2": 5.0}), "xa", as_of=AS_OF)
    filed = Report.model_validate(
        {
            **derived.model_dump(),
            "tasks": [
                {**derived.tasks[0].model_dump(), "progress": 90, "results": "Lời của xã"},
                {"task": "p9", "state": "done", "completed": "2024-09-01"},
            ],
            "indicators": {"a": 6},
        }
    )
    keys = [d.key for d in differences(filed, derived)]
    assert keys == [("tasks", 0, "progress"), ("tasks",), ("tasks", 1, "task"), ("indicators", "a")]
