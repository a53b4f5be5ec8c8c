"""Each linked child's report derived at its pinned commit (``app/rollup_derive.py``), for many
children at once: what is kept in the cache (``app/rollup_cache.py``) is taken from it; the
rest is derived on every core.

A derivation is Python work on one child's files, so threads would take turns on one core:
the children to derive are shared, in contiguous chunks, among worker processes forked from
this one (they inherit the parent's plan and units without copying them). Each worker keeps
what it derived in the cache and sends back the figures; the results come back in the order
of the children, so the findings are the same as on one process. Few children, one core, or
a system without ``fork``: everything runs here, a few children at once on threads (the git
each derivation asks for the submission date releases the interpreter while it runs).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.rollup import child_tree
from plantrack.app.rollup_cache import DerivedCache
from plantrack.app.rollup_derive import derive_in
from plantrack.app.rollup_lock import Pin
from plantrack.app.rollup_versions import readable, unreadable
from plantrack.domain.rollup_links import ChildLink, ChildPlan, child_rel, plan_findings
from plantrack.domain.rollup_view import ChildFigures, Unread, UnreadKind
from plantrack.i18n import t
from plantrack.io import mirror
from plantrack.models import Report
from plantrack.models.plan import SCHEMA_VERSION
from plantrack.validate.check import Progress
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.parallel import chunked, default_jobs, forked_map, workers_for

THRESHOLD = 8
"""Children to derive below which starting workers costs more than it saves."""
THREADS = 4  # children derived at once on one process


@dataclass
class Derived:
    """A child's derived report (``None`` when its data do not give one) and the findings."""

    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    figures: ChildFigures | None = None
    unread: Unread | None = None  # no report: why


@dataclass(frozen=True)
class Todo:
    """A child to derive: its link, pinned commit, the folder its files are read from, where
    findings about it go and its key in the cache."""

    link: ChildLink
    commit: str
    folder: Path
    where: Located
    key: str


@dataclass(frozen=True)
class Run:
    """What every derivation of one roll-up shares."""

    parent: Context
    cache: Path
    period: str
    kept: DerivedCache | None = None


def locate(run: Run, link: ChildLink, pin: Pin | None, where: Located) -> Derived | Todo:
    """The child ``link``'s figures when they need no derivation (kept in the cache, or
    there is nothing to derive: PT707, PT710), else what to derive. The commit's files are
    extracted once into ``cache/trees``."""
    if pin is None or pin.commit is None or pin.url != link.url:
        vi = pin.missing if pin is not None and pin.missing else t("rollup.not_pinned", "vi")
        en = pin.missing if pin is not None and pin.missing else t("rollup.not_pinned", "en")
        found = [_underived(where, link, run.period, vi, en)]
        return Derived(None, found, unread=unpinned(link, pin, vi))
    folder = child_tree(run.cache, link, pin.commit)
    if folder is None:
        short = pin.commit[:12]
        vi, en = (
            t("rollup.not_in_cache", "vi", commit=short),
            t("rollup.not_in_cache", "en", commit=short),
        )
        # a mirror that lacks its own pinned commit lost it to a rewritten history
        held = mirror.mirror_path(run.cache, link.url).is_dir()
        gone = Unread("rewritten" if held else "not-synced", vi)
        return Derived(None, [_underived(where, link, run.period, vi, en)], unread=gone)
    form = readable(folder)
    if form.folder is None:
        named = unreadable(where, link.unit, pin.commit, form)
        return Derived(None, [named], unread=Unread(unmigrated(form.version), named.message_vi))
    key = run.kept.key(link, pin.commit, form.folder) if run.kept is not None else ""
    hit = run.kept.get(key) if run.kept is not None else None
    if hit is not None:
        return Derived(hit.figures.report, list(hit.findings), hit.figures)
    return Todo(link, pin.commit, form.folder, where, key)


