"""Who answers for what in a period: groups expanded at the cut-off, successors inheriting.

The scenario follows Nam Trà My in 2025 (DOMAIN.md §8): on 20/02 Labour and Social Affairs
went into Home Affairs; in April Trà Mai and Trà Don merged into the commune Nam Trà My.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from plantrack.models import Plan, Task, Unit
from plantrack.models.period import PeriodRule
from plantrack.models.plan import UnitGroup
from plantrack.validate.context import Context

D = dt.date


def _unit(uid: str, kind: str, **extra: Any) -> Unit:
    return Unit.model_validate({"id": uid, "name": uid, "kind": kind, **extra})


UNITS = [
    _unit("phong-noi-vu", "department"),
    _unit("phong-ldtbxh", "department", valid_until="2025-02-19", successors=["phong-noi-vu"]),
    _unit("xa-tra-mai", "commune", valid_until="2025-04-15", successors=["xa-nam-tra-my"]),
    _unit("xa-tra-don", "commune", valid_until="2025-04-15", successors=["xa-nam-tra-my"]),
    _unit("xa-tra-leng", "commune"),
    _unit("xa-nam-tra-my", "commune", valid_from="2025-04-16"),
    _unit("xa-sau-nay", "commune", valid_from="2026-01-01"),
    _unit("mttq", "organisation"),
]


def _task(tid: str, lead: list[str], support: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": tid,
        "section": "pl1",
        "title": f"Nhiệm vụ {tid}",
        "lead": lead,
        "support": support or [],
        "time": "Thường xuyên",
    }


PLAN = Plan.model_validate(
    {
        "id": "p",
        "title": "Kế hoạch",
        "issuer": "UBND huyện",
        "sections": [{"id": "pl1", "title": "Phụ lục I"}],
        "groups": [
            {"id": "cac-xa", "name": "UBND các xã", "kinds": ["commune"]},
            {"id": "nhom-tra-mai", "name": "Trà Mai", "units": ["xa-tra-mai"]},
        ],
        "reporting": {
            "consolidator": "phong-noi-vu",
            "periods": ["Q1", "H1", "Q3", "Y"],
            "first": "2025-Q1",
            "last": "2025-Y",
        },
        "tasks": [
            _task("t-xa", ["cac-xa"]),
            _task("t-mai", ["xa-tra-mai"], ["phong-ldtbxh"]),
            _task("t-ld", ["phong-ldtbxh"]),
            _task("t-pnv", ["phong-noi-vu"], ["cac-xa", "phong-ldtbxh"]),
        ],
    }
)


@pytest.fixture
def ctx() -> Context:
    return Context(PLAN, {u.id: u for u in UNITS})


def _held(assignments: list[Any]) -> list[tuple[str, str, str | None]]:
    return [(a.task.id, a.role, a.via) for a in assignments]


def test_groups_count_units_of_their_kinds_alive_at_the_cutoff(ctx: Context) -> None:
    h1 = ctx.period("2025-H1")  # 2024-12-15 → 2025-06-14
    assert sorted(ctx.members("cac-xa", h1.cutoff)) == ["xa-nam-tra-my", "xa-tra-leng"]
    q1 = ctx.period("2025-Q1")  # 2024-12-15 → 2025-03-14
    assert sorted(ctx.members("cac-xa", q1.cutoff)) == ["xa-tra-don", "xa-tra-leng", "xa-tra-mai"]


def test_members_of_units_listed_groups_and_unknown_refs(ctx: Context) -> None:
    day = D(2025, 6, 14)
    assert ctx.members("xa-tra-leng", day) == ["xa-tra-leng"]
    # listed units stay members; their successors answer for them (see heirs)
    assert ctx.members("nhom-tra-mai", day) == ["xa-tra-mai"]
    assert ctx.members("khong-co", day) == []


def test_a_unit_joins_a_group_from_its_own_file() -> None:
    """A national plan names groups; each unit's file says which ones it belongs to."""
    units = [
        *UNITS,
        _unit("xa-moi", "commune", groups=["nhom-tra-mai"]),
        _unit("hoi", "organisation", groups=["nhom-tra-mai"]),
    ]
    ctx = Context(PLAN, {u.id: u for u in units})
    day = D(2025, 6, 14)
    assert ctx.members("nhom-tra-mai", day) == ["xa-tra-mai", "xa-moi", "hoi"]
    assert ctx.members("cac-xa", day).count("xa-moi") == 1


