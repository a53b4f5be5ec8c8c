"""``rollup sync``: fetch every child repository the parent links into a local cache of bare
mirrors, in parallel (bounded, retried with backoff, a time limit per child), and pin the
commit of each in ``data/rollup/<period>.lock.yaml``.

An unreachable child is a finding (PT704), never a failure of the run: it keeps its earlier
pin when the mirror still holds it. A pinned commit no longer on the child's branch (history
rewritten) is a finding too (PT705), and so is one whose data this plantrack cannot read, not
even migrated (PT710): the parent learns it when it syncs, not only when it rolls up. The
cache lives outside the repository (``--cache``, else the user's cache folder): mirrors are a
copy of other bodies' data, never committed.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.guard import Outcome
from plantrack.app.rollup_lock import Pin, read_lock, write_lock
from plantrack.app.rollup_prune import TREES, record_use
from plantrack.app.rollup_versions import readable, unreadable
from plantrack.domain.rollup_links import (
    ChildLink,
    ChildPlan,
    child_links,
    child_rel,
    plan_findings,
    shared_repositories,
)
from plantrack.i18n import t
from plantrack.io import checkstore, mirror
from plantrack.io.repo import DataFile
from plantrack.models import Plan
from plantrack.validate.check import Progress
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.loading import load_model
from plantrack.validate.located import Located
from plantrack.validate.require import require_period, require_plan

JOBS = 8
TIMEOUT = 120.0
RETRIES = 2
BACKOFF = 0.5


@dataclass(frozen=True)
class Fetching:
    """How children are fetched: the cache, parallel jobs, time limit, retries."""

    cache: Path
    jobs: int = JOBS
    timeout: float = TIMEOUT
    retries: int = RETRIES
    backoff: float = BACKOFF


@dataclass
class Synced:
    """The lock written (or left unchanged), its pins and the findings of the run."""

    period: str
    path: Path
    outcome: Outcome
    pins: list[Pin]
    findings: list[Finding] = field(default_factory=list)

    @property
    def pinned(self) -> int:
        """Children with a pinned commit."""
        return sum(p.commit is not None for p in self.pins)


def default_cache() -> Path:
    """Where mirrors live by default: ``mirrors`` in plantrack's cache folder
    (``$PLANTRACK_CACHE_DIR``, else ``$XDG_CACHE_HOME/plantrack``, else
    ``~/.cache/plantrack``), outside every repository. Mirrors are needed even when the
    check cache is turned off."""
    base = checkstore.cache_dir()
    if base is None:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "plantrack"
    return base / "mirrors"


def _fetch(
    link: ChildLink, how: Fetching, sleep: Callable[[float], None]
) -> tuple[str | None, str]:
    """Fetch ``link`` with retries; the branch's commit, or ``None`` and why."""
    reason = ""
    for attempt in range(how.retries + 1):
        if attempt:
            sleep(how.backoff * 2 ** (attempt - 1))
        done = mirror.fetch(how.cache, link.url, how.timeout)
        if done.ok:
            target = mirror.mirror_path(how.cache, link.url)
            commit = mirror.branch_commit(target, link.branch)
            if commit is not None:
                child_tree(how.cache, link, commit)  # read later by the rules and verify
                return commit, ""
            return None, t("rollup.no_branch", "vi", branch=link.branch)
        reason = (
            t("rollup.timeout", "vi", seconds=f"{how.timeout:g}")
            if done.code is None
            else done.error
        )
    return None, reason


def fetch_all(
    links: list[ChildLink], how: Fetching, progress: Progress | None = None
) -> dict[str, tuple[str | None, str]]:
    """Fetch every child, ``how.jobs`` at a time: unit → (commit or ``None``, why)."""
    out: dict[str, tuple[str | None, str]] = {}
    if progress:
        progress(0, len(links))
    with ThreadPoolExecutor(max_workers=max(1, how.jobs)) as pool:
        futures = {pool.submit(_fetch, link, how, time.sleep): link for link in links}
        for future in as_completed(futures):
            out[futures[future].unit] = future.result()
            if progress:
                progress(len(out), len(links))
    return out


def _kept(previous: Pin | None, link: ChildLink, how: Fetching) -> Pin | None:
    """The earlier pin of an unreachable child, when it is of the same repository and its
    commit is still in the mirror."""
    if previous is None or previous.url != link.url or previous.commit is None:
        return None
    target = mirror.mirror_path(how.cache, link.url)
    return previous if mirror.has_commit(target, previous.commit) else None


