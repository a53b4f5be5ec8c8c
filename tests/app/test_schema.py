"""``schema`` as a use case: plantrack's schemas replaced freely, a user's file kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.app.schema import write_schemas
from plantrack.errors import PlantrackError


def test_schemas_are_written_and_rewritten(tmp_path: Path) -> None:
    paths = write_schemas(tmp_path)
    assert {p.name for p in paths} >= {"plan.schema.json", "report.schema.json"}
    first = paths[0]
    first.write_text(first.read_text("utf-8").replace("{", "{ ", 1), "utf-8")  # an older one
    write_schemas(tmp_path)
    assert not first.read_text("utf-8").startswith("{ ")


def test_a_users_file_needs_force(tmp_path: Path) -> None:
    (tmp_path / "plan.schema.json").write_text("{}\n", "utf-8")
    with pytest.raises(PlantrackError, match="--force"):
        write_schemas(tmp_path)
    write_schemas(tmp_path, force=True)
    assert (tmp_path / "plan.schema.json").read_text("utf-8") != "{}\n"