def test_heirs_pass_through_successors_transitively() -> None:
    units = [
        _unit("a", "commune", valid_until="2025-01-31", successors=["b"]),
        _unit("b", "commune", valid_from="2025-02-01", valid_until="2025-06-30", successors=["c"]),
        _unit("c", "commune", valid_from="2025-07-01"),
    ]
    ctx = Context(PLAN, {u.id: u for u in units})
    assert ctx.heirs("a", D(2025, 1, 31)) == ["a"]
    assert ctx.heirs("a", D(2025, 3, 1)) == ["b"]
    assert ctx.heirs("a", D(2025, 9, 1)) == ["c"]
    assert ctx.heirs("khong-co", D(2025, 9, 1)) == []


def test_heirs_survive_a_succession_cycle() -> None:
    units = [
        _unit("a", "commune", valid_until="2025-01-31", successors=["b"]),
        _unit("b", "commune", valid_until="2025-01-31", successors=["a"]),
    ]
    ctx = Context(PLAN, {u.id: u for u in units})
    assert ctx.heirs("a", D(2025, 3, 1)) == []


def test_successors_inherit_tasks_of_units_gone_before_the_cutoff(ctx: Context) -> None:
    held = ctx.assignments(ctx.period("2025-H1"))
    assert sorted(held) == ["phong-noi-vu", "xa-nam-tra-my", "xa-tra-leng"]
    assert _held(held["xa-nam-tra-my"]) == [
        ("t-xa", "lead", None),
        ("t-mai", "lead", "xa-tra-mai"),
        ("t-pnv", "support", None),
    ]
    assert _held(held["phong-noi-vu"]) == [
        ("t-mai", "support", "phong-ldtbxh"),
        ("t-ld", "lead", "phong-ldtbxh"),
        # lead itself and support through phong-ldtbxh: one assignment, as lead
        ("t-pnv", "lead", None),
    ]
    assert _held(held["xa-tra-leng"]) == [("t-xa", "lead", None), ("t-pnv", "support", None)]


def test_a_unit_gone_mid_period_answers_for_what_it_held_on_its_last_day(ctx: Context) -> None:
    h1 = ctx.period("2025-H1")
    assert _held(ctx.assigned_to("xa-tra-mai", h1)) == [
        ("t-xa", "lead", None),
        ("t-mai", "lead", None),
        ("t-pnv", "support", None),
    ]
    assert _held(ctx.assigned_to("phong-ldtbxh", h1)) == [
        ("t-mai", "support", None),
        ("t-ld", "lead", None),
        ("t-pnv", "support", None),
    ]
    # its successor answers for the merged units' tasks too
    assert [a.task.id for a in ctx.assigned_to("xa-nam-tra-my", h1)] == ["t-xa", "t-mai", "t-pnv"]


def test_a_unit_gone_before_the_period_answers_for_nothing(ctx: Context) -> None:
    q3 = ctx.period("2025-Q3")  # default dates: 2025-06-15 → 2025-09-14
    assert ctx.assigned_to("xa-tra-mai", q3) == []
    assert ctx.assigned_to("phong-ldtbxh", q3) == []
    assert ctx.assigned_to("khong-co", q3) == []


def test_a_unit_not_yet_created_answers_for_nothing(ctx: Context) -> None:
    q1 = ctx.period("2025-Q1")
    assert ctx.assigned_to("xa-nam-tra-my", q1) == []
    assert ctx.assigned_to("xa-sau-nay", ctx.period("2025-Y")) == []


