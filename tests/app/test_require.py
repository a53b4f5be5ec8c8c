"""The shared preconditions: a readable plan, and a period the plan requires."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.errors import PlantrackError
from plantrack.validate.require import require_period, require_period_id, require_plan


def test_the_plan_loads_with_its_files(plain: Path) -> None:
    repo = require_plan(plain)
    assert repo.root == plain and "xa-tra-don" in repo.ctx.units
    assert any(f.kind == "report" for f in repo.files)


def test_an_unreadable_plan_stops_with_pt905(plain: Path) -> None:
    (plain / "data/plan.yaml").write_text("id: [\n", "utf-8")
    with pytest.raises(PlantrackError) as caught:
        require_plan(plain)
    assert caught.value.code == "PT905"
    assert "plantrack check" in str(caught.value)
    assert caught.value.text("en").startswith("The plan (data/plan.yaml) cannot be read")


@pytest.mark.parametrize(
    ("period", "code", "words"),
    [
        ("2024-Q5", "PT903", "không phải kỳ báo cáo"),
        ("Q3-2024", "PT903", "không phải kỳ báo cáo"),
        ("2024-Q2", "PT904", "không yêu cầu báo cáo kỳ 2024-Q2"),
        ("2024-Q1", "PT904", "không yêu cầu báo cáo kỳ 2024-Q1"),
    ],
)
def test_periods_the_plan_does_not_require_stop_the_run(
    plain: Path, period: str, code: str, words: str
) -> None:
    ctx = require_plan(plain).ctx
    with pytest.raises(PlantrackError, match=words) as caught:
        require_period(ctx, period)
    assert caught.value.code == code


def test_a_required_period_is_returned(plain: Path) -> None:
    period = require_period(require_plan(plain).ctx, "2024-Q3")
    assert period.id == "2024-Q3"
    require_period_id("2024-Y")  # well formed: no error
