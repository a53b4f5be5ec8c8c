"""The reports of one period for a consolidation: each file read once and checked as ``check``
checks it, on every core for a large period (``validate.parallel``); the digest of the bytes
read is noted in the run's ledger, so the provenance needs no second read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plantrack.io import readlog
from plantrack.io.limits import Limits, configured_limits
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.validate.context import Context
from plantrack.validate.examine import Setting
from plantrack.validate.finding import Finding
from plantrack.validate.parallel import examine_all

Progress = Callable[[int, int], None]


@dataclass
class PeriodReports:
    """The checked reports of one period, by unit id, and their findings."""

    reports: dict[str, Report]
    files: list[DataFile]
    findings: list[Finding]


def load_period(
    root: Path,
    ctx: Context,
    files: list[DataFile],
    period_id: str,
    *,
    today: dt.date,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> PeriodReports:
    """Load and check every report filed under ``data/reports/<period_id>/``."""
    chosen = [f for f in files if f.kind == "report" and f.folder == period_id]
    setting = Setting(root, ctx, "", today, limits or configured_limits(), caching=False)
    out = PeriodReports({}, chosen, [])
    todo = [(file, "") for file in chosen]
    for done, (file, outcome) in enumerate(
        zip(chosen, examine_all(setting, todo, None, models=True), strict=True), 1
    ):
        if outcome.digest:  # read in a worker: its ledger is not this one
            readlog.note_digest(file.path, outcome.digest)
        out.findings += outcome.findings
        if outcome.report is not None:
            out.reports.setdefault(outcome.report.unit, outcome.report)
        if progress is not None:
            progress(done, len(chosen))
    return out