def derive(run: Run, todo: Todo) -> Derived:
    """The report of the child ``todo.link`` from its files at its commit, kept in the cache."""
    link, commit, folder = todo.link, todo.commit, todo.folder
    mirrored = mirror.mirror_path(run.cache, link.url)
    read = derive_in(
        folder,
        run.parent,
        link.unit,
        run.period,
        lambda rel: mirror.last_change(mirrored, commit, rel),
    )
    if read.plan is None or read.report is None or read.vm is None:
        faulty = Unread("broken-plan" if read.in_plan else "broken-data", read.why)
        found = [_underived(todo.where, link, run.period, read.why, read.why)]
        return Derived(None, found, unread=faulty)
    plan_file = Located(child_rel(link.unit, layout.PLAN), None, source=folder / layout.PLAN)
    parent = run.parent
    found = plan_findings(
        parent, [ChildPlan(link, read.plan, plan_file)], parent.period(run.period)
    )
    # of the child's consolidation only what the drill-down shows is kept
    figures = ChildFigures(read.report, read.vm.overall, read.vm.units, read.submitted_from)
    if run.kept is not None:
        run.kept.put(todo.key, figures, found)
    return Derived(read.report, found, figures)


def unpinned(link: ChildLink, pin: Pin | None, detail: str) -> Unread:
    """Why a child has no pinned commit to read: never synced for the period (or its link
    changed since), a branch its repository lacks, or a server not reached since the first
    sync that failed."""
    if pin is None or pin.url != link.url or not pin.missing:
        return Unread("not-synced", detail)
    if pin.missing == t("rollup.no_branch", "vi", branch=pin.branch):
        return Unread("not-synced", detail)
    return Unread("unreachable", detail, pin.fetched.date() if pin.fetched else None)


def unmigrated(version: int | None) -> UnreadKind:
    """Why data of form ``version`` cannot be read: newer than this plantrack, older and
    not migrated, or no readable form (a fault of the plan)."""
    if version is None:
        return "broken-plan"
    return "new-version" if version > SCHEMA_VERSION else "old-version"


def _underived(where: Located, link: ChildLink, period: str, vi: str, en: str) -> Finding:
    return where.at(
        "PT707", ("repository",), unit=link.unit, period=period, reason=vi, reason_en=en
    )


def derive_many(
    run: Run,
    children: Sequence[tuple[ChildLink, Pin | None, Located]],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> list[Derived]:
    """Each child's figures, in the order of ``children``: kept ones from the cache, the
    others derived on ``jobs`` processes (default: every core, ``$PLANTRACK_JOBS``)."""
    total = len(children)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:  # may extract trees: git waits
        found = list(pool.map(lambda c: locate(run, *c), children))
    todo = [(n, item) for n, item in enumerate(found) if isinstance(item, Todo)]
    done = total - len(todo)
    if progress:
        progress(done, total)
    out: list[Derived | Todo] = list(found)

    def tick(n: int, derived: Derived) -> None:
        nonlocal done
        out[n], done = derived, done + 1
        if progress:
            progress(done, total)

    _derive_todo(run, todo, jobs or default_jobs(), tick)
    return [d for d in out if isinstance(d, Derived)]


def _derive_todo(
    run: Run, todo: list[tuple[int, Todo]], jobs: int, tick: Callable[[int, Derived], None]
) -> None:
    """Derive each of ``todo`` (position, child), on worker processes when it pays."""
    workers = workers_for(len(todo), jobs, per_worker=1, threshold=THRESHOLD)
    if workers <= 1:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            derived = pool.map(lambda c: derive(run, c[1]), todo)
            for (n, _), one in zip(todo, derived, strict=True):
                tick(n, one)
        return
    chunks = chunked(todo, workers)
    sent = [[child for _, child in chunk] for chunk in chunks]
    results = forked_map(_derive_chunk, sent, workers, _start, (run,))
    for chunk, from_chunk in zip(chunks, results, strict=True):
        for (n, _), one in zip(chunk, from_chunk, strict=True):
            tick(n, one)


_run: Run | None = None


def _start(run: Run) -> None:
    global _run
    _run = run
    # a worker reads a child's reports itself: no workers of its own
    os.environ["PLANTRACK_JOBS"] = "1"


def _derive_chunk(chunk: list[Todo]) -> list[Derived]:
    assert _run is not None
    return [derive(_run, todo) for todo in chunk]
