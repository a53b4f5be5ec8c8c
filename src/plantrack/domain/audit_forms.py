"""The audit's rule for reports imported from Excel forms (pure): the date the unit wrote on
its form against the day the office entered it (PT416).

A report imported from a form counts as sent on the form's own date (``submitted``), not on
the day the office imported it (``domain/submission.py``), so a unit is never late for the
office's delay. The other side of that rule is this one: every form entered more than a day
after the date it bears is named, with the form file's SHA-256, so the office can check the
date against its register of incoming documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from plantrack import layout
from plantrack.domain.audit_finding import Emit, commit_record
from plantrack.domain.audit_inspection import as_day
from plantrack.domain.gitfacts import Blobs, Touch
from plantrack.models.period import Period

TOLERANCE_DAYS = 1  # as for a report's own date against its first commit


@dataclass(frozen=True)
class FormEntry:
    """One commit bringing a newly imported form into a report."""

    touch: Touch
    sha256: str
    submitted: dt.date | None

    @property
    def gap(self) -> int | None:
        """Days from the form's date to the day it was entered (negative: dated later)."""
        if self.submitted is None:
            return None
        return (self.touch.commit.author_date.date() - self.submitted).days


def form_entries(touched: Sequence[Touch], blobs: Blobs) -> list[FormEntry]:
    """The report versions (oldest first) that record a form other than their previous
    version's: each is a form import."""
    chosen = [t for t in touched if layout.is_report(t.path) and not t.gone and t.new_blob]
    data = blobs.parsed({b for t in chosen for b in (t.old_blob, t.new_blob) if b})
    out = []
    for t in chosen:
        new = data.get(t.new_blob or "")
        if not isinstance(new, dict):
            continue  # an unreadable version: 'check' names it
        sha = _sha(new)
        if sha is None or sha == _sha(data.get(t.old_blob) if t.old_blob else None):
            continue
        out.append(FormEntry(t, sha, as_day(new.get("submitted"))))
    return out


def form_date_findings(
    entries: Sequence[FormEntry], periods: Callable[[str], Period | None], emit: Emit
) -> None:
    """PT416 for each form entered more than a day after (or dated after) the day it was
    entered; dates as a clerk writes them."""
    for entry in entries:
        gap = entry.gap
        period_id = entry.touch.path.split("/")[2]
        period = periods(period_id)
        if gap is None or abs(gap) <= TOLERANCE_DAYS or period is None or entry.submitted is None:
            continue
        t = entry.touch
        emit(
            commit_record(
                t.commit,
                "PT416",
                t.path,
                "submitted",
                touch=t,
                period=period_id,
                submitted=entry.submitted,
                due=period.due,
                days=abs(gap),
                later="sau" if gap > 0 else "trước",
                later_en="after" if gap > 0 else "before",
                sha256=entry.sha256,
            )
        )


def counted_by_form(
    entries: Sequence[FormEntry], periods: Callable[[str], Period | None]
) -> set[tuple[int, str]]:
    """(commit, path) of the form imports whose form is dated by the due date: the report
    counts as sent then, so the import itself is not a late change."""
    out = set()
    for entry in entries:
        period = periods(entry.touch.path.split("/")[2])
        if period is not None and entry.submitted is not None and entry.submitted <= period.due:
            out.add((entry.touch.commit.seq, entry.touch.path))
    return out


def _sha(data: Any) -> str | None:
    """The form hash a report version records (only a mapping can hold one)."""
    form = data.get("form") if isinstance(data, dict) else None
    sha = form.get("sha256") if isinstance(form, dict) else None
    return str(sha) if sha else None
