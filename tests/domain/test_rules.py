"""The status rules of the national practice (QĐ 42/2014, 23/2018), each with figures
computed by hand.

The plan below, period 2025-Q1 (data 15/12/2024–14/03/2025, due 15/03/2025), status at the
cut-off 14/03/2025:

    task  lead            support   deadline     what the reports say
    a     pnv             mttq      31/01/2025   pnv done 20/01; mttq done 25/01
    b     mttq (outside)  -         28/02/2025   mttq never reports it
    c     pnv             vh        28/02/2025   pnv silent now, done 10/12/2024 in 2024-Y
    d     xa-moi          -         31/01/2025   xa-moi silent; its predecessor xa-cu
                                                  reported it done 01/11/2024 in 2024-Q3
    e     ca (gone 28/02, no successor) -  31/03/2025  nobody answers: listed, not rated
    f     vh              -         28/02/2025   vh silent: not reported, past the deadline

Rated pairs (lead units inside the issuer's authority): a pnv on time, c pnv on time
(carried), d xa-moi on time (carried from xa-cu), f vh not reported past the deadline →
due 4, completed 3, overdue 1: completion 75.00 %, overdue 25.00 %, on time 75.00 %.
Coordination, beside the rate: a mttq (support) done, b mttq (outside) not reported,
c vh (support) not reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantrack.domain.consolidation import consolidate
from plantrack.domain.viewmodel import Consolidation, Provenance
from plantrack.models import Plan, Report, Unit
from plantrack.validate.context import Context

D = dt.date
UNITS: list[dict[str, Any]] = [
    {"id": "pnv", "name": "Phòng Nội vụ", "kind": "department"},
    {"id": "vh", "name": "Phòng Văn hóa", "kind": "department"},
    {"id": "mttq", "name": "Ủy ban MTTQ", "kind": "organisation", "authority": "outside"},
    {
        "id": "ca",
        "name": "Công an huyện",
        "kind": "office",
        "authority": "outside",
        "valid_until": "2025-02-28",
    },
    {
        "id": "xa-cu",
        "name": "UBND xã Cũ",
        "kind": "commune",
        "valid_until": "2025-01-31",
        "successors": ["xa-moi"],
    },
    {"id": "xa-moi", "name": "UBND xã Mới", "kind": "commune", "valid_from": "2025-02-01"},
]


def task(tid: str, lead: str, time: str, support: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": tid,
        "section": "s",
        "title": f"Nhiệm vụ {tid}",
        "lead": [lead],
        "support": support or [],
        "time": time,
    }


PLAN: dict[str, Any] = {
    "id": "p",
    "title": "Kế hoạch",
    "issuer": "UBND huyện",
    "sections": [{"id": "s", "title": "Phụ lục"}],
    "reporting": {"consolidator": "pnv", "periods": ["Q1", "Q3", "Y"], "first": "2024-Q3"},
    "tasks": [
        task("a", "pnv", "2025-01-31", ["mttq"]),
        task("b", "mttq", "2025-02-28"),
        task("c", "pnv", "2025-02-28", ["vh"]),
        task("d", "xa-moi", "2025-01-31"),
        task("e", "ca", "2025-03-31"),
        task("f", "vh", "2025-02-28"),
    ],
}


def done(tid: str, day: str) -> dict[str, Any]:
    return {"task": tid, "state": "done", "completed": day, "progress": 100}


def report(unit: str, period: str, *entries: dict[str, Any]) -> Report:
    return Report.model_validate({"unit": unit, "period": period, "tasks": list(entries)})


HISTORY = {
    "2024-Q3": {"xa-cu": report("xa-cu", "2024-Q3", done("d", "2024-11-01"))},
    "2024-Y": {
        "pnv": report("pnv", "2024-Y", done("c", "2024-12-10")),
        # done after the 2025-Q1 cut-off: not a completion known at it, nothing carried
        "vh": report("vh", "2024-Y", done("f", "2025-03-20")),
    },
}
CURRENT = {
    "pnv": report("pnv", "2025-Q1", done("a", "2025-01-20")),
    "mttq": report("mttq", "2025-Q1", done("a", "2025-01-25")),
}


def build(current: dict[str, Report] | None = None) -> Consolidation:
    ctx = Context(Plan.model_validate(PLAN), {u["id"]: Unit.model_validate(u) for u in UNITS})
    period = ctx.period("2025-Q1")
    return consolidate(
        ctx,
        period,
        CURRENT if current is None else current,
        as_of=period.cutoff,
        provenance=Provenance("plantrack", "test", None, [], period.cutoff, []),
        history=HISTORY,
    )


def pairs(vm: Consolidation) -> dict[tuple[str, str], Any]:
    return {(p.task_id, p.unit_id): p for t in vm.tasks for p in t.pairs}


def test_only_lead_units_inside_the_authority_are_rated() -> None:
    vm = build()
    rated = sorted(key for key, p in pairs(vm).items() if p.rated)
    assert rated == [("a", "pnv"), ("c", "pnv"), ("d", "xa-moi"), ("f", "vh")]
    o = vm.overall
    assert (o.due, o.completed, o.overdue) == (4, 3, 1)
    assert (o.completion_rate, o.overdue_rate, o.on_time_rate, o.late_rate) == (
        75.0,
        25.0,
        75.0,
        0.0,
    )
    c = vm.coordination
    assert (c.total, c.done_on_time, c.not_reported, c.not_reported_due) == (3, 1, 2, 2)
    assert [(p.task_id, p.unit_id) for p in vm.overdue] == [("f", "vh")]


def test_units_outside_the_authority_are_never_rated() -> None:
    units = {u.id: u for u in build().units}
    mttq = units["mttq"]
    assert (mttq.authority, mttq.rated) == ("outside", False)
    assert (mttq.counts.total, mttq.counts.completion_rate) == (0, None)
    # its supporting completion on a and its silence on b are coordination
    assert (mttq.coordination.done_on_time, mttq.coordination.not_reported) == (1, 1)
    # vh is rated on f (its lead task), its support on c is reported beside
    vh = units["vh"]
    assert (vh.counts.due, vh.counts.overdue, vh.coordination.total) == (1, 1, 1)


def test_a_completion_carries_forward_from_an_earlier_report() -> None:
    vm = build()
    got = pairs(vm)
    c = got[("c", "pnv")]
    assert (c.status, c.carried, c.carried_from, c.carried_unit) == (
        "done-on-time",
        True,
        "2024-Y",
        "pnv",
    )
    assert c.completed == D(2024, 12, 10)
    # from the predecessor's report, two periods back
    d = got[("d", "xa-moi")]
    assert (d.status, d.carried_from, d.carried_unit) == (
        "done-on-time",
        "2024-Q3",
        "xa-cu",
    )
    # a completion dated after the cut-off is not known at it
    assert (got[("f", "vh")].status, got[("f", "vh")].carried) == ("not-reported", False)
    assert [(p.task_id, p.unit_id) for p in vm.carried] == [("c", "pnv"), ("d", "xa-moi")]
    assert vm.overall.carried == 2


def test_a_reported_state_is_not_overridden_by_an_earlier_completion() -> None:
    current = dict(CURRENT)
    current["pnv"] = report(
        "pnv",
        "2025-Q1",
        done("a", "2025-01-20"),
        {"task": "c", "state": "in-progress", "progress": 90},
    )
    c = pairs(build(current))[("c", "pnv")]
    assert (c.status, c.carried) == ("open-overdue", False)


def test_a_unit_gone_with_no_successor_leaves_its_tasks_listed() -> None:
    vm = build()
    assert not any(p.task_id == "e" for t in vm.tasks for p in t.pairs)
    (row,) = vm.no_successor
    assert (row.task_id, row.unit_id, row.gone, row.deadline) == (
        "e",
        "ca",
        D(2025, 2, 28),
        D(2025, 3, 31),
    )


def test_a_report_from_a_unit_gone_before_the_cutoff_is_set_aside() -> None:
    current = dict(CURRENT)
    current["xa-cu"] = report("xa-cu", "2025-Q1", {"task": "d", "state": "in-progress"})
    vm = build(current)
    assert [(a.unit_id, a.gone, a.successors) for a in vm.set_aside] == [
        ("xa-cu", D(2025, 1, 31), ["xa-moi"])
    ]
    assert "xa-cu" not in {u.id for u in vm.units}
    # the successor's pair still stands on the carried completion
    assert pairs(vm)[("d", "xa-moi")].status == "done-on-time"
