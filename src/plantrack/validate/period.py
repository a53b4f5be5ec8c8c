"""The reports of one period for a consolidation: each file read once and checked as ``check``
checks it, on every core for a large period (``validate.parallel``); the digest of the bytes
read is noted in the run's ledger, so the provenance needs no second read.

A report the check cache holds for the very bytes on disk is not read again: its validated
model comes from the cache (``Cached``). The rule is the check's own: a file whose stamp
(size, mtime, inode) is unchanged is taken as it is stored; a file whose stamp differs is read
and hashed, and taken from the cache when its digest is the stored one. What the cache holds
is what parsing those bytes gives, so the consolidation is the same either way. A report of
the consolidated period is taken from the cache only when the check found nothing in it
under the same plan, units and indices (its findings are then none, as a new check's would
be); a report of an earlier period gives only its model (its findings belong to its own
consolidation).

The cycle collector is paused while a period's reports are read and restored, and a large
period's models, kept to the end of the run, are then moved out of its reach
(``validate/collector.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plantrack.io import readlog
from plantrack.io.checkstore import CheckStore, Entry
from plantrack.io.limits import Limits, configured_limits
from plantrack.io.repo import DataFile
from plantrack.models import Report
from plantrack.validate.collector import paused
from plantrack.validate.context import Context
from plantrack.validate.examine import Outcome, Setting
from plantrack.validate.finding import Finding
from plantrack.validate.parallel import examine_all

Progress = Callable[[int, int], None]


@dataclass
class PeriodReports:
    """The checked reports of one period, by unit id, and their findings."""

    reports: dict[str, Report]
    files: list[DataFile]
    findings: list[Finding]


@dataclass(frozen=True)
class Cached:
    """The check cache a consolidation may read reports from, and the digest of the plan,
    units and indices of this run (a stored report's findings hold under that base only)."""

    store: CheckStore
    base: str

    def usable(self, entry: Entry | None, *, earlier: bool, today: dt.date) -> bool:
        """Whether ``entry`` stands for a fresh check of its bytes in this consolidation."""
        if entry is None:
            return False
        if earlier:
            return True
        return (
            entry.base == self.base
            and not (entry.own or entry.cross or entry.filled)
            and not (entry.dated and entry.dated > today.isoformat())
        )


def load_period(
    root: Path,
    ctx: Context,
    files: list[DataFile],
    period_id: str,
    *,
    today: dt.date,
    limits: Limits | None = None,
    progress: Progress | None = None,
    cached: Cached | None = None,
    earlier: bool = False,
    keep: Callable[[Report], Report] | None = None,
) -> PeriodReports:
    """Load and check every report filed under ``data/reports/<period_id>/``; with ``cached``,
    each report the check cache holds for its bytes is taken from there. ``earlier``: a
    period before the consolidated one, read for its models only. ``keep``: the part of each
    report to keep, taken as each report is read (four periods of a national repository
    are not all held whole at once)."""
    chosen = [f for f in files if f.kind == "report" and f.folder == period_id]
    setting = Setting(root, ctx, "", today, limits or configured_limits(), caching=False)
    entries: dict[str, Entry] = {}
    if cached is not None:
        for file in chosen:
            entry = cached.store.get(file.rel)
            if cached.usable(entry, earlier=earlier, today=today):
                assert entry is not None
                entries[file.rel] = entry
    store = cached.store if cached is not None else None
    with paused(freeze=len(chosen) >= FREEZE_AT):
        taken = _outcomes(setting, chosen, entries, store, keep or _whole)
    out = PeriodReports({}, chosen, [])
    for done, (file, outcome) in enumerate(zip(chosen, taken, strict=True), 1):
        if outcome.digest:  # read in a worker, or from the cache: its ledger is not this one
            readlog.note_digest(file.path, outcome.digest)
        out.findings += outcome.findings
        if outcome.report is not None:
            out.reports.setdefault(outcome.report.unit, outcome.report)
        if progress is not None:
            progress(done, len(chosen))
    return out


def _whole(report: Report) -> Report:
    return report


FREEZE_AT = 1000
"""Reports in a period from which its models are frozen once loaded: below it, the collector
walks them little enough (and a process that loads many small repositories, as a test run,
keeps collecting what it frees)."""


def _outcomes(
    setting: Setting,
    chosen: list[DataFile],
    entries: dict[str, Entry],
    store: CheckStore | None,
    keep: Callable[[Report], Report],
) -> list[Outcome]:
    """The outcome of each file of ``chosen``, in order: from the cache for a file with a
    usable entry (in ``entries``) and the stored bytes, else examined as a check does."""
    fresh = {f.rel for f in chosen if f.rel in entries and entries[f.rel].fresh(f.stamp)}
    todo = [(f, entries[f.rel].digest if f.rel in entries else "") for f in chosen]
    out: dict[str, Outcome] = {}
    for outcome in examine_all(
        setting, [t for t in todo if t[0].rel not in fresh], None, models=True
    ):
        out[outcome.rel] = _kept(outcome, keep)
    stored = [f.rel for f in chosen if f.rel in fresh or out[f.rel].same]
    restored, unread = _from_store(stored, entries, store, keep)
    out.update(restored)
    by_rel = {f.rel: f for f in chosen}
    for outcome in examine_all(setting, [(by_rel[rel], "") for rel in unread], 1, models=True):
        out[outcome.rel] = _kept(outcome, keep)  # a stored row that does not read: read it
    return [out[f.rel] for f in chosen]


def _from_store(
    stored: list[str],
    entries: dict[str, Entry],
    store: CheckStore | None,
    keep: Callable[[Report], Report],
) -> tuple[dict[str, Outcome], list[str]]:
    """The outcomes of the ``stored`` files restored from the cache's models (500 rows at a
    time, so a national period is never held as text whole), and the files whose row does
    not give a model (missing or unreadable), to be read from their files."""
    out: dict[str, Outcome] = {}
    unread: list[str] = []
    for start in range(0, len(stored), 500):
        chunk = stored[start : start + 500]
        models = store.models(chunk) if store is not None else {}
        for rel in chunk:
            report = _restore(models.get(rel))
            if isinstance(report, bool):
                unread.append(rel)
                continue
            report = keep(report) if report is not None else None
            out[rel] = Outcome(rel, [], report=report, digest=entries[rel].digest)
    return out, unread


def _kept(outcome: Outcome, keep: Callable[[Report], Report]) -> Outcome:
    if outcome.report is not None:
        outcome.report = keep(outcome.report)
    return outcome


def _restore(model: bytes | None) -> Report | bool | None:
    """The stored model; ``None`` for a report stored as not valid; ``False`` when the row
    does not give one (missing or unreadable)."""
    if model is None:
        return False
    if not model:
        return None
    try:
        return Report.model_validate_json(model)
    except ValueError:
        return False
