"""Task status at a cut-off and the national rates (QĐ 42/2014/QĐ-TTg, DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from plantrack.domain.rates import largest_remainder
from plantrack.domain.status import Counts, Status, deadline_of, task_status
from plantrack.models import Task
from plantrack.models.report import TaskEntry
from plantrack.render.labels import STATUS_LABELS

D = dt.date
DEADLINE = D(2024, 8, 31)


def make_task(time: str = "2024-08-31", **extra: Any) -> Task:
    """A task of the plan with the given time (and extension)."""
    return Task.model_validate(
        {"id": "t1", "section": "s1", "title": "Nhiệm vụ", "lead": ["u1"], "time": time, **extra}
    )


def entry(state: str = "in-progress", **extra: Any) -> TaskEntry:
    """A report entry for ``t1``."""
    return TaskEntry.model_validate({"task": "t1", "state": state, **extra})


def done(day: dt.date) -> TaskEntry:
    return entry("done", completed=day, progress=100)


# --- one (task, unit) pair --------------------------------------------------------------


def test_completed_on_the_deadline_day_is_on_time() -> None:
    assert task_status(make_task(), done(DEADLINE), D(2024, 9, 14)) == "done-on-time"


def test_completed_the_day_after_the_deadline_is_late() -> None:
    assert task_status(make_task(), done(D(2024, 9, 1)), D(2024, 9, 14)) == "done-late"


def test_completed_well_before_the_deadline_is_on_time() -> None:
    assert task_status(make_task(), done(D(2024, 1, 2)), D(2024, 9, 14)) == "done-on-time"


@pytest.mark.parametrize("state", ["not-started", "in-progress"])
def test_deadline_after_the_cutoff_and_not_done_is_open_within_deadline(state: str) -> None:
    task = make_task("2024-12-31")
    assert task_status(task, entry(state), D(2024, 9, 14)) == "open-on-time"


def test_cutoff_on_the_deadline_day_is_still_within_deadline() -> None:
    assert task_status(make_task(), entry(), DEADLINE) == "open-on-time"


@pytest.mark.parametrize("state", ["not-started", "in-progress"])
def test_deadline_passed_and_not_done_is_overdue(state: str) -> None:
    assert task_status(make_task(), entry(state), DEADLINE + dt.timedelta(days=1)) == (
        "open-overdue"
    )


def test_completed_after_as_of_counts_as_open() -> None:
    # Not yet known at the cut-off: open, and overdue once the deadline has passed.
    late_news = done(D(2024, 9, 20))
    assert task_status(make_task("2024-12-31"), late_news, D(2024, 9, 14)) == "open-on-time"
    assert task_status(make_task("2024-09-10"), late_news, D(2024, 9, 14)) == "open-overdue"
    # On as_of itself the completion is known.
    assert task_status(make_task("2024-12-31"), late_news, D(2024, 9, 20)) == "done-on-time"


def test_a_completion_date_without_done_state_is_not_completion() -> None:
    half = entry("in-progress", completed=D(2024, 8, 1))
    assert task_status(make_task(), half, D(2024, 9, 14)) == "open-overdue"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"state": "in-progress", "carried_out": True}, "recurring-done"),
        ({"state": "done", "carried_out": False}, "recurring-missed"),
        ({"state": "not-started", "carried_out": False}, "recurring-missed"),
        # without carried_out, the state decides
        ({"state": "done"}, "recurring-done"),
        ({"state": "in-progress"}, "recurring-missed"),
    ],
)
def test_recurring_carried_out_or_not(fields: dict[str, Any], expected: Status) -> None:
    task = make_task("Thường xuyên")
    assert task.time.recurring
    assert task_status(task, entry(**fields), D(2030, 1, 1)) == expected


def test_recurring_is_never_overdue() -> None:
    task = make_task("thường xuyên")
    assert deadline_of(task) is None
    assert task_status(task, entry("not-started"), D(2099, 12, 31)) == "recurring-missed"


@pytest.mark.parametrize("time", ["2024-08-31", "Thường xuyên", "Quý III/2024"])
def test_no_entry_is_not_reported(time: str) -> None:
    assert task_status(make_task(time), None, D(2024, 9, 14)) == "not-reported"


def test_period_times_end_on_the_last_day_of_their_span() -> None:
    task = make_task("Quý III/2024")
    assert deadline_of(task) == D(2024, 9, 30)
    assert task_status(task, done(D(2024, 9, 30)), D(2024, 10, 1)) == "done-on-time"
    assert task_status(task, done(D(2024, 10, 1)), D(2024, 10, 1)) == "done-late"
    assert deadline_of(make_task("Tháng 2/2024")) == D(2024, 2, 29)
    assert deadline_of(make_task("6 tháng đầu năm 2024")) == D(2024, 6, 30)


def test_an_extended_deadline_is_used() -> None:
    task = make_task("2024-08-31", extended_to="2024-10-15")
    assert deadline_of(task) == D(2024, 10, 15)
    # done after the original deadline but before the extension: on time
    assert task_status(task, done(D(2024, 9, 10)), D(2024, 9, 14)) == "done-on-time"
    # open past the original deadline, before the extension: still within the deadline
    assert task_status(task, entry(), D(2024, 9, 14)) == "open-on-time"
    # past the extension too
    assert task_status(task, entry(), D(2024, 10, 16)) == "open-overdue"
    assert task_status(task, done(D(2024, 10, 16)), D(2024, 10, 20)) == "done-late"


def test_every_status_has_a_vietnamese_label() -> None:
    assert STATUS_LABELS["done-on-time"][0] == "Hoàn thành đúng hạn"
    assert STATUS_LABELS["done-late"][0] == "Hoàn thành quá hạn"
    assert STATUS_LABELS["open-on-time"][0] == "Đang thực hiện trong hạn"
    assert "quá hạn" in STATUS_LABELS["open-overdue"][0]
    assert STATUS_LABELS["recurring-done"][0].startswith("Thường xuyên")
    assert STATUS_LABELS["not-reported"][0] == "Chưa báo cáo"


# --- counts and rates -------------------------------------------------------------------


def counts(*groups: tuple[Status, int, bool]) -> Counts:
    """Counts built through ``add``: (status, how many, past the deadline)."""
    out = Counts()
    for status, number, past in groups:
        for _ in range(number):
            out.add(status, past)
    return out


def test_hand_computed_example() -> None:
    # 16 done on time, 2 late, 3 overdue, 5 open within deadline:
    # due = 16 + 2 + 3 = 21; completion = 18/21 = 85.71%; overdue = 3/21 = 14.29%;
    # on time = 16/21 = 76.19%.
    c = counts(
        ("done-on-time", 16, False),
        ("done-late", 2, True),
        ("open-overdue", 3, True),
        ("open-on-time", 5, False),
    )
    assert (c.completed, c.overdue, c.due, c.total) == (18, 3, 21, 26)
    assert c.completion_rate == 85.71
    assert c.overdue_rate == 14.29
    assert c.on_time_rate == 76.19


def test_open_within_deadline_and_recurring_are_left_out_of_the_denominator() -> None:
    base = counts(("done-on-time", 16, False), ("done-late", 2, True), ("open-overdue", 3, True))
    more = counts(
        ("done-on-time", 16, False),
        ("done-late", 2, True),
        ("open-overdue", 3, True),
        ("open-on-time", 40, False),
        ("recurring-done", 7, False),
        ("recurring-missed", 4, False),
    )
    assert more.due == base.due == 21
    assert more.completion_rate == base.completion_rate == 85.71
    assert more.overdue_rate == base.overdue_rate == 14.29
    assert more.total == 72
    assert (more.recurring_done, more.recurring_missed) == (7, 4)


def test_not_reported_past_the_deadline_counts_as_overdue() -> None:
    # 3 done on time, 1 open overdue, 2 not reported past the deadline, 1 not reported
    # with the deadline ahead (and a recurring one): due = 3 + 1 + 2 = 6;
    # completion 3/6 = 50%, overdue 3/6 = 50%.
    c = counts(
        ("done-on-time", 3, False),
        ("open-overdue", 1, True),
        ("not-reported", 2, True),
        ("not-reported", 2, False),
    )
    assert (c.not_reported, c.not_reported_due) == (4, 2)
    assert (c.overdue, c.due) == (3, 6)
    assert c.completion_rate == 50.0
    assert c.overdue_rate == 50.0


def test_national_check_2017() -> None:
    # DOMAIN.md §6: the 2017 national figures are published as 16,051 done and 223 overdue of
    # 16,274 due = 98.62 % + 1.38 %. The exact share is 98.6297…%: the done share is cut
    # down, the overdue share is the rest, and the pair adds up to exactly 100 %.
    c = counts(("done-on-time", 16_051, False), ("open-overdue", 16_274 - 16_051, True))
    assert c.due == 16_274
    assert (c.completion_rate, c.overdue_rate) == (98.62, 1.38)
    assert (c.on_time_rate, c.late_rate) == (98.62, 0.0)


def test_done_shares_are_cut_down_and_the_overdue_share_is_the_rest() -> None:
    # 31 ÷ 32 = 96.875 %: completion 96.87, overdue 3.13 (never 96.88 + 3.13 = 100.01)
    c = counts(("done-on-time", 31, False), ("open-overdue", 1, True))
    assert (c.completion_rate, c.overdue_rate) == (96.87, 3.13)
    # 159 ÷ 160 = 99.375 %
    c = counts(("done-on-time", 159, False), ("open-overdue", 1, True))
    assert (c.completion_rate, c.overdue_rate) == (99.37, 0.63)
    # one overdue task in 100,000 is never shown as 100.00 % done, 0.00 % overdue
    c = counts(("done-on-time", 99_999, False), ("open-overdue", 1, True))
    assert (c.completion_rate, c.overdue_rate) == (99.99, 0.01)


def test_status_shares_add_up_to_100_by_largest_remainder() -> None:
    # 1, 1, 1 of 3: 33.333… each; the first takes the missing tenth
    c = counts(("done-on-time", 1, False), ("open-on-time", 1, False), ("not-reported", 1, False))
    assert [s.share for s in c.present] == [33.4, 33.3, 33.3]
    # 1 and 6 of 7: 14.285… + 85.714…: the larger remainder (.714) rounds up
    c = counts(("done-late", 1, True), ("recurring-done", 6, False))
    assert [s.share for s in c.present] == [14.3, 85.7]
    assert largest_remainder([0, 0]) == [None, None]


def test_on_time_and_late_add_up_to_the_completion_rate() -> None:
    # 1 on time, 1 late, 1 overdue: 33.333… each; done 66.66 (cut down), overdue 33.34,
    # on time 33.33 (cut down), late 66.66 - 33.33 = 33.33
    c = counts(("done-on-time", 1, False), ("done-late", 1, True), ("open-overdue", 1, True))
    assert (c.completion_rate, c.on_time_rate, c.late_rate, c.overdue_rate) == (
        66.66,
        33.33,
        33.33,
        33.34,
    )


@pytest.mark.parametrize(
    "groups",
    [
        (),
        (("open-on-time", 3, False),),
        (("recurring-done", 2, False), ("recurring-missed", 1, False)),
        (("not-reported", 4, False),),
    ],
)
def test_rates_are_none_when_nothing_is_due(groups: tuple[tuple[Status, int, bool], ...]) -> None:
    c = counts(*groups)
    assert c.due == 0
    assert c.completion_rate is None
    assert c.overdue_rate is None
    assert c.on_time_rate is None


def test_all_overdue_and_all_done_give_the_extremes() -> None:
    assert counts(("open-overdue", 2, True)).completion_rate == 0.0
    assert counts(("open-overdue", 2, True)).overdue_rate == 100.0
    assert counts(("done-late", 1, True)).completion_rate == 100.0
    assert counts(("done-late", 1, True)).on_time_rate == 0.0


def test_to_dict_carries_counts_and_rates() -> None:
    c = counts(("done-on-time", 1, False), ("not-reported", 1, True), ("open-on-time", 1, False))
    assert c.to_dict() == {
        "done_on_time": 1,
        "done_late": 0,
        "open_on_time": 1,
        "open_overdue": 0,
        "recurring_done": 0,
        "recurring_missed": 0,
        "not_reported": 1,
        "not_reported_due": 1,
        "total": 3,
        "completed": 1,
        "overdue": 1,
        "due": 2,
        "completion_rate": 50.0,
        "overdue_rate": 50.0,
        "on_time_rate": 50.0,
        "late_rate": 0.0,
        "carried": 0,
    }
    assert c.by_status == {"done-on-time": 1, "not-reported": 1, "open-on-time": 1}


def test_counting_real_pairs() -> None:
    as_of = D(2024, 9, 14)
    pairs = [
        (make_task("2024-08-31"), done(D(2024, 8, 31))),  # on time
        (make_task("2024-08-31"), done(D(2024, 9, 2))),  # late
        (make_task("2024-08-31"), entry()),  # overdue
        (make_task("2024-12-31"), entry()),  # open within deadline
        (make_task("2024-08-31"), None),  # not reported, past the deadline
        (make_task("2024-12-31"), None),  # not reported, deadline ahead
        (make_task("Thường xuyên"), entry(carried_out=True)),  # recurring
    ]
    c = Counts()
    for task, item in pairs:
        deadline = deadline_of(task)
        c.add(task_status(task, item, as_of), deadline is not None and as_of > deadline)
    # due = 2 completed + 1 overdue + 1 not reported past the deadline = 4
    assert (c.completed, c.overdue, c.due, c.total) == (2, 2, 4, 7)
    assert c.completion_rate == 50.0
    assert c.overdue_rate == 50.0
