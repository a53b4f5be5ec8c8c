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


class HandCount:
    """The embedded data read as plain YAML, counted for one period."""

    def __init__(self, period: str) -> None:
        raw_plan = _load(DATA / "plan.yaml")
        self.plan = Plan.model_validate(raw_plan)
        self.groups = {g["id"]: g for g in raw_plan["groups"]}
        self.units = {p.stem: _load(p) for p in (DATA / "units").glob("*.yaml")}
        self.reports = {
            pid: {p.stem: _load(p) for p in (DATA / "reports" / pid).glob("*.yaml")}
            for pid in ORDER
        }
        self.period, self.cutoff = period, CUTOFF[period]

    def heirs(self, uid: str, tid: str) -> list[str]:
        if _alive(self.units[uid], self.cutoff):
            return [uid]
        unit = self.units[uid]
        # a transfer naming the task wins over the successors
        moved = [t["to"] for t in unit.get("transfers", []) if tid in t["tasks"]]
        nxt = moved[0] if moved else unit.get("successors", [])
        return [h for s in nxt for h in self.heirs(s, tid)]

    def leads(self, refs: list[str], tid: str) -> list[str]:
        out: list[str] = []
        for ref in refs:
            group = self.groups.get(ref)
            if group is None:
                out += self.heirs(ref, tid)
                continue
            kinds = group.get("kinds", [])
            out += [
                u
                for u, d in sorted(self.units.items())
                if d["kind"] in kinds and _alive(d, self.cutoff)
            ] + group.get("units", [])
        return [u for i, u in enumerate(out) if u not in out[:i]]

    def ancestors(self, uid: str) -> list[str]:
        direct = [
            u
            for u, d in self.units.items()
            if uid in d.get("successors", []) or any(uid in t["to"] for t in d.get("transfers", []))
        ]
        return [uid] + [a for d in direct for a in self.ancestors(d)]

    def entry(self, period: str, uid: str, tid: str) -> dict[str, Any] | None:
        tasks = (self.reports[period].get(uid) or {}).get("tasks", [])
        return next((e for e in tasks if e["task"] == tid), None)

    def done_by_cutoff(self, entry: dict[str, Any] | None) -> dt.date | None:
        day = _day(entry.get("completed")) if entry else None
        ok = entry is not None and entry["state"] == "done" and day and day <= self.cutoff
        return day if ok else None

    def done_on(self, uid: str, tid: str) -> dt.date | None:
        gone = _day(self.units[uid].get("valid_until"))
        own = None if gone and gone < self.cutoff else self.entry(self.period, uid, tid)
        if own is not None:
            return self.done_by_cutoff(own)
        for pid in reversed(ORDER[: ORDER.index(self.period)]):
            for who in self.ancestors(uid):
                day = self.done_by_cutoff(self.entry(pid, who, tid))
                if day is not None:
                    return day
        return None

    def count(self) -> dict[str, int]:
        n = {"on_time": 0, "late": 0, "overdue": 0}
        for task in self.plan.tasks:
            deadline = deadline_of(task)
            rated = [
                u
                for u in self.leads(task.lead, task.id)
                if self.units[u].get("authority", "inside") == "inside"
            ]
            for uid in [] if task.time.recurring else rated:
                day = self.done_on(uid, task.id)
                if day is not None:
                    n["on_time" if deadline is None or day <= deadline else "late"] += 1
                elif deadline is not None and self.cutoff > deadline:
                    n["overdue"] += 1
        return n


def hand_count(period: str) -> dict[str, int]:
    """Done on time, done late and overdue rated pairs of ``period``, counted by hand."""
    return HandCount(period).count()


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
    # 65: pl1-15 passed from the labour office to two units (bảo trợ xã hội, người có công)
    assert hand_count("2025-Q1") == {"on_time": 65, "late": 15, "overdue": 6}
