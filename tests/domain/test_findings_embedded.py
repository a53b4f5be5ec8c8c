"""The embedded inspections, counted by hand from data/inspections and the 2025-Q1 reports.

kt-2024-01 (Trà Cang 21/8, Trà Dơn 28/8/2024; deadline 4/10/2024): 5 findings, fixed 5/9,
30/9, 10/9, 6/9 and 15/10 (late); re-inspection kt-2025-01 passed three, failed Trà Dơn's
register (4/3/2025, no new deadline). kt-2024-02 (Trà Tập 22/10, Trà Vinh 24/10, Tài nguyên
và Môi trường 26/11/2024): 9 findings; Trà Tập's three from the minutes due 22/11 (one fixed
6/12, late), three due 31/12 fixed in time, three due 31/1/2025 fixed 23/12, 26/12 and
20/12 — reported in the units' 2025-Q1 reports, the last by the successor department.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plantrack.domain.findings_status import (
    count_findings,
    counts_by_unit,
    finding_states,
    reported_fixes,
    slow_units,
)
from plantrack.io.repo import list_data_files
from plantrack.models import Report
from plantrack.validate.check import load_base
from plantrack.validate.loading import load_model

PROJECT = Path(__file__).resolve().parents[2]


def states(as_of: dt.date) -> list:  # type: ignore[type-arg]
    files, _ = list_data_files(PROJECT)
    base = load_base(PROJECT, files)
    assert base.context is not None
    reports = [load_model(PROJECT, f, Report)[0] for f in files if f.kind == "report"]
    fixes = reported_fixes(r for r in reports if r is not None)
    inspections = [item.inspection for item in base.inspections]
    return finding_states(base.context, inspections, fixes, as_of)


@pytest.mark.parametrize(
    ("as_of", "on_time", "late", "open_", "overdue", "failed", "total"),
    [
        # Q3 report: 2 units, 5 recommendations, 3 fixed
        (dt.date(2024, 9, 14), 3, 0, 2, 0, 0, 5),
        # year report: 5 units, 14 recommendations, 11 fixed, 3 due 31/01/2025
        (dt.date(2024, 12, 14), 9, 2, 3, 0, 0, 14),
        # Q1 2025: Trà Dơn's register failed re-inspection; everything else fixed
        (dt.date(2025, 3, 14), 12, 1, 0, 0, 1, 14),
    ],
)
def test_counts_match_the_hand_count(
    as_of: dt.date, on_time: int, late: int, open_: int, overdue: int, failed: int, total: int
) -> None:
    counts = count_findings(states(as_of))
    assert counts.by_status == {
        "fixed-on-time": on_time,
        "fixed-late": late,
        "open-on-time": open_,
        "open-overdue": overdue,
        "failed-recheck": failed,
    }
    assert counts.total == total


def test_q1_2025_rates_and_the_unit_slow_to_fix() -> None:
    found = states(dt.date(2025, 3, 14))
    counts = count_findings(found)
    # due = 13 fixed + 1 failed past its deadline
    assert (counts.due, counts.fixed, counts.overdue) == (14, 13, 1)
    assert (counts.fix_rate, counts.on_time_rate, counts.overdue_rate) == (92.85, 85.71, 7.15)
    slow = slow_units(found)
    assert list(slow) == ["xa-tra-dzon"]
    assert [s.finding.id for s in slow["xa-tra-dzon"]] == ["kt-2024-01-05"]


def test_the_successor_answers_for_the_department_that_merged() -> None:
    found = {s.finding.id: s for s in states(dt.date(2025, 3, 14))}
    assert found["kt-2024-02-09"].responsible == ("phong-nong-nghiep-moi-truong",)
    assert found["kt-2024-02-09"].fixes[0].unit == "phong-nong-nghiep-moi-truong"
    before = {s.finding.id: s for s in states(dt.date(2024, 12, 14))}
    assert before["kt-2024-02-09"].responsible == ("phong-tai-nguyen-moi-truong",)
    by_unit = counts_by_unit(found.values())
    assert by_unit["phong-nong-nghiep-moi-truong"].fixed == 2
    assert by_unit["xa-tra-dzon"].by_status["failed-recheck"] == 1
