"""``status`` as a use case: the latest period by default, PT921 without reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plantrack.app.status import status
from plantrack.errors import PlantrackError


def test_the_latest_period_with_reports(plain: Path) -> None:
    found = status(plain)
    assert found.period == "2024-Q3" and found.prepared.vm is not None


def test_no_reports_is_pt921(plain: Path) -> None:
    shutil.rmtree(plain / "data/reports")
    with pytest.raises(PlantrackError) as caught:
        status(plain)
    assert caught.value.code == "PT921" and "data/reports/" in str(caught.value)
