"""``consolidate`` as a use case: outputs published, findings returned, records first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.consolidate import Options, consolidate_period
from plantrack.errors import PlantrackError

TODAY = dt.date(2024, 10, 1)


def test_every_format_is_written_to_build_period(plain: Path) -> None:
    done = consolidate_period(plain, "2024-Q3", Options(today=TODAY))
    names = sorted(p.name for p in done.written)
    assert names == [
        f"bao-cao-tong-hop-2024-Q3.{ext}" for ext in sorted(("md", "html", "xlsx", "docx", "json"))
    ]
    assert all(p.parent == plain / "build" / "2024-Q3" for p in done.written)
    assert done.recorded is None and done.prepared.vm is not None


def test_chosen_formats_into_a_chosen_folder(plain: Path, tmp_path: Path) -> None:
    out = tmp_path / "ra"
    done = consolidate_period(plain, "2024-Q3", Options(formats=["md"], out=out, today=TODAY))
    assert done.written == [out / "bao-cao-tong-hop-2024-Q3.md"]


def test_errors_write_nothing(plain: Path) -> None:
    (plain / "data/reports/2024-Q3/xa-tra-don.yaml").write_text("unit: [\n", "utf-8")
    done = consolidate_period(plain, "2024-Q3", Options(today=TODAY))
    assert done.prepared.errors and done.written == [] and not (plain / "build").exists()


def test_a_folder_with_a_users_file_is_refused_with_pt907(plain: Path, tmp_path: Path) -> None:
    out = tmp_path / "ra"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của tôi", "utf-8")
    with pytest.raises(PlantrackError) as caught:
        consolidate_period(plain, "2024-Q3", Options(out=out, today=TODAY))
    assert caught.value.code == "PT907" and "--force" in str(caught.value)


def test_recording_outside_git_stops_before_any_output(plain: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        consolidate_period(plain, "2024-Q3", Options(record=True, today=TODAY))
    assert caught.value.code == "PT908" and not (plain / "build").exists()
