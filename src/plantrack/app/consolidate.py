"""``consolidate`` (and ``status``, ``remind``): check a period's inputs, gather git facts,
build the view-model; render it in the chosen formats and publish the output folder."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import __version__, layout
from plantrack.app.added import first_added
from plantrack.app.inspection import Oversight, load_oversight
from plantrack.app.outputs import FORMATS, check_output_folder, render_outputs, write_outputs
from plantrack.app.record import record_consolidation
from plantrack.domain.consolidation import consolidate
from plantrack.domain.emulation_summary import EmulationSummary
from plantrack.domain.rollup_view import RollupTree, attach
from plantrack.domain.succession import carried_part
from plantrack.domain.viewmodel import Consolidation, InputFile, Provenance
from plantrack.errors import PlantrackError
from plantrack.io import git, readlog
from plantrack.io.repo import DataFile, list_data_files
from plantrack.io.snapshot import data_on
from plantrack.models import Report
from plantrack.models.period import parse_period_id, period_sort_key
from plantrack.validate.check import Loaded, Progress, load_base
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.period import Cached, load_period
from plantrack.validate.require import require_period, require_period_id
from plantrack.validate.reuse import check_cache
from plantrack.validate.rules_filled import check_period_reported


@dataclass
class Prepared:
    """A view-model, or the error findings that prevented it, plus every warning."""

    vm: Consolidation | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]


@readlog.recorded
def prepare(
    root: Path,
    period_id: str,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    rollup: RollupTree | None = None,
    git_facts: bool = True,
) -> Prepared:
    """Check the inputs of ``period_id`` and build its consolidation at ``as_of``
    (default: the period's cut-off, so results are reproducible). ``as_of`` before the
    due date reads the data as it stood that day (the plan and units with the reports, see
    ``io/snapshot.py``) and calls no report late or missing. ``rollup``: the linked
    children's derived reports, in place of what they filed, and their drill-down.
    ``git_facts=False`` asks git nothing (files extracted from a commit have no history: the
    commit dates and the data commit are not theirs to tell)."""
    require_period_id(period_id)
    files, _ = list_data_files(root)
    base = load_base(root, files)
    if base.context is None:
        return Prepared(None, base.findings)
    period = require_period(base.context, period_id)
    read_on = as_of if as_of is not None and as_of < period.due else None
    with data_on(root, files, period_id, read_on) as (source, source_files):
        if source != root:
            base = load_base(source, source_files)
        # the check cache describes the working tree, not the data as it stood another day
        reuse = check_cache(root, files) if source == root else contextlib.nullcontext()
        with reuse as cached:
            return _prepare(
                Inputs(root, files, source, source_files, base, rollup, git_facts, cached),
                period_id,
                as_of,
                read_on,
                today or dt.date.today(),
                progress,
            )


@dataclass(frozen=True)
class Inputs:
    """Where a consolidation reads: the repository and its files (the inspections and the
    fixes units reported, dated facts read at the cut-off by their dates), and the folder
    the plan, units and reports are loaded from (the repository, or the data as committed
    on an earlier day) with its files."""

    root: Path
    working: list[DataFile]
    source: Path
    files: list[DataFile]
    base: Loaded
    # the linked children's reports derived from their repositories (``rollup``): they take
    # the place of what those units filed, and the outputs drill down into them
    rollup: RollupTree | None = None
    git_facts: bool = True
    # the check cache: reports a check has seen in these very bytes are not parsed again
    cached: Cached | None = None


def _prepare(
    inputs: Inputs,
    period_id: str,
    as_of: dt.date | None,
    read_on: dt.date | None,
    today: dt.date,
    progress: Progress | None,
) -> Prepared:
    """The consolidation of ``period_id`` from ``inputs`` (see ``prepare``)."""
    root, source, files, base = inputs.root, inputs.source, inputs.files, inputs.base
    if base.context is None:
        return Prepared(None, base.findings)
    ctx = base.context
    period = require_period(ctx, period_id)
    current = load_period(
        source, ctx, files, period_id, today=today, progress=progress, cached=inputs.cached
    )
    if inputs.rollup is not None:
        current.reports.update(inputs.rollup.reports)
    findings = base.findings + current.findings
    findings += check_period_reported(period_id, len(current.reports))
    oversight = load_oversight(root, base, inputs.working, today) if base.inspections else None
    findings += _oversight_findings(oversight, findings)
    if any(f.severity == "error" for f in findings):
        return Prepared(None, findings)
    history, earlier = _history(source, ctx, files, period_id, today, inputs.cached)
    inputs_used = [f for f in files if f.kind != "report"] + current.files + earlier
    inputs_used += _fix_inputs(oversight, period_id, inputs_used)
    added = first_added(root, period_id) if inputs.git_facts else {}
    vm = consolidate(
        ctx,
        period,
        current.reports,
        as_of=as_of or period.cutoff,
        provenance=_provenance(root, inputs_used, as_of or period.cutoff, inputs.git_facts),
        committed={f.stem: added[f.rel] for f in current.files if f.rel in added},
        warnings=list(findings),
        history=history,
        read_on=read_on,
    )
    if inputs.rollup is not None:
        attach(vm, inputs.rollup)
    if oversight is not None:
        vm.oversight = oversight.view(as_of or period.cutoff, period_start=period.start)
    if period.kind == "Y":
        vm.emulation = _emulation(root, ctx, vm, as_of, today)
    return Prepared(vm, findings)


def _emulation(
    root: Path, ctx: Context, vm: Consolidation, as_of: dt.date | None, today: dt.date
) -> EmulationSummary | None:
    """The year's emulation scoring for the annual report, when the year has a scheme that
    reads without errors (``emulation score`` reports its findings)."""
    from plantrack.app.emulation import load_inputs, scheme_exists, score_with
    from plantrack.domain.emulation import summarize

    if not scheme_exists(root, vm.period.year):
        return None
    inputs = load_inputs(root, ctx, vm.period.year)
    if inputs.scheme is None or inputs.errors:
        return None
    result, _ = score_with(root, ctx, inputs, vm, as_of=as_of, today=today)
    return summarize(result) if result is not None else None


def _history(
    root: Path,
    ctx: Context,
    files: list[DataFile],
    period_id: str,
    today: dt.date,
    cached: Cached | None = None,
) -> tuple[dict[str, dict[str, Report]], list[DataFile]]:
    """The reports of every period before ``period_id`` (completions carry forward from
    them, indicators compare with them), only the part of each that is read
    (``carried_part``), and their files; their findings belong to their own consolidations."""
    key = period_sort_key(period_id)
    folders = {f.folder for f in files if f.kind == "report" and parse_period_id(f.folder)}
    out: dict[str, dict[str, Report]] = {}
    used: list[DataFile] = []
    for folder in sorted(folders, key=period_sort_key):
        if period_sort_key(folder) < key:
            loaded = load_period(
                root,
                ctx,
                files,
                folder,
                today=today,
                cached=cached,
                earlier=True,
                keep=carried_part,
            )
            out[folder] = dict(loaded.reports)
            used += loaded.files
    return out, used


def _oversight_findings(oversight: Oversight | None, known: list[Finding]) -> list[Finding]:
    """The inspection rules' findings not already made (a report's fixes are checked with it)."""
    return [f for f in oversight.findings if f not in known] if oversight is not None else []


def _fix_inputs(
    oversight: Oversight | None, period_id: str, inputs: list[DataFile]
) -> list[DataFile]:
    """Reports of this or earlier periods whose ``fixes:`` the inspection part reads."""
    if oversight is None:
        return []
    return [f for f in oversight.fix_files_until(period_id) if f not in inputs]


def _provenance(
    root: Path, inputs: list[DataFile], as_of: dt.date, git_facts: bool = True
) -> Provenance:
    """Tool, data commit, cut-off and the digest of every input as it was read for this
    consolidation; refused when an input changed between two reads of this run."""
    ledger = readlog.current() or readlog.Ledger()
    changed = sorted(f.rel for f in inputs if ledger.was_changed(f.path))
    if changed:
        raise PlantrackError(code="PT969", files=", ".join(changed))
    hashed = sorted((InputFile(f.rel, _digest(ledger, f)) for f in inputs), key=lambda i: i.path)
    rels = {f.rel for f in inputs}
    if not git_facts:
        return Provenance("plantrack", __version__, None, [], as_of, hashed)
    dirty = sorted(p for p in git.uncommitted(root) if p in rels)
    return Provenance("plantrack", __version__, git.head_commit(root), dirty, as_of, hashed)


def _digest(ledger: readlog.Ledger, file: DataFile) -> str:
    """The digest of ``file`` as read for the outputs (read now if it was not read yet)."""
    known = ledger.digest(file.path)
    return known if known is not None else hashlib.sha256(file.path.read_bytes()).hexdigest()


def latest_period(root: Path) -> str | None:
    """The most recent period that has a report folder."""
    files, _ = list_data_files(root)
    folders = {f.folder for f in files if f.kind == "report" and parse_period_id(f.folder)}
    return max(folders, key=period_sort_key) if folders else None


@dataclass(frozen=True)
class Options:
    """How to consolidate: formats, output folder, dates, the signing block, recording."""

    formats: Sequence[str] = FORMATS
    out: Path | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None
    number: str | None = None
    date: dt.date | None = None
    signer: str | None = None
    record: bool = False
    force: bool = False
    # "report": the consolidating office's own report; "section": the plan's section of the
    # issuer's periodic administrative-reform report
    kind: str = "report"
    # the linked children's derived reports and drill-down (``rollup``)
    rollup: RollupTree | None = None


@dataclass
class Consolidated:
    """What ``consolidate`` did: its findings, and when they allowed it, the files written
    and the record."""

    prepared: Prepared
    written: list[Path] = field(default_factory=list)
    recorded: Path | None = None


def consolidate_period(
    root: Path, period_id: str, options: Options = Options(), *, progress: Progress | None = None
) -> Consolidated:
    """Consolidate ``period_id``: check, record when asked (before any output, so that
    uncommitted inputs stop an official run early), render and publish the outputs."""
    prepared = prepare(
        root,
        period_id,
        as_of=options.as_of,
        today=options.today,
        progress=progress,
        rollup=options.rollup,
    )
    if prepared.vm is None:
        return Consolidated(prepared)
    vm = prepared.vm
    target = options.out if options.out is not None else root / layout.output_folder(period_id)
    check_output_folder(target, root)  # before anything is written, the record included
    recorded = record_consolidation(root, vm, force=options.force) if options.record else None
    files = render_outputs(
        vm,
        root,
        options.formats,
        number=options.number,
        date=options.date,
        signer=options.signer,
        kind=options.kind,
    )
    written = write_outputs(target, files, force=options.force, repo=root)
    return Consolidated(prepared, written, recorded)
