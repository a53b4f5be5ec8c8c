"""The handover list of a closing unit, worked out by hand on the embedded data: open tasks
(lead and support) with the units taking each over, open findings, reports; tasks done are
not handed over; a transfer sends a task elsewhere than the successors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plantrack.domain.handover import handover
from plantrack.io.repo import list_data_files
from plantrack.models import Report
from plantrack.models.inspection import Inspection
from plantrack.validate.check import load_base
from plantrack.validate.context import Context
from plantrack.validate.period import load_period

ROOT = Path(__file__).resolve().parents[2]
END = dt.date(2025, 6, 30)
NEW = [
    "xa-nam-tra-my-moi",
    "xa-tra-tap-moi",
    "xa-tra-van-moi",
    "xa-tra-linh-moi",
    "xa-tra-leng-moi",
]


def _load() -> tuple[Context, dict[str, dict[str, Report]], list[Inspection]]:
    files, _ = list_data_files(ROOT)
    base = load_base(ROOT, files)
    assert base.context is not None
    ctx = base.context
    history = {
        period: dict(load_period(ROOT, ctx, files, period, today=END).reports)
        for period in ("2024-Q3", "2024-Y", "2025-Q1")
    }
    return ctx, history, [item.inspection for item in base.inspections]


def test_an_old_commune_hands_everything_open_to_its_merged_commune() -> None:
    ctx, history, inspections = _load()
    h = handover(ctx, "xa-tra-dzon", END, history, inspections)
    assert {t.task_id for t in h.tasks} >= {"pl1-06", "pl2-05", "pl2-22", "pl2-23"}
    assert all([x.id for x in t.heirs] == ["xa-tra-leng-moi"] for t in h.tasks)
    assert h.heirs[0].name == "UBND xã Trà Leng" and len(h.heirs) == 1
    assert h.without_heir == 0
    roles = {t.task_id: t.role for t in h.tasks}
    assert (roles["pl1-06"], roles["pl2-22"]) == ("lead", "support")
    # digitising was due in December 2024 and reported at 60 %: overdue, handed over
    pl106 = next(t for t in h.tasks if t.task_id == "pl1-06")
    assert (pl106.status, pl106.progress, pl106.reported_in) == ("open-overdue", 60, "2024-Y")
    # the finding that failed its re-inspection goes with the tasks
    assert [(f.finding_id, f.status) for f in h.findings] == [("kt-2024-01-05", "failed-recheck")]
    assert [f.heirs[0].id for f in h.findings] == ["xa-tra-leng-moi"]
    assert [r.period_id for r in h.reports] == ["2024-Y", "2024-Q3"]
    # what was done is counted, not handed over
    assert h.done == 3 and len(h.tasks) == 12


def test_the_home_affairs_office_sends_the_plans_follow_up_to_the_city() -> None:
    ctx, history, inspections = _load()
    h = handover(ctx, "phong-noi-vu", END, history, inspections)
    heirs = {t.task_id: [x.id for x in t.heirs] for t in h.tasks}
    assert heirs["tcth-01"] == heirs["tcth-04"] == ["so-noi-vu-da-nang"]
    # a task inherited from the labour office passes on to the communes
    assert heirs["pl1-05"] == NEW
    assert next(t for t in h.tasks if t.task_id == "pl1-05").via == "phong-lao-dong-tbxh"


def test_a_unit_with_no_successor_leaves_its_open_tasks_listed_without_heir() -> None:
    ctx, history, inspections = _load()
    h = handover(ctx, "thanh-tra-huyen", END, history, inspections)
    assert [t.task_id for t in h.tasks] == ["pl2-08", "pl2-15"]
    assert all(t.heirs == () for t in h.tasks)
    assert h.without_heir == 2 and h.heirs == []


def test_a_completion_reported_after_as_of_is_not_known() -> None:
    ctx, history, inspections = _load()
    # on 1/12/2024 Trà Dơn had reported nothing for the year yet: digitising still in hand
    h = handover(ctx, "xa-tra-dzon", dt.date(2024, 12, 1), history, inspections)
    pl106 = next(t for t in h.tasks if t.task_id == "pl1-06")
    assert pl106.status == "open-on-time" and pl106.reported_in == "2024-Q3"
