"""The children's reports to the parent, derived at their pinned commits (``app/rollup_derive
.py``): ``rollup verify`` compares each with the report the child filed; ``consolidate
--rollup`` uses them, with the drill-down into each child's units.

A child's data at a commit are extracted once from its mirror into the cache (``git
archive``); an older form of the data is read migrated (``app/rollup_versions.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.rollup_cache import DerivedCache
from plantrack.app.rollup_children import Derived, Run, derive_many
from plantrack.app.rollup_lock import Pin, read_lock
from plantrack.domain.rollup import differences
from plantrack.domain.rollup_links import (
    ChildLink,
    child_links,
)
from plantrack.domain.rollup_view import ChildFigures, ChildSource, RollupTree, Unread, tree
from plantrack.errors import PlantrackError
from plantrack.models import Report
from plantrack.validate.check import Progress
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.require import require_period, require_plan


@dataclass
class Verified:
    """Every finding of ``rollup verify`` and the number of children compared."""

    period: str
    children: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]


def derive_all(
    root: Path,
    period: str,
    cache: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
) -> list[tuple[ChildLink, Pin | None, Derived]]:
    """Every linked child of ``root`` with its pin and its report of ``period`` derived at
    that pin (PT985 when the period was never synced), on ``jobs`` processes (default: every
    core); ``reuse``: what an earlier run derived at the same pin is taken from the cache
    (``app/rollup_cache.py``)."""
    repo = require_plan(root)
    require_period(repo.ctx, period)
    pins = read_lock(root, period)
    if pins is None:
        raise PlantrackError(code="PT985", path=layout.rollup_lock(period), period=period)
    links = child_links(repo.ctx)
    kept = DerivedCache(cache, repo.ctx, period, dt.date.today()) if reuse else None
    children = [
        (link, pins.get(link.unit), Located(link.unit_file, None, source=root / link.unit_file))
        for link in links
    ]
    run = Run(repo.ctx, cache, period, kept)
    derived = derive_many(run, children, jobs=jobs, progress=progress)
    return [(link, pin, found) for (link, pin, _), found in zip(children, derived, strict=True)]


def rolled_up(
    root: Path,
    period: str,
    cache: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
) -> tuple[RollupTree, list[Finding]]:
    """What ``consolidate --rollup`` adds for ``period``: the reports derived for the linked
    children that have one (the others keep what they filed), each child's own units and
    pinned commit; and the findings. ``reuse``: as in ``derive_all``."""
    figures: dict[str, ChildFigures] = {}
    unread: dict[str, Unread] = {}
    sources: list[ChildSource] = []
    findings: list[Finding] = []
    derived_all = derive_all(root, period, cache, jobs=jobs, progress=progress, reuse=reuse)
    for link, pin, derived in derived_all:
        findings += derived.findings
        if derived.figures is not None:
            figures[link.unit] = derived.figures
        if derived.unread is not None:
            unread[link.unit] = derived.unread
        commit = pin.commit if pin is not None and derived.figures is not None else None
        fetched = pin.fetched if commit is not None and pin is not None else None
        sources.append(ChildSource(link.unit, link.url, link.branch, commit, fetched))
    return tree(sources, figures, unread), findings


def verify(
    root: Path,
    period: str,
    cache: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
) -> Verified:
    """Compare each linked child's filed report of ``period`` with the one its data give at
    the pinned commit: a finding per difference (PT706), per child not derived (PT707) or
    not filed (PT708). ``reuse``: as in ``derive_all``."""
    children = derive_all(root, period, cache, jobs=jobs, progress=progress, reuse=reuse)
    out = Verified(period, len(children))
    for link, pin, derived in children:
        out.findings += derived.findings
        if derived.report is not None and pin is not None:
            where = Located(link.unit_file, None, source=root / link.unit_file)
            commit = str(pin.commit)[:12]
            out.findings += _compare(root, link, derived.report, commit, period, where)
    return out


def _compare(
    root: Path, link: ChildLink, derived: Report, commit: str, period: str, unit_file: Located
) -> list[Finding]:
    """PT708 when the child filed no readable report; PT706 for each difference."""
    rel = layout.report(period, link.unit)
    path = root / rel
    where = Located(rel, None, source=path)
    filed = _read_report(path)
    if filed is None:
        return [unit_file.at("PT708", (), unit=link.unit, period=period, report=rel)]
    return [
        where.at(
            "PT706",
            diff.key,
            field=_key_text(diff.key),
            filed=_shown(diff.filed),
            derived=_shown(diff.derived),
            unit=link.unit,
            commit=commit,
        )
        for diff in differences(filed, derived)
    ]


def _read_report(path: Path) -> Report | None:
    from pydantic import ValidationError

    from plantrack.io.yamlload import load_yaml_file

    if not path.is_file():
        return None
    doc, problems = load_yaml_file(path)
    if doc is None or problems:
        return None
    try:
        return Report.model_validate(doc.data)
    except ValidationError:
        return None


def _key_text(key: tuple[str | int, ...]) -> str:
    from plantrack.validate.finding import format_key

    return format_key(key)


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