def test_expected_units_are_alive_at_the_cutoff_with_a_task(ctx: Context) -> None:
    assert ctx.expected_units(ctx.period("2025-Q1")) == [
        "phong-noi-vu",  # inherits t-ld: Labour left on 2025-02-19, before the cut-off
        "xa-tra-don",
        "xa-tra-leng",
        "xa-tra-mai",
    ]
    assert ctx.expected_units(ctx.period("2025-H1")) == [
        "phong-noi-vu",
        "xa-nam-tra-my",
        "xa-tra-leng",
    ]
    # mttq has no task; xa-sau-nay does not exist yet
    assert "mttq" not in ctx.expected_units(ctx.period("2025-Y"))
    assert "xa-sau-nay" not in ctx.expected_units(ctx.period("2025-Y"))


def test_assignments_are_cached_per_day(ctx: Context) -> None:
    h1 = ctx.period("2025-H1")
    assert ctx.assignments(h1) is ctx.assignments(h1)


@pytest.mark.parametrize(
    ("period_id", "required"),
    [
        ("2024-Y", False),  # before the first
        ("2025-Q1", True),
        ("2025-Q2", False),  # kind not required
        ("2025-H1", True),
        ("2025-Q3", True),
        ("2025-M9", False),
        ("2025-Y", True),
        ("2026-Q1", False),  # after the last
        ("2025-Q7", False),
    ],
)
def test_is_required(ctx: Context, period_id: str, required: bool) -> None:
    assert ctx.is_required(period_id) is required


def test_lookups(ctx: Context) -> None:
    assert ctx.unit_name("xa-tra-leng") == "xa-tra-leng"
    assert ctx.unit_name("cac-xa") == "UBND các xã"
    assert ctx.unit_name("khong-co") == "khong-co"
    assert ctx.predecessors["xa-nam-tra-my"] == ["xa-tra-mai", "xa-tra-don"]
    assert ctx.predecessors["phong-noi-vu"] == ["phong-ldtbxh"]
    assert set(ctx.tasks) == {"t-xa", "t-mai", "t-ld", "t-pnv"}


def test_the_period_follows_the_plan_schedule() -> None:
    nine_months = PeriodRule(label="9 tháng", start="12-15", cutoff="09-14", due="09-15")
    reporting = PLAN.reporting.model_copy(update={"schedule": {"Q3": nine_months}})
    ctx = Context(PLAN.model_copy(update={"reporting": reporting}), {u.id: u for u in UNITS})
    q3 = ctx.period("2025-Q3")
    assert (q3.start, q3.cutoff) == (D(2024, 12, 15), D(2025, 9, 14))
    # the merged communes were alive in this longer window: they answer for their tasks
    assert [a.task.id for a in ctx.assigned_to("xa-tra-mai", q3)] == ["t-xa", "t-mai", "t-pnv"]


def test_a_transfer_hands_single_tasks_to_other_units_than_the_successors() -> None:
    units = [
        _unit(
            "phong-ldtbxh",
            "department",
            valid_until="2025-02-19",
            successors=["phong-noi-vu"],
            transfers=[
                {"tasks": ["t-mai"], "to": ["van-phong", "phong-noi-vu"]},
                {"tasks": ["t-ld"], "to": ["phong-nn"]},
            ],
        ),
        _unit("phong-noi-vu", "department"),
        _unit("van-phong", "office"),
        _unit("phong-nn", "department"),
        _unit("xa-tra-mai", "commune"),
    ]
    ctx = Context(PLAN, {u.id: u for u in units})
    day = D(2025, 3, 14)
    assert ctx.heirs("phong-ldtbxh", day, "t-ld") == ["phong-nn"]
    assert ctx.heirs("phong-ldtbxh", day, "t-mai") == ["van-phong", "phong-noi-vu"]
    assert ctx.heirs("phong-ldtbxh", day, "t-pnv") == ["phong-noi-vu"]  # the rest
    assert ctx.heirs("phong-ldtbxh", day) == ["phong-noi-vu"]
    held = ctx.assignments(ctx.period("2025-Q1"))
    assert _held(held["phong-nn"]) == [("t-ld", "lead", "phong-ldtbxh")]
    assert _held(held["van-phong"]) == [("t-mai", "support", "phong-ldtbxh")]
    assert ("t-pnv", "lead", None) in _held(held["phong-noi-vu"])
    assert sorted(ctx.predecessors) == ["phong-nn", "phong-noi-vu", "van-phong"]


