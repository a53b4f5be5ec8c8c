"""The drill-down of a roll-up: parent → each linked child → the child's own units, and the
commit each child's figures were taken from (for the provenance, never for the text).

Built by the application from each child's own consolidation at its pinned commit; the
parent's view-model carries it (``Consolidation.children``, ``Provenance.children``) only
when it rolls children up, so a single repository's outputs are unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import DERIVED, Consolidation, Summary, UnitRow
from plantrack.models import Report

# Where a derived report's submission date comes from: the child's consolidation record, or
# its history (the last commit changing the period's reports; ``app/rollup_derive.py``).
SubmittedFrom = Literal["record", "history"]
RECORD: SubmittedFrom = "record"
HISTORY: SubmittedFrom = "history"

# Why a linked child's data could not be read (``docs/decisions.md``, roll-up): never synced
# for the period (or its link changed since), its server not reached, the pinned commit gone
# (history rewritten), its data in an older form than this plantrack migrates in place or a
# newer one, its plan or its other files in error. The documents word the kind
# (``rollup.unread.*`` in the messages); the workbook and the JSON add the technical detail.
UnreadKind = Literal[
    "not-synced",
    "unreachable",
    "rewritten",
    "old-version",
    "new-version",
    "broken-plan",
    "broken-data",
]


@dataclass(frozen=True)
class Unread:
    """Why a child was not read: its ``kind``, the technical ``detail`` (a git error, the
    first finding: for the working files, never the documents) and, for a server not
    reached, ``since`` the day of the sync that first failed to reach it."""

    kind: UnreadKind
    detail: str = ""
    since: dt.date | None = None


@dataclass
class ChildSource:
    """Where one child's figures come from: its repository and the pinned commit (``None``
    when the child could not be read and what it filed stands)."""

    unit_id: str
    url: str
    branch: str
    commit: str | None
    fetched: dt.datetime | None


@dataclass
class ChildView:
    """One linked child in the drill-down: its own consolidation's figures and units
    (``derived`` false: its data could not be read, its filed report stands, no units)."""

    unit_id: str
    name: str
    derived: bool
    overall: Counts | None
    units: list[UnitRow]
    submitted: dt.date | None = None
    submitted_from: SubmittedFrom | None = None
    # not derived: why (``None`` when it was read)
    unread: Unread | None = None
    summary: Summary = field(init=False, metadata=DERIVED)

    def __post_init__(self) -> None:
        self.summary = Summary.of(self.units)


@dataclass
class ChildFigures:
    """What the application keeps of a child it read: its derived report and its own
    consolidation's overall counts and units."""

    report: Report
    overall: Counts
    units: list[UnitRow]
    submitted_from: SubmittedFrom | None = None


@dataclass
class RollupTree:
    """What a roll-up adds to the parent's consolidation: the children's derived reports (by
    unit, in place of what they filed), their views and their sources."""

    reports: dict[str, Report] = field(default_factory=dict)
    children: list[ChildView] = field(default_factory=list)
    sources: list[ChildSource] = field(default_factory=list)


def tree(
    sources: Sequence[ChildSource],
    figures: Mapping[str, ChildFigures],
    unread: Mapping[str, Unread] | None = None,
) -> RollupTree:
    """The roll-up of the children named in ``sources`` (in that order): those with
    ``figures`` derived, the others standing on what they filed (and ``unread`` says why).
    Each is named by its unit id until ``attach`` gives it the parent's name for it."""
    why = unread or {}
    children = [_view(s.unit_id, figures.get(s.unit_id), why.get(s.unit_id)) for s in sources]
    reports = {unit: f.report for unit, f in figures.items()}
    return RollupTree(reports, children, list(sources))


def _view(unit_id: str, figures: ChildFigures | None, unread: Unread | None) -> ChildView:
    if figures is None:
        return ChildView(unit_id, unit_id, False, None, [], unread=unread)
    return ChildView(
        unit_id,
        unit_id,
        True,
        figures.overall,
        list(figures.units),
        figures.report.submitted,
        figures.submitted_from,
    )


def attach(vm: Consolidation, rolled: RollupTree) -> None:
    """Give ``vm`` the drill-down of ``rolled``: children in the order of the parent's units
    and under the parent's names for them, each child's source in the provenance."""
    order = {u.id: n for n, u in enumerate(vm.units)}
    names = {u.id: u.name for u in vm.units}
    last = len(order)
    for child in rolled.children:
        child.name = names.get(child.unit_id, child.name)
    vm.children = sorted(rolled.children, key=lambda c: (order.get(c.unit_id, last), c.unit_id))
    vm.provenance.children = sorted(rolled.sources, key=lambda s: s.unit_id)
