"""The 2025 reform in the embedded data: the ten old communes report until 30/6/2025, the five
merged communes only from 1/7/2025 (Nghị quyết 1659/NQ-UBTVQH15), and the labour office's tasks
go function by function to different units from 20/2/2025."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plantrack.io.repo import list_data_files
from plantrack.validate.check import load_base
from plantrack.validate.context import Context

ROOT = Path(__file__).resolve().parents[2]
OLD = {
    f"xa-tra-{name}"
    for name in ("mai", "cang", "don", "dzon", "leng", "linh", "nam", "tap", "van", "vinh")
}


def _ctx() -> Context:
    files, _ = list_data_files(ROOT)
    ctx = load_base(ROOT, files).context
    assert ctx is not None
    return ctx


def test_the_first_half_of_2025_expects_the_ten_old_communes() -> None:
    ctx = _ctx()
    expected = set(ctx.expected_units(ctx.period("2025-H1")))
    communes = {u for u in expected if ctx.units[u].kind == "commune"}
    assert communes == OLD


def test_the_new_communes_start_on_1_july_2025_with_their_legal_basis() -> None:
    ctx = _ctx()
    new = [u for u in ctx.units.values() if u.id.endswith("-moi")]
    assert len(new) == 5
    for unit in new:
        assert unit.valid_from == dt.date(2025, 7, 1)
        assert "1659/NQ-UBTVQH15" in (unit.note or "")
    for uid in OLD:
        assert ctx.units[uid].valid_until == dt.date(2025, 6, 30)
        assert ctx.heirs(uid, dt.date(2025, 7, 1)) == ctx.units[uid].successors


def test_the_labour_office_hands_over_function_by_function() -> None:
    ctx = _ctx()
    day = dt.date(2025, 3, 14)
    assert ctx.heirs("phong-lao-dong-tbxh", day, "pl2-05") == ["phong-nong-nghiep-moi-truong"]
    assert ctx.heirs("phong-lao-dong-tbxh", day, "pl1-15") == [
        "van-phong-hdnd-ubnd",
        "phong-noi-vu",
    ]
    assert ctx.heirs("phong-lao-dong-tbxh", day, "pl1-05") == ["phong-noi-vu"]


def test_the_district_units_pass_their_tasks_on_after_30_june_2025() -> None:
    ctx = _ctx()
    day = dt.date(2025, 7, 1)
    new = ["xa-nam-tra-my-moi", "xa-tra-tap-moi", "xa-tra-van-moi", "xa-tra-linh-moi"]
    new.append("xa-tra-leng-moi")
    for uid in ("van-phong-hdnd-ubnd", "phong-tu-phap", "phong-y-te", "phong-noi-vu"):
        assert ctx.units[uid].valid_until == dt.date(2025, 6, 30)
        assert ctx.heirs(uid, day, "pl1-05") == new
    # following and inspecting the plan goes to the city; the city's office reports nothing
    assert ctx.heirs("phong-noi-vu", day, "tcth-02") == ["so-noi-vu-da-nang"]
    assert ctx.units["so-noi-vu-da-nang"].authority == "outside"
    assert "so-noi-vu-da-nang" not in ctx.expected_units(ctx.period("2025-H1"))
    # a unit whose work leaves the plan's scope names no successor
    assert ctx.heirs("thanh-tra-huyen", day) == []
