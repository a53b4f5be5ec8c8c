"""``init`` as a use case: a new repository, checked; a folder in use is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from plantrack.app import init
from plantrack.app.init import init_repository
from plantrack.domain.profile import profile
from plantrack.errors import PlantrackError
from plantrack.render.templating import default_templates

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


GOLDEN = Path(__file__).parent / "golden" / "init-levels.yaml"


@pytest.mark.parametrize(
    "expected", yaml.safe_load(GOLDEN.read_text("utf-8")), ids=lambda e: e["issuer"]
)
def test_each_level_writes_the_same_offices_units_and_signing(expected: dict[str, Any]) -> None:
    """The levels' wording lives in the packaged ``levels.yaml``; what ``init`` writes for each
    level is what it wrote when that wording was code."""
    issuer, superior = expected["issuer"], expected["superior"]
    who = profile(issuer, init._levels(default_templates()), superior)
    files = init._files(default_templates(), "Kế hoạch", who, ["Y"], DAY, "plantrack-vn==0.1.0")
    plan = yaml.safe_load(files["data/plan.yaml"])
    units = [
        yaml.safe_load(data) for rel, data in sorted(files.items()) if rel.startswith("data/units/")
    ]
    found = {
        "issuer": issuer,
        "superior": superior,
        "place": plan["place"],
        "requirements": plan["requirements"],
        "groups": plan["groups"],
        "consolidator": plan["reporting"]["consolidator"],
        "document": plan["reporting"]["document"],
        "units": [{k: u[k] for k in ("id", "name", "short", "kind", "head")} for u in units],
        "support": sorted({s for t in plan["tasks"] for s in t.get("support") or []}),
    }
    assert found == expected


def test_the_levels_file_is_not_copied_as_a_template(tmp_path: Path) -> None:
    made = init_repository(tmp_path / "kho", issuer="UBND xã Thử", today=DAY, with_templates=True)
    assert (made.root / "templates" / "docx").is_dir()
    assert not (made.root / "templates" / init.LEVELS).exists()
