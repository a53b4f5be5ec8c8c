"""``init`` as a use case: a new repository, checked; a folder in use is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.init import init_repository
from plantrack.errors import PlantrackError

DAY = dt.date(2025, 1, 2)


def test_a_new_repository_checks_clean(tmp_path: Path) -> None:
    made = init_repository(tmp_path / "kho", issuer="UBND xã Thử", today=DAY)
    assert "data/plan.yaml" in made.files and "schemas/plan.schema.json" in made.files
    assert "data/units/thon-1.yaml" in made.files
    assert made.check.errors == 0 and made.check.warnings == 0


def test_monthly_periods_start_the_year_in_january(tmp_path: Path) -> None:
    made = init_repository(tmp_path / "kho", issuer="UBND phường Thử", periods="Y,M", today=DAY)
    plan = (made.root / "data/plan.yaml").read_text("utf-8")
    assert 'first: "2025-M01"' in plan and '"M12", "Y"]' in plan


def test_unknown_period_kind_is_pt980(tmp_path: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        init_repository(tmp_path / "kho", issuer="UBND xã Thử", periods="Q5", today=DAY)
    assert caught.value.code == "PT980"
    assert not (tmp_path / "kho").exists()


def test_a_folder_with_content_is_pt915(tmp_path: Path) -> None:
    (tmp_path / "kho").mkdir()
    (tmp_path / "kho" / "ghi-chu.txt").write_text("x", "utf-8")
    with pytest.raises(PlantrackError) as caught:
        init_repository(tmp_path / "kho", issuer="UBND xã Thử", today=DAY)
    assert caught.value.code == "PT915"


def test_empty_title_is_pt913(tmp_path: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        init_repository(tmp_path / "kho", issuer="UBND xã Thử", title="  ", today=DAY)
    assert caught.value.code == "PT913"
