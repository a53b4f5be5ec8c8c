"""What a roll-up's drill-down states, counted once for every document: how many linked
children sent their report on time, late or not at all, which could not be read from their
own data (and whether what they filed stands), the totals over the children's own units, and
the exceptions a report names (children whose units are late or overdue).

The Word, Markdown and HTML reports word these figures (``templates/consolidated.txt.j2``,
``templates/rollup-children.html.j2``); the workbook lists every row. Whether the documents
carry the child-by-child and the unit-by-unit appendices follows the size rule
(``domain/scale.py``): the children are units of the parent, so their appendix follows the
parent's size; the children's units follow their own number.
"""

from __future__ import annotations

import dataclasses
import typing
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.domain.rollup_view import ChildView, Unread, UnreadKind
from plantrack.domain.scale import detail_in_workbook
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Consolidation, Summary, UnitRow

UNREAD_ORDER: tuple[UnreadKind, ...] = typing.get_args(UnreadKind)


@dataclass(frozen=True)
class ChildLine:
    """One linked child as the documents list it: its view and its row among the parent's
    units (its submission to the parent: derived, or what it filed when it was not read)."""

    view: ChildView
    row: UnitRow | None

    @property
    def name(self) -> str:
        """The parent's name for the child."""
        return self.view.name

    @property
    def status(self) -> str:
        """Its submission to the parent: ``on-time``, ``late``, ``missing`` or ``pending``."""
        return self.row.submission.status if self.row is not None else "missing"

    @property
    def units_missing(self) -> int:
        """Its own units that sent no report."""
        return self.view.summary.reports_missing

    @property
    def overdue(self) -> int:
        """Its own units' tasks open past their deadline."""
        return self.view.overall.overdue if self.view.overall is not None else 0


@dataclass(frozen=True)
class Drilldown:
    """The roll-up's figures for the documents, children in the parent's order."""

    children: tuple[ChildLine, ...]
    # the children's own units taken together (derived children only)
    units: Summary
    overall: Counts
    # the child-by-child appendix is a summary (the parent has more units than a document lists)
    children_in_workbook: bool
    # the unit-by-unit appendix is left to the workbook (the children's units are too many)
    units_in_workbook: bool

    def _with(self, status: str) -> list[ChildLine]:
        return [c for c in self.children if c.status == status]

    @property
    def derived(self) -> list[ChildLine]:
        """Children whose figures come from their own data."""
        return [c for c in self.children if c.view.derived]

    @property
    def unread(self) -> list[ChildLine]:
        """Children whose data could not be read: what they filed stands, if anything."""
        return [c for c in self.children if not c.view.derived]

    @property
    def unread_why(self) -> list[tuple[Unread, int]]:
        """Why children were not read, each reason (undated) with its number of children,
        in the order of the reasons; children whose reason is not known are left out."""
        counted = Counter(
            Unread(c.view.unread.kind) for c in self.unread if c.view.unread is not None
        )
        return sorted(counted.items(), key=lambda kv: UNREAD_ORDER.index(kv[0].kind))

    @property
    def unread_unfiled(self) -> list[ChildLine]:
        """Children not read that filed nothing either: nothing of theirs is counted."""
        return [c for c in self.unread if c.status == "missing"]

    @property
    def on_time(self) -> list[ChildLine]:
        """Children whose report (derived or filed) was in on time."""
        return self._with("on-time")

    @property
    def late(self) -> list[ChildLine]:
        """Children whose report was in after the due date."""
        return self._with("late")

    @property
    def missing(self) -> list[ChildLine]:
        """Children with no report at all."""
        return self._with("missing")

    @property
    def reported(self) -> int:
        """Children whose report is in, on time or late."""
        return len(self.on_time) + len(self.late)

    @property
    def unsent(self) -> list[ChildLine]:
        """Children read from their data that still have no report day (no consolidation
        record and no report of the period)."""
        return [c for c in self.derived if c.status == "missing"]

    @property
    def history_dated(self) -> list[ChildLine]:
        """Derived children without a consolidation record: their submission day is the
        last change of the period's reports in their data."""
        return [c for c in self.derived if c.view.submitted_from == "history"]

    @property
    def units_unsent(self) -> list[ChildLine]:
        """Derived children some of whose own units sent no report."""
        return [c for c in self.derived if c.units_missing]

    @property
    def with_overdue(self) -> list[ChildLine]:
        """Derived children whose own units have tasks open past their deadline."""
        return [c for c in self.derived if c.overdue]


def total(counts: Iterable[Counts]) -> Counts:
    """The counts added up, status by status."""
    out = Counts()
    for c in counts:
        for f in dataclasses.fields(Counts):
            if f.name != "by_status":
                setattr(out, f.name, getattr(out, f.name) + getattr(c, f.name))
        for status, n in c.by_status.items():
            out.by_status[status] = out.by_status.get(status, 0) + n
    return out


def drilldown(vm: Consolidation) -> Drilldown | None:
    """The drill-down's figures of ``vm`` (``None`` when it rolls no child up)."""
    if not vm.children:
        return None
    rows = {u.id: u for u in vm.units}
    lines = tuple(ChildLine(c, rows.get(c.unit_id)) for c in vm.children)
    units = [u for c in vm.children for u in c.units]
    overall = total(c.overall for c in vm.children if c.overall is not None)
    return Drilldown(
        children=lines,
        units=Summary.of(units),
        overall=overall,
        children_in_workbook=vm.detail_in_workbook,
        units_in_workbook=detail_in_workbook(len(units)),
    )
