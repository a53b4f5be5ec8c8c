"""A child's report to its parent, derived with the same engine as ``consolidate`` from the
child's files: in the parent from the child's data at its pinned commit, in the child from its
own working tree (``report for-parent``).

The submission date (``docs/decisions.md``, roll-up): the day of the data commit the child's
consolidation record of the period names; without a record, the day of the last commit (at
or before the pinned commit) that changed the period's reports, in its committer's own time
zone, and the report says which (``submitted_from``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.app.consolidate import prepare
from plantrack.app.record import read_record
from plantrack.domain.rollup import derive_report
from plantrack.domain.rollup_view import HISTORY, RECORD, SubmittedFrom
from plantrack.domain.viewmodel import Consolidation
from plantrack.errors import PlantrackError
from plantrack.io.repo import DataFile
from plantrack.models import Plan, Report
from plantrack.validate.context import Context
from plantrack.validate.loading import load_model

# the time of the last commit at or before the child's commit that changed a path
LastChange = Callable[[str], dt.datetime | None]


@dataclass
class Reading:
    """A child's report to the parent read from its files: the report, the child's plan and
    its own consolidation (``None`` when its data do not give one, and ``why``), and where
    the submission date comes from."""

    report: Report | None
    plan: Plan | None
    why: str = ""
    vm: Consolidation | None = None
    submitted_from: SubmittedFrom | None = None
    # no report: the fault is in the plan (or stops the run), not in the other files
    in_plan: bool = False


def submitted_on(
    root: Path, period: str, changed: LastChange | None = None
) -> tuple[dt.date | None, SubmittedFrom | None]:
    """The submission day of the child at ``root`` for ``period`` and its source: the record,
    else the child's history (``changed``), else none."""
    path = root / layout.consolidation(period)
    if path.is_file():
        recorded, _, _ = read_record(path, layout.consolidation(period))
        when = recorded.data_commit_date if recorded is not None else None
        if when is not None:
            return when.date(), RECORD
    last = changed(layout.report_folder(period)) if changed is not None else None
    return (last.date(), HISTORY) if last is not None else (None, None)


def derive_in(
    source: Path, parent: Context, unit_id: str, period: str, changed: LastChange | None = None
) -> Reading:
    """The report ``unit_id`` owes ``parent`` from the repository files at ``source``, with
    its plan and consolidation, or why there is none (the first error, or a fatal
    message). ``changed`` reads the child's history for the submission date."""
    try:
        # the derived report reads no git fact (commit dates judge the child's own units'
        # submissions, not the child's report); a pinned commit's files have no history
        prepared = prepare(source, period, git_facts=False)
    except PlantrackError as exc:
        return Reading(None, None, str(exc), in_plan=True)
    child, _, _ = load_model(source, DataFile("plan", source / layout.PLAN, layout.PLAN), Plan)
    if prepared.vm is None or child is None:
        first = prepared.errors[0] if prepared.errors else None
        why = f"{first.path}:{first.line or 0}: {first.code} {first.message_vi}" if first else ""
        in_plan = child is None or first is None or first.path == layout.PLAN
        return Reading(None, None, why, in_plan=in_plan)
    submitted, source_of = submitted_on(source, period, changed)
    report = derive_report(
        parent.plan, child, prepared.vm, unit_id, as_of=prepared.vm.as_of, submitted=submitted
    )
    return Reading(report, child, "", prepared.vm, source_of)
