"""Finding status at a cut-off: the edge cases of the rule and the rates over findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from plantrack.domain.findings_status import (
    FINDING_STATUSES,
    FindingCounts,
    verdict,
)
from plantrack.models.inspection import Finding

D = dt.date
FIX_BY = D(2024, 10, 4)


def finding(**extra: Any) -> Finding:
    """A finding due on 4/10/2024."""
    data = {"id": "f1", "unit": "u1", "category": "Kỷ luật", "text": "Đi muộn", "fix_by": FIX_BY}
    return Finding.model_validate({**data, **extra})


def recheck(day: dt.date, result: str, new_fix_by: dt.date | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"inspection": "pt-1", "date": day, "result": result}
    if new_fix_by is not None:
        out["new_fix_by"] = new_fix_by
    return out


def test_fixed_on_the_deadline_day_is_on_time() -> None:
    v = verdict(finding(), [FIX_BY], D(2024, 12, 1))
    assert (v.status, v.fixed_on) == ("fixed-on-time", FIX_BY)


def test_fixed_the_day_after_the_deadline_is_late() -> None:
    assert verdict(finding(), [D(2024, 10, 5)], D(2024, 12, 1)).status == "fixed-late"


def test_a_fix_after_the_cut_off_is_not_known_yet() -> None:
    assert verdict(finding(), [D(2024, 10, 1)], D(2024, 9, 30)).status == "open-on-time"
    assert verdict(finding(), [D(2024, 10, 10)], D(2024, 10, 5)).status == "open-overdue"


def test_open_on_the_deadline_day_is_within_the_deadline() -> None:
    assert verdict(finding(), [], FIX_BY).status == "open-on-time"
    v = verdict(finding(), [], D(2024, 10, 5))
    assert (v.status, v.overdue) == ("open-overdue", True)


def test_the_earliest_fix_counts() -> None:
    v = verdict(finding(), [D(2024, 11, 1), D(2024, 9, 1)], D(2024, 12, 1))
    assert (v.status, v.fixed_on) == ("fixed-on-time", D(2024, 9, 1))


def test_a_passed_recheck_without_a_fix_counts_as_a_fix_that_day() -> None:
    f = finding(rechecks=[recheck(D(2024, 10, 20), "dat")])
    v = verdict(f, [], D(2024, 12, 1))
    assert (v.status, v.fixed_on) == ("fixed-late", D(2024, 10, 20))


def test_failed_recheck_without_a_new_deadline_stays_failed_and_overdue() -> None:
    f = finding(rechecks=[recheck(D(2025, 3, 4), "chua-dat")])
    before = verdict(f, [D(2024, 9, 10)], D(2025, 3, 3))
    assert before.status == "fixed-on-time"  # the re-inspection is not known yet
    v = verdict(f, [D(2024, 9, 10)], D(2025, 3, 14))
    assert (v.status, v.reopened, v.overdue, v.deadline) == ("failed-recheck", False, True, FIX_BY)


def test_failed_recheck_reopened_with_a_new_deadline() -> None:
    f = finding(rechecks=[recheck(D(2025, 3, 4), "chua-dat", D(2025, 3, 31))])
    within = verdict(f, [D(2024, 9, 10)], D(2025, 3, 14))
    assert (within.status, within.reopened, within.overdue) == ("failed-recheck", True, False)
    assert within.deadline == D(2025, 3, 31)
    past = verdict(f, [D(2024, 9, 10)], D(2025, 4, 1))
    assert (past.status, past.overdue) == ("open-overdue", True)


def test_a_fix_after_a_failed_recheck_is_late_even_within_the_new_deadline() -> None:
    f = finding(rechecks=[recheck(D(2025, 3, 4), "chua-dat", D(2025, 3, 31))])
    v = verdict(f, [D(2024, 9, 10), D(2025, 3, 20)], D(2025, 3, 25))
    assert (v.status, v.fixed_on) == ("fixed-late", D(2025, 3, 20))


def test_a_later_passed_recheck_closes_a_failed_one_as_late() -> None:
    f = finding(rechecks=[recheck(D(2025, 3, 4), "chua-dat"), recheck(D(2025, 4, 2), "dat")])
    v = verdict(f, [D(2024, 9, 10)], D(2025, 5, 1))
    assert (v.status, v.fixed_on) == ("fixed-late", D(2025, 4, 2))


def test_rates_leave_open_findings_within_their_deadline_out() -> None:
    counts = FindingCounts()
    f = finding()
    for fixes, as_of in (
        ([FIX_BY], D(2024, 12, 1)),  # on time
        ([D(2024, 10, 9)], D(2024, 12, 1)),  # late
        ([], D(2024, 9, 1)),  # open within
        ([], D(2024, 12, 1)),  # overdue
    ):
        counts.add(verdict(f, fixes, as_of))
    assert (counts.total, counts.fixed, counts.due, counts.overdue) == (4, 2, 3, 1)
    assert (counts.fix_rate, counts.on_time_rate, counts.overdue_rate) == (66.66, 33.33, 33.34)
    assert counts.fix_rate + counts.overdue_rate == 100.0


def test_every_status_has_a_vietnamese_and_english_label() -> None:
    from plantrack.render.labels import FINDING_COLOURS, FINDING_LABELS

    assert set(FINDING_LABELS) == set(FINDING_STATUSES) == set(FINDING_COLOURS)
    assert all(vi != en and vi and en for vi, en in FINDING_LABELS.values())
