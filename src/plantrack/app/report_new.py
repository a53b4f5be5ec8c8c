"""``report new``: the skeleton of a unit's report for a period, written and checked.
Nothing here prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import Outcome, write_guarded
from plantrack.app.handover import handover_list
from plantrack.domain.closing import closing_day
from plantrack.domain.skeleton import Skeleton, build_skeleton, lineage, refusal_code
from plantrack.errors import PlantrackError
from plantrack.render.skeleton_yaml import render_skeleton
from plantrack.validate.check import CheckResult, check_repository
from plantrack.validate.loading import latest_reports_before
from plantrack.validate.require import require_period, require_period_id, require_plan


@dataclass
class NewReport:
    """A skeleton written: where, what it holds, and its own check."""

    path: Path
    rel: str
    skeleton: Skeleton
    check: CheckResult
    outcome: Outcome = "written"


def new_report(
    root: Path, unit_id: str, period_id: str, *, force: bool = False, today: dt.date | None = None
) -> NewReport:
    """Write the skeleton of ``unit_id``'s report for ``period_id`` and check it.

    Raises ``PlantrackError`` for a malformed or unrequired period, a unit that owes no report
    for it, an unreadable plan, or an existing file without ``force``.
    """
    require_period_id(period_id)
    repo = require_plan(root)
    ctx = repo.ctx
    period = require_period(ctx, period_id)
    refused = refusal_code(ctx, unit_id, period)
    if refused is not None:
        raise PlantrackError(code=refused[0], **refused[1])
    rel = layout.report(period_id, unit_id)
    target = root / rel
    previous = latest_reports_before(root, repo.files, lineage(ctx, unit_id), period_id)
    skeleton = build_skeleton(ctx, unit_id, period, previous)
    skeleton.closing = closing_day(ctx.units[unit_id], period)
    if skeleton.closing is not None:
        # a closing report hands over what is left; data errors elsewhere only leave it out
        skeleton.handover = handover_list(root, unit_id, today=today).handover
    outcome = write_guarded(
        target, render_skeleton(skeleton, rel), force=force, shown=rel, advice="advice.report_new"
    )
    result = check_repository(root, today=today or dt.date.today(), only=[rel])
    return NewReport(target, rel, skeleton, result, outcome)
