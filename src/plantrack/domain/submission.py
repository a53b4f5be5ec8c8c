"""Whether each expected unit sent its report on time, late, or not at all.

The date that counts is the later of the report's own submission date and the author date
of the commit that first added the file; they should agree within a day. A report imported
from an Excel form counts on the date the unit wrote on its form (never later than it was
entered): the office's delay in entering it is not the unit's. The audit names every form
entered long after its date (PT416).
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
    effective = effective_date(report, commit_day)
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


def effective_date(report: Report, commit_day: dt.date | None) -> dt.date | None:
    """The day ``report`` counts as sent (see ``counted_day``)."""
    return counted_day(report.submitted, commit_day, from_form=report.form is not None)


def counted_day(
    submitted: dt.date | None, first_commit: dt.date | None, *, from_form: bool
) -> dt.date | None:
    """The day a report counts as sent: the later of its own date and its first commit's;
    for a report imported from a form, the form's date (never later than its commit)."""
    candidates = [d for d in (submitted, first_commit) if d is not None]
    if not candidates:
        return None
    return min(candidates) if from_form else max(candidates)
