"""``report new`` as a use case: the skeleton written under the write policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.app.report_new import new_report
from plantrack.errors import PlantrackError

TODAY = dt.date(2024, 10, 1)


def test_a_skeleton_is_written_then_unchanged(plain: Path) -> None:
    (plain / "data/reports/2024-Q3/xa-tra-don.yaml").unlink()
    made = new_report(plain, "xa-tra-don", "2024-Q3", today=TODAY)
    assert made.outcome == "written" and made.rel == "data/reports/2024-Q3/xa-tra-don.yaml"
    again = new_report(plain, "xa-tra-don", "2024-Q3", today=TODAY)
    assert again.outcome == "unchanged"


def test_a_units_report_is_kept_without_force(plain: Path) -> None:
    real = plain / "data/reports/2024-Q3/xa-tra-don.yaml"
    before = real.read_bytes()
    with pytest.raises(PlantrackError, match="--force") as caught:
        new_report(plain, "xa-tra-don", "2024-Q3", today=TODAY)
    assert caught.value.code == "PT906" and real.read_bytes() == before
    assert new_report(plain, "xa-tra-don", "2024-Q3", force=True, today=TODAY).outcome == "written"


def test_a_period_not_required_is_pt904(plain: Path) -> None:
    with pytest.raises(PlantrackError) as caught:
        new_report(plain, "xa-tra-don", "2024-Q2", today=TODAY)
    assert caught.value.code == "PT904"
