"""An independent count of the embedded 2024-Y and 2025-Q1 under the national rules, read
from the YAML files directly, matching the view-model.

The count: for each task, its lead units at the cut-off (a group means the units of its
kinds alive then, or its listed units; a unit gone before the cut-off hands over to its
successors); units outside the issuer's authority are left out. A pair is done when the
unit's report says done by the cut-off, or, when the report leaves the task out, when an
earlier report of the unit or of a predecessor said so. Due = done + open past the
deadline + not reported past the deadline. Only the task deadlines come from the plan
model (its time labels such as "Quý IV/2024" are parsed there).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from plantrack.app.consolidate import prepare
from plantrack.domain.status import deadline_of
from plantrack.models import Plan

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CUTOFF = {"2024-Q3": dt.date(2024, 9, 14), "2024-Y": dt.date(2024, 12, 14)}
CUTOFF["2025-Q1"] = dt.date(2025, 3, 14)
ORDER = ["2024-Q3", "2024-Y", "2025-Q1"]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _alive(unit: dict[str, Any], day: dt.date) -> bool:
    start, end = _day(unit.get("valid_from")), _day(unit.get("valid_until"))
    return (start is None or start <= day) and (end is None or day <= end)


def hand_count(period: str) -> dict[str, int]:
    raw_plan = _load(DATA / "plan.yaml")
    plan = Plan.model_validate(raw_plan)
    units = {p.stem: _load(p) for p in (DATA / "units").glob("*.yaml")}
    reports = {
        pid: {p.stem: _load(p) for p in (DATA / "reports" / pid).glob("*.yaml")} for pid in ORDER
    }
    cutoff = CUTOFF[period]
    groups = {g["id"]: g for g in raw_plan["groups"]}

    def heirs(uid: str) -> list[str]:
        if _alive(units[uid], cutoff):
            return [uid]
        return [h for s in units[uid].get("successors", []) for h in heirs(s)]

    def leads(refs: list[str]) -> list[str]:
        out: list[str] = []
        for ref in refs:
            if ref in groups:
                g = groups[ref]
                members = [u for u, d in sorted(units.items()) if d["kind"] in g.get("kinds", [])]
                out += [u for u in members if _alive(units[u], cutoff)] + g.get("units", [])
            else:
                out += heirs(ref)
        return [u for i, u in enumerate(out) if u not in out[:i]]

    def ancestors(uid: str) -> list[str]:
        direct = [u for u, d in units.items() if uid in d.get("successors", [])]
        return [uid] + [a for d in direct for a in ancestors(d)]

    def done_on(uid: str, tid: str) -> dt.date | None:
        report = reports[period].get(uid)
        gone = _day(units[uid].get("valid_until"))
        if report is not None and not (gone and gone < cutoff):
            for e in report.get("tasks", []):
                if e["task"] == tid:
                    day = _day(e.get("completed"))
                    return day if e["state"] == "done" and day and day <= cutoff else None
        earlier = ORDER[: ORDER.index(period)]
        for pid in reversed(earlier):
            for who in ancestors(uid):
                for e in (reports[pid].get(who) or {}).get("tasks", []):
                    day = _day(e.get("completed"))
                    if e["task"] == tid and e["state"] == "done" and day and day <= cutoff:
                        return day
        return None

    n = {"on_time": 0, "late": 0, "overdue": 0}
    for task in plan.tasks:
        deadline = deadline_of(task)
        if task.time.recurring:
            continue
        for uid in leads(task.lead):
            if units[uid].get("authority", "inside") != "inside":
                continue
            day = done_on(uid, task.id)
            if day is not None:
                n["on_time" if deadline is None or day <= deadline else "late"] += 1
            elif deadline is not None and cutoff > deadline:
                n["overdue"] += 1
    return n


@pytest.mark.parametrize("period", ["2024-Y", "2025-Q1"])
def test_embedded_figures_match_a_hand_count(period: str) -> None:
    vm = prepare(ROOT, period, today=dt.date(2025, 6, 1)).vm
    assert vm is not None
    n = hand_count(period)
    o = vm.overall
    assert (o.done_on_time, o.done_late, o.overdue) == (n["on_time"], n["late"], n["overdue"])


def test_embedded_figures_as_written_down() -> None:
    # the figures the documents print, recorded so that a change of rule shows here
    assert hand_count("2024-Y") == {"on_time": 39, "late": 8, "overdue": 4}
    assert hand_count("2025-Q1") == {"on_time": 64, "late": 15, "overdue": 6}
