"""Task status at a cut-off, as the national task-tracking rules count it (QĐ 42/2014/QĐ-TTg).

A (task, unit) pair is exactly one of: done on time, done late, open within its deadline,
open overdue; a recurring task ("thường xuyên") is carried out in the period or not; a
pair with no report entry is not reported. Status is derived, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from plantrack.domain.rates import DueRates, due_rates, largest_remainder
from plantrack.models import Task
from plantrack.models.report import TaskEntry

Status = Literal[
    "done-on-time",
    "done-late",
    "open-on-time",
    "open-overdue",
    "recurring-done",
    "recurring-missed",
    "not-reported",
]

# The order statuses are listed in: done, open, recurring, not reported. The words are the
# renderers' (``render/labels.py`` over the catalogue), and so are the colours.
STATUS_ORDER: tuple[Status, ...] = get_args(Status)


def deadline_of(task: Task) -> dt.date | None:
    """The task's deadline, extended when the plan records an extension (gia hạn)."""
    return task.extended_to or task.time.deadline


def task_status(task: Task, entry: TaskEntry | None, as_of: dt.date) -> Status:
    """The status of one task for one unit at ``as_of``.

    Completed on the deadline day is on time; a completion after ``as_of`` is not yet
    known at the cut-off, so the task counts as open.
    """
    if entry is None:
        return "not-reported"
    if task.time.recurring:
        carried = entry.carried_out if entry.carried_out is not None else entry.state == "done"
        return "recurring-done" if carried else "recurring-missed"
    deadline = deadline_of(task)
    done = entry.state == "done" and entry.completed is not None and entry.completed <= as_of
    if done:
        assert entry.completed is not None
        return "done-on-time" if deadline is None or entry.completed <= deadline else "done-late"
    if deadline is not None and as_of > deadline:
        return "open-overdue"
    return "open-on-time"


@dataclass(frozen=True)
class StatusCount:
    """How many pairs have one status, and their share of all pairs (percent, one decimal;
    the shares of all statuses add up to exactly 100)."""

    status: Status
    count: int
    share: float | None


@dataclass
class Counts:
    """Status counts and the national rates over them.

    tasks due = completed + open overdue (+ not reported past the deadline, which the
    national rules count as not completed); open tasks within their deadline and recurring
    tasks are left out of the denominator.
    """

    done_on_time: int = 0
    done_late: int = 0
    open_on_time: int = 0
    open_overdue: int = 0
    recurring_done: int = 0
    recurring_missed: int = 0
    not_reported: int = 0
    not_reported_due: int = 0
    # completions standing from an earlier report (the later report left the task out)
    carried: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, status: Status, past_deadline: bool, carried: bool = False) -> None:
        """Count one (task, unit) status; ``carried`` marks a completion carried forward."""
        name = status.replace("-", "_")
        setattr(self, name, getattr(self, name) + 1)
        self.carried += carried
        if status == "not-reported" and past_deadline:
            self.not_reported_due += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1

    @property
    def total(self) -> int:
        """Every counted pair."""
        return sum(self.by_status.values())

    @property
    def completed(self) -> int:
        """Done on time plus done late."""
        return self.done_on_time + self.done_late

    @property
    def overdue(self) -> int:
        """Open past the deadline, including pairs not reported past the deadline."""
        return self.open_overdue + self.not_reported_due

    @property
    def due(self) -> int:
        """Tasks due at the cut-off: completed + overdue."""
        return self.completed + self.overdue

    @property
    def rates(self) -> DueRates | None:
        """Completion, on-time, late and overdue rates that add up exactly (``rates.py``)."""
        return due_rates(self.done_on_time, self.done_late, self.overdue)

    def _rate(self, name: str) -> float | None:
        rates = self.rates
        return float(getattr(rates, name)) if rates else None

    @property
    def completion_rate(self) -> float | None:
        """Completed ÷ due, as a percentage; ``None`` when nothing is due."""
        return self._rate("completion")

    @property
    def overdue_rate(self) -> float | None:
        """Overdue ÷ due: 100 minus the completion rate; ``None`` when nothing is due."""
        return self._rate("overdue")

    @property
    def on_time_rate(self) -> float | None:
        """Done on time ÷ due, as a percentage (QĐ 42/2014: shown beside completion)."""
        return self._rate("on_time")

    @property
    def late_rate(self) -> float | None:
        """Done late ÷ due: the completion rate minus the on-time rate."""
        return self._rate("late")

    @property
    def recurring(self) -> int:
        """Recurring pairs, carried out or not."""
        return self.recurring_done + self.recurring_missed

    @property
    def statuses(self) -> list[StatusCount]:
        """Every status in order, with its count and share (zero counts included)."""
        counts = [self.by_status.get(s, 0) for s in STATUS_ORDER]
        return [
            StatusCount(s, n, share)
            for s, n, share in zip(STATUS_ORDER, counts, largest_remainder(counts), strict=True)
        ]

    @property
    def present(self) -> list[StatusCount]:
        """The statuses some pair has, in order."""
        return [s for s in self.statuses if s.count]

    def to_dict(self) -> dict[str, object]:
        """Counts and rates, JSON-ready."""
        return {
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "open_on_time": self.open_on_time,
            "open_overdue": self.open_overdue,
            "recurring_done": self.recurring_done,
            "recurring_missed": self.recurring_missed,
            "not_reported": self.not_reported,
            "not_reported_due": self.not_reported_due,
            "total": self.total,
            "completed": self.completed,
            "overdue": self.overdue,
            "due": self.due,
            "completion_rate": self.completion_rate,
            "overdue_rate": self.overdue_rate,
            "on_time_rate": self.on_time_rate,
            "late_rate": self.late_rate,
            "carried": self.carried,
        }
