"""Glue between layers for the commands: load and check inputs, gather git facts, build the
view-model. Used by ``api``; nothing here prints."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import __version__
from plantrack.domain.consolidation import consolidate
from plantrack.domain.viewmodel import Consolidation, InputFile, Provenance
from plantrack.errors import PlantrackError
from plantrack.io import git
from plantrack.io.repo import DataFile, list_data_files
from plantrack.models.period import parse_period_id, period_sort_key
from plantrack.validate.check import Progress, load_base, load_period
from plantrack.validate.finding import Finding


@dataclass
class Prepared:
    """A view-model, or the error findings that prevented it, plus every warning."""

    vm: Consolidation | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]


def prepare(
    root: Path,
    period_id: str,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Check the inputs of ``period_id`` and build its consolidation at ``as_of``
    (default: the period's cut-off, so results are reproducible)."""
    if parse_period_id(period_id) is None:
        raise PlantrackError(
            f"'{period_id}' không phải kỳ báo cáo (ví dụ 2024-Q3, 2024-H1, 2024-Y)."
        )
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        return Prepared(None, base.findings)
    ctx = base.context
    if not ctx.is_required(period_id):
        raise PlantrackError(
            f"Kế hoạch không yêu cầu báo cáo kỳ {period_id} (các kỳ: "
            f"{', '.join(ctx.plan.reporting.periods)}, từ {ctx.plan.reporting.first})."
        )
    today = today or dt.date.today()
    period = ctx.period(period_id)
    current = load_period(root, ctx, files, period_id, today=today, progress=progress)
    previous_id = _previous_period(files, period_id)
    previous = load_period(root, ctx, files, previous_id, today=today) if previous_id else None
    findings = base.findings + current.findings
    if any(f.severity == "error" for f in findings):
        return Prepared(None, findings)
    inputs = (
        [f for f in files if f.kind != "report"]
        + current.files
        + (previous.files if previous else [])
    )
    provenance = _provenance(root, inputs, as_of or period.cutoff)
    added = git.first_added(root)
    committed = {f.stem: added[f.rel] for f in current.files if f.rel in added}
    vm = consolidate(
        ctx,
        period,
        current.reports,
        as_of=as_of or period.cutoff,
        provenance=provenance,
        previous=previous.reports.values() if previous else (),
        previous_period=previous_id,
        committed=committed,
        warnings=list(findings),
    )
    return Prepared(vm, findings)


def _previous_period(files: list[DataFile], period_id: str) -> str | None:
    key = period_sort_key(period_id)
    folders = {f.folder for f in files if f.kind == "report"}
    earlier = [p for p in folders if parse_period_id(p) and period_sort_key(p) < key]
    return max(earlier, key=period_sort_key) if earlier else None


def _provenance(root: Path, inputs: list[DataFile], as_of: dt.date) -> Provenance:
    hashed = sorted(
        (InputFile(f.rel, hashlib.sha256(f.path.read_bytes()).hexdigest()) for f in inputs),
        key=lambda i: i.path,
    )
    rels = {f.rel for f in inputs}
    dirty = sorted(p for p in git.uncommitted(root) if p in rels)
    return Provenance("plantrack", __version__, git.head_commit(root), dirty, as_of, hashed)


def latest_period(root: Path) -> str | None:
    """The most recent period that has a report folder."""
    files, _ = list_data_files(root)
    folders = {f.folder for f in files if f.kind == "report" and parse_period_id(f.folder)}
    return max(folders, key=period_sort_key) if folders else None
