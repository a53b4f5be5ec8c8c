"""``history``: one task's or one unit's story across periods, from git. Nothing here
prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plantrack import layout
from plantrack.app.gitread import GitBlobs, load_context, read_commits
from plantrack.app.inspection import unit_findings
from plantrack.domain.history import TaskHistory, task_history
from plantrack.domain.unit_history import UnitHistory, unit_history
from plantrack.errors import PlantrackError
from plantrack.io import gitlog
from plantrack.io.checkstore import CheckStore
from plantrack.io.limits import configured_limits
from plantrack.validate.check import cache_fingerprint


def run_history(root: Path, target: str, today: dt.date | None = None) -> TaskHistory | UnitHistory:
    """The history of a task (by task id) or of a unit (by unit id, with its findings after
    inspection and their status on ``today``). Each stored version of a report is read once
    ever: its summary stays in the check cache, by blob."""
    store = CheckStore(root, cache_fingerprint(configured_limits()))
    try:
        ctx, _ = load_context(root, store, reports=False)  # reports come from git
        if target in ctx.tasks:
            commits = read_commits(root, prefixes=(f"{layout.REPORTS}/", layout.PLAN))
            with gitlog.BlobReader(root) as reader:
                return task_history(ctx, target, commits, GitBlobs(reader, store))
        if target in ctx.units:
            commits = read_commits(root, prefixes=(f"{layout.REPORTS}/", layout.unit(target)))
            with gitlog.BlobReader(root) as reader:
                history = unit_history(ctx, target, commits, GitBlobs(reader, store))
            day = today or dt.date.today()
            history.findings = unit_findings(root, target, day)
            history.findings_as_of = day if history.findings else None
            return history
    finally:
        store.close()
    examples = ", ".join(list(ctx.tasks)[:2] + list(ctx.units)[:2])
    raise PlantrackError(code="PT912", target=target, examples=examples)
