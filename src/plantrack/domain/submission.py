"""Whether each expected unit sent its report on time, late, or not at all.

The date that counts is the later of the report's own submission date and the author date
of the commit that first added the file; they should agree within a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from plantrack.i18n import t
from plantrack.models import Report
from plantrack.models.period import Period

SubmissionStatus = Literal["on-time", "late", "missing", "pending"]

# "pending": no report yet, read as of a day before the due date (nothing is missing yet)
SUBMISSION_ORDER: tuple[SubmissionStatus, ...] = ("on-time", "late", "missing", "pending")


@dataclass(frozen=True)
class Submission:
    """One expected unit's submission for a period."""

    unit: str
    status: SubmissionStatus
    submitted: dt.date | None = None
    committed: dt.date | None = None
    effective: dt.date | None = None
    days_late: int = 0
    number: str | None = None
    disagreement_days: int = 0

    @property
    def label(self) -> str:
        """Vietnamese label of the status, from the catalogue (the templates show it)."""
        return t(f"submission.{self.status}")

    @property
    def dates_disagree(self) -> bool:
        """The file's date and its commit's date differ by more than a day."""
        return self.disagreement_days > 1


def submission(
    unit: str,
    report: Report | None,
    committed: dt.datetime | None,
    period: Period,
    read_on: dt.date | None = None,
) -> Submission:
    """Classify one unit's submission against ``period.due``; with the reports read as of
    ``read_on`` before the due date, no report yet is pending, not missing."""
    if report is None:
        pending = read_on is not None and read_on < period.due
        return Submission(unit, "pending" if pending else "missing")
    commit_day = committed.date() if committed is not None else None
    candidates = [d for d in (report.submitted, commit_day) if d is not None]
    effective = max(candidates) if candidates else None
    gap = abs((report.submitted - commit_day).days) if report.submitted and commit_day else 0
    late = effective is not None and effective > period.due
    return Submission(
        unit=unit,
        status="late" if late else "on-time",
        submitted=report.submitted,
        committed=commit_day,
        effective=effective,
        days_late=(effective - period.due).days if late and effective else 0,
        number=report.number,
        disagreement_days=gap,
    )
