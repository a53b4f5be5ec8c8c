"""``init`` as a use case: a new repository, checked; a folder in use is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.init import init_repository
from plantrack.errors import PlantrackError

DAY = dt.date(2025, 1, 2)


def test_a_new_repository_checks_clean(tmp_path: Path) -> None:
    made = init_repository(tmp_path / "kho", district="huyện Thử", today=DAY)
    assert "data/plan.yaml" in made.files and "schemas/plan.schema.json" in made.files
    assert made.check.errors == 0


def test_a_folder_with_content_is_pt915(tmp_path: Path) -> None:
    (tmp_path / "kho").mkdir()
    (tmp_path / "kho" / "ghi-chu.txt").write_text("x", "utf-8")
    with pytest.raises(PlantrackError) as caught:
        init_repository(tmp_path / "kho", today=DAY)
    assert caught.value.code == "PT915"


def test_empty_title_is_pt913(tmp_path: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        init_repository(tmp_path / "kho", title="  ", today=DAY)
    assert caught.value.code == "PT913"
