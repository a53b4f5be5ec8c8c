"""The roll-up's drill-down figures (``domain/rollup_drill.py``): children by how their
report came in, the exceptions a report names, the totals over the children's units."""

from __future__ import annotations

from plantrack.domain.rollup_drill import ChildLine, Drilldown, total
from plantrack.domain.rollup_view import ChildView
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Summary


def _counts(**by: int) -> Counts:
    out = Counts()
    for status, n in by.items():
        for _ in range(n):
            out.add(status.replace("_", "-"), past_deadline=True)  # type: ignore[arg-type]
    return out


def test_counts_add_up_status_by_status() -> None:
    added = total([_counts(done_on_time=2, open_overdue=1), _counts(done_late=1, open_overdue=2)])
    assert (added.done_on_time, added.done_late, added.open_overdue) == (2, 1, 3)
    assert added.due == 6 and added.total == 6
    assert added.by_status == {"done-on-time": 2, "open-overdue": 3, "done-late": 1}


def test_children_not_read_and_children_with_overdue_tasks_are_named() -> None:
    read = ChildView("xa-a", "Xã A", True, _counts(done_on_time=1, open_overdue=2), [])
    quiet = ChildView("xa-c", "Xã C", True, _counts(done_on_time=1), [])
    unread = ChildView("xa-b", "Xã B", False, None, [])
    drill = Drilldown(
        tuple(ChildLine(v, None) for v in (read, unread, quiet)),
        Summary.of([]),
        total([read.overall, quiet.overall]),  # type: ignore[list-item]
        children_in_workbook=False,
        units_in_workbook=False,
    )
    assert [c.name for c in drill.derived] == ["Xã A", "Xã C"]
    assert [c.name for c in drill.unread] == [c.name for c in drill.unread_unfiled] == ["Xã B"]
    assert [(c.name, c.overdue) for c in drill.with_overdue] == [("Xã A", 2)]
    # without a row among the parent's units a child has no report: missing, never counted in
    assert drill.reported == 0 and len(drill.missing) == 3 and len(drill.unsent) == 2
    assert drill.overall.due == 4 and drill.overall.overdue == 2