@pytest.mark.parametrize("period_id", ["2025-Q1", "2025-H1", "2025-Q3", "2025-Y", "2026-Q1"])
def test_one_units_tasks_are_what_every_units_tasks_hold_for_it(period_id: str) -> None:
    # worked out for the unit alone (a fresh context) and taken from every unit's tasks on
    # the day it answers for (its last day when it ended before the cut-off)
    every = Context(PLAN, {u.id: u for u in UNITS})
    period = every.period(period_id)
    for unit in [*UNITS, _unit("khong-co", "commune")]:
        alone = Context(PLAN, {u.id: u for u in UNITS})
        day = period.cutoff
        if unit.valid_until is not None and unit.valid_until < day:
            day = max(unit.valid_until, period.start)
        expected = every.assignments_on(day).get(unit.id, []) if unit.id in every.units else []
        assert alone.assigned_to(unit.id, period) == expected
        assert every.assigned_to(unit.id, period) == expected  # from the cached map


def test_every_units_tasks_are_worked_out_once_the_second_unit_asks(ctx: Context) -> None:
    # one report's check asks for one unit; a check of many asks for many on the same day
    h1 = ctx.period("2025-H1")
    ctx.assigned_to("xa-tra-leng", h1)
    assert h1.cutoff.isoformat() not in ctx._assign_cache
    assert _held(ctx.assigned_to("phong-noi-vu", h1)) == _held(
        ctx.assignments_on(h1.cutoff)["phong-noi-vu"]
    )
    assert h1.cutoff.isoformat() in ctx._assign_cache


def test_days_with_the_same_units_gone_share_one_working_out(ctx: Context) -> None:
    # between the communes' merger (2025-04-16) and xa-sau-nay (2026-01-01) nobody comes or goes
    assert ctx.assignments_on(D(2025, 6, 14)) is ctx.assignments_on(D(2025, 9, 14))
    assert ctx.assignments_on(D(2025, 3, 14)) is not ctx.assignments_on(D(2025, 6, 14))
    assert "xa-tra-mai" in ctx.assignments_on(D(2025, 3, 14))
    assert "xa-tra-mai" not in ctx.assignments_on(D(2025, 6, 14))


def test_every_units_tasks_are_each_tasks_units_on_every_day() -> None:
    # a group listing a unit twice, a gone unit among living ones, a unit and its group
    groups = [
        {"id": "hai-lan", "name": "Hai lần", "units": ["xa-tra-leng", "mttq", "xa-tra-leng"]},
        {"id": "co-xa-cu", "name": "Có xã cũ", "units": ["xa-tra-leng", "xa-tra-mai"]},
    ]
    tasks = [
        _task("t-hai", ["hai-lan"], ["xa-tra-leng", "cac-xa"]),
        _task("t-cu", ["co-xa-cu"], ["hai-lan", "khong-co"]),
        _task("t-hai-ld", ["phong-ldtbxh", "phong-noi-vu"], ["co-xa-cu"]),
    ]
    more_groups = [UnitGroup.model_validate(group) for group in groups]
    more_tasks = [Task.model_validate(task) for task in tasks]
    plan = PLAN.model_copy(
        update={"groups": [*PLAN.groups, *more_groups], "tasks": [*PLAN.tasks, *more_tasks]}
    )
    for day in [D(2024, 12, 31), D(2025, 3, 14), D(2025, 6, 14), D(2026, 3, 14)]:
        ctx = Context(plan, {u.id: u for u in UNITS})
        every = ctx.assignments_on(day)
        by_task: dict[str, list[Any]] = {}
        for task in plan.tasks:
            for assignment in ctx.task_assignments(task.id, day):
                by_task.setdefault(assignment.unit, []).append(assignment)
        assert every == by_task
        assert list(every) == list(by_task)