def _unreachable(
    link: ChildLink,
    reason: str,
    previous: Pin | None,
    how: Fetching,
    where: Located,
    now: dt.datetime,
) -> tuple[Pin, Finding]:
    """The pin of a child that could not be fetched (its earlier one, if any) and PT704.
    With no earlier commit the pin keeps when it was first tried in vain (``fetched``), so
    the documents can say since when, and a sync that finds nothing new writes the same
    lock."""
    kept = _kept(previous, link, how)
    short = kept.commit[:12] if kept is not None and kept.commit else ""
    finding = where.at(
        "PT704",
        ("repository",),
        unit=link.unit,
        url=link.url,
        branch=link.branch,
        reason=reason,
        kept=t("rollup.kept", "vi", commit=short) if short else "",
        kept_en=t("rollup.kept", "en", commit=short) if short else "",
    )
    failing = previous is not None and previous.commit is None and previous.url == link.url
    tried = previous.fetched if failing and previous is not None else None
    return kept or Pin(link.unit, link.url, link.branch, None, tried or now, reason), finding


def _pin(
    link: ChildLink,
    fetched: tuple[str | None, str],
    previous: Pin | None,
    how: Fetching,
    now: dt.datetime,
    where: Located,
) -> tuple[Pin, list[Finding]]:
    """The new pin of ``link`` and the findings about it (PT704, PT705). A commit pinned
    before keeps its fetch time, so a sync that finds nothing new writes the same lock."""
    commit, reason = fetched
    if commit is None:
        pin, finding = _unreachable(link, reason, previous, how, where, now)
        return pin, [finding]
    if previous is None or previous.url != link.url or previous.commit is None:
        return Pin(link.unit, link.url, link.branch, commit, now), []
    if previous.commit == commit:
        return Pin(link.unit, link.url, link.branch, commit, previous.fetched or now), []
    findings: list[Finding] = []
    target = mirror.mirror_path(how.cache, link.url)
    if not mirror.is_ancestor(target, previous.commit, commit):
        findings.append(
            where.at(
                "PT705",
                ("repository",),
                unit=link.unit,
                branch=link.branch,
                old=previous.commit[:12],
                new=commit[:12],
            )
        )
    return Pin(link.unit, link.url, link.branch, commit, now), findings


def child_tree(cache: Path, link: ChildLink, commit: str) -> Path | None:
    """The child's ``data/`` at ``commit``, extracted once from its mirror into
    ``cache/trees`` (``None`` when the mirror lacks the commit)."""
    return mirror.tree(mirror.mirror_path(cache, link.url), commit, cache / TREES, layout.DATA)


def _plan_rules(
    parent: Context,
    links: list[ChildLink],
    pins: list[Pin],
    how: Fetching,
    period: str,
    where: Mapping[str, Located],
) -> list[Finding]:
    """The rules across repositories (PT701–PT703, PT709) for each pinned child's plan, and
    PT710 for a child whose data this plantrack cannot read (an older one is read migrated)."""
    by_unit = {pin.unit: pin for pin in pins}
    children: list[ChildPlan] = []
    named: list[Finding] = []
    for link in links:
        commit = by_unit[link.unit].commit
        folder = child_tree(how.cache, link, commit) if commit else None
        if folder is None or commit is None:
            continue
        form = readable(folder)
        if form.folder is None:
            named.append(unreadable(where[link.unit], link.unit, commit, form))
            continue
        folder = form.folder
        plan_file = folder / layout.PLAN
        plan, read, _ = load_model(folder, DataFile("plan", plan_file, layout.PLAN), Plan)
        if plan is not None:
            located = Located(child_rel(link.unit, layout.PLAN), read.doc)
            children.append(ChildPlan(link, plan, located))
    return named + plan_findings(parent, children, parent.period(period))


def _unit_file(root: Path, unit_id: str) -> Located:
    """The parent's file of ``unit_id``, for findings about its link."""
    return Located(layout.unit(unit_id), None, source=root / layout.unit(unit_id))


def sync(
    root: Path,
    period: str,
    how: Fetching,
    *,
    now: dt.datetime | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Synced:
    """Fetch every linked child of ``root`` and write the lock of ``period``."""
    repo = require_plan(root)
    require_period(repo.ctx, period)
    links = child_links(repo.ctx)
    where = {link.unit: _unit_file(root, link.unit) for link in links}
    findings = shared_repositories(links, where)
    previous = read_lock(root, period) or {}
    fetched = fetch_all(links, how, progress)
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    pins: list[Pin] = []
    for link in links:
        before = previous.get(link.unit)
        pin, found = _pin(link, fetched[link.unit], before, how, moment, where[link.unit])
        pins.append(pin)
        findings += found
    findings += _plan_rules(repo.ctx, links, pins, how, period, where)
    outcome = write_lock(root, period, pins, force=force) if links else "unchanged"
    record_use(how.cache, root, [link.url for link in links])  # what --prune keeps
    return Synced(period, root / layout.rollup_lock(period), outcome, pins, findings)
