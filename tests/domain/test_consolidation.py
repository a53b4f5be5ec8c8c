"""The consolidation view-model, checked against figures computed by hand.

The plan below (period 2024-Q3: data 15/06–14/09/2024, reports due 15/09/2024, status at
14/09/2024) gives these (task, unit) pairs:

    task  unit            status                          why
    t1    xa-a            done on time                    done 30/08, deadline 31/08
    t1    xa-c            done late                       done 05/09, deadline 31/08
    t2    pnv             open within deadline            deadline 30/09
    t2    vh   (support)  done on time                    done 01/09, deadline 30/09
    t3    xa-c (via xa-b) open overdue                    inherited from merged xa-b, 31/07
    t4    pnv             recurring, carried out
    t4    vh              recurring, not carried out
    t4    mttq (support)  not reported (no deadline)      mttq sent no report
    t5    xa-a            done on time                    done on the deadline day 30/06
    t5    xa-c            not reported, past deadline     task missing from xa-c's report
    t6    mttq            not reported, past deadline     mttq sent no report, 15/08

The rates count the lead units' pairs only; the two supporting pairs are coordination.
Overall: completed 3 (2 on time + 1 late), overdue 3 (1 open + 2 not reported past the
deadline), due 6 → completion 3/6 = 50.00%, overdue 50.00%, on time 2/6 = 33.33% (cut
down), late 50.00 - 33.33 = 16.67%. xa-b, gone on 01/07 before the cut-off, filed a report:
it is set aside, figures included.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from plantrack.app.consolidate import prepare
from plantrack.domain.consolidation import consolidate
from plantrack.domain.indices import index_row, top_component
from plantrack.domain.status import Counts
from plantrack.domain.viewmodel import Consolidation, Provenance, to_jsonable
from plantrack.models import Index, Plan, Report, Unit
from plantrack.validate.context import Context

D = dt.date
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
AS_OF = D(2024, 9, 14)

UNITS: list[dict[str, Any]] = [
    {"id": "pnv", "name": "Phòng Nội vụ", "kind": "department"},
    {"id": "vh", "name": "Phòng Văn hóa", "kind": "department"},
    {"id": "mttq", "name": "Ủy ban MTTQ huyện", "kind": "organisation"},
    {"id": "xa-a", "name": "UBND xã A", "kind": "commune"},
    {
        "id": "xa-b",
        "name": "UBND xã B",
        "kind": "commune",
        "valid_until": "2024-07-01",
        "successors": ["xa-c"],
    },
    {"id": "xa-c", "name": "UBND xã C", "kind": "commune", "valid_from": "2024-07-02"},
    {"id": "xa-d", "name": "UBND xã D", "kind": "commune", "valid_from": "2024-10-01"},
]

PLAN: dict[str, Any] = {
    "id": "p",
    "title": "Kế hoạch thử",
    "issuer": "UBND huyện",
    "sections": [
        {"id": "s1", "title": "Phụ lục I - SIPAS", "index": "SIPAS"},
        {"id": "s2", "title": "Phụ lục II - PAPI", "index": "PAPI"},
    ],
    "groups": [{"id": "cac-xa", "name": "UBND các xã", "kinds": ["commune"]}],
    "indicators": [
        {"id": "ho-so", "name": "Hồ sơ tiếp nhận", "unit": "hồ sơ"},
        {"id": "dung-han", "name": "Hồ sơ đúng hạn", "unit": "hồ sơ"},
        {
            "id": "ty-le",
            "name": "Tỷ lệ đúng hạn",
            "unit": "%",
            "aggregate": "ratio",
            "numerator": "dung-han",
            "denominator": "ho-so",
            "percent": True,
        },
        {"id": "diem", "name": "Điểm tự chấm", "unit": "điểm", "aggregate": "mean"},
    ],
    "reporting": {"consolidator": "pnv", "periods": ["Q2", "Q3"], "first": "2024-Q2"},
    "tasks": [
        {
            "id": "t1",
            "section": "s1",
            "title": "Niêm yết",
            "targets": ["SIPAS.F1"],
            "lead": ["cac-xa"],
            "time": "2024-08-31",
        },
        {
            "id": "t2",
            "section": "s1",
            "title": "Số hóa",
            "targets": ["SIPAS.F1", "SIPAS.F2"],
            "lead": ["pnv"],
            "support": ["vh"],
            "time": "2024-09-30",
        },
        {
            "id": "t3",
            "section": "s1",
            "title": "Rà soát",
            "targets": ["SIPAS.F2.1"],
            "lead": ["xa-b"],
            "time": "2024-07-31",
        },
        {
            "id": "t4",
            "section": "s2",
            "title": "Đối thoại",
            "targets": ["PAPI.D1"],
            "lead": ["pnv", "vh"],
            "support": ["mttq"],
            "time": "Thường xuyên",
        },
        {
            "id": "t5",
            "section": "s2",
            "title": "Công khai",
            "targets": ["PAPI.D2"],
            "lead": ["cac-xa"],
            "time": "2024-06-30",
        },
        {
            "id": "t6",
            "section": "s2",
            "title": "Giám sát",
            "targets": ["PAPI.D2"],
            "lead": ["mttq"],
            "time": "2024-08-15",
        },
    ],
}

INDICES: list[dict[str, Any]] = [
    {
        "id": "SIPAS",
        "name": "SIPAS",
        "scale": {"min": 0, "max": 100, "unit": "%"},
        "components": [
            {"code": "F1", "name": "Tiếp cận", "scale": {"min": 0, "max": 100}},
            {
                "code": "F2",
                "name": "Thủ tục",
                "scale": {"min": 0, "max": 100},
                "components": [{"code": "F2.1", "name": "Niêm yết"}],
            },
        ],
        # out of order on purpose: baseline is the earliest year
        "observations": [
            {
                "year": 2023,
                "scope": "Tỉnh",
                "total": 78.5,
                "scores": {"F1": 82.5, "F2": 68.25},
                "source": "BNV",
            },
            {
                "year": 2022,
                "scope": "Tỉnh",
                "total": 75.0,
                "scores": {"F1": 80.0, "F2": 70.0},
                "source": "BNV",
            },
        ],
    },
    {
        "id": "PAPI",
        "name": "PAPI",
        "scale": {"min": 10, "max": 80},
        "components": [
            {"code": "D1", "name": "Tham gia", "scale": {"min": 1, "max": 10}},
            {"code": "D2", "name": "Công khai", "scale": {"min": 1, "max": 10}},
            {"code": "D3", "name": "Giải trình", "scale": {"min": 1, "max": 10}},
        ],
        "observations": [
            {
                "year": 2021,
                "scope": "Tỉnh",
                "total": 40.0,
                "scores": {"D1": 5.0, "D2": 4.5},
                "source": "UNDP",
            },
            {
                "year": 2023,
                "scope": "Tỉnh",
                "total": 42.5,
                "scores": {"D1": 5.5, "D2": 4.0},
                "source": "UNDP",
            },
        ],
    },
]


def done(task: str, day: str) -> dict[str, Any]:
    return {"task": task, "state": "done", "completed": day, "progress": 100}


REPORTS: list[dict[str, Any]] = [
    {
        "unit": "xa-a",
        "submitted": "2024-09-12",
        "tasks": [done("t1", "2024-08-30"), done("t5", "2024-06-30")],
        "indicators": {"ho-so": 120, "dung-han": 114, "diem": 8},
        "proposals": ["Đề nghị cấp máy scan."],
    },
    {
        "unit": "xa-c",
        "submitted": "2024-09-20",
        "tasks": [
            done("t1", "2024-09-05"),
            {"task": "t3", "state": "in-progress", "progress": 40, "next_steps": "Hoàn thành"},
        ],
        "indicators": {"ho-so": 80, "dung-han": 70, "diem": 6},
    },
    {
        "unit": "pnv",
        "submitted": "2024-09-15",
        "tasks": [
            {"task": "t2", "state": "in-progress", "progress": 70},
            {"task": "t4", "state": "in-progress", "carried_out": True},
        ],
        "indicators": {"ho-so": 50, "dung-han": 50},
        "difficulties": ["Thiếu biên chế."],
    },
    {
        "unit": "vh",
        "submitted": "2024-09-14",
        "tasks": [
            done("t2", "2024-09-01"),
            {"task": "t4", "state": "not-started", "carried_out": False},
        ],
    },
    # xa-b merged into xa-c on 02/07; it reported its figures for the weeks it existed
    {"unit": "xa-b", "submitted": "2024-07-01", "indicators": {"ho-so": 10, "dung-han": 5}},
]

PREVIOUS: list[dict[str, Any]] = [
    {"unit": "xa-a", "period": "2024-Q2", "indicators": {"ho-so": 100, "dung-han": 90, "diem": 7}},
    {"unit": "xa-b", "period": "2024-Q2", "indicators": {"ho-so": 40, "dung-han": 30}},
]


def build_context() -> Context:
    return Context(
        Plan.model_validate(PLAN),
        {u["id"]: Unit.model_validate(u) for u in UNITS},
        {i["id"]: Index.model_validate(i) for i in INDICES},
    )


def provenance() -> Provenance:
    return Provenance("plantrack", "test", None, [], AS_OF, [])


def build(as_of: dt.date = AS_OF, **kwargs: Any) -> Consolidation:
    ctx = build_context()
    reports = {r["unit"]: Report.model_validate({"period": "2024-Q3", **r}) for r in REPORTS}
    previous = [Report.model_validate(r) for r in PREVIOUS]
    return consolidate(
        ctx,
        ctx.period("2024-Q3"),
        reports,
        as_of=as_of,
        provenance=provenance(),
        previous=previous,
        previous_period="2024-Q2",
        **kwargs,
    )


@pytest.fixture(scope="module")
def vm() -> Consolidation:
    return build(committed={"vh": dt.datetime.fromisoformat("2024-09-17T10:00:00+07:00")})


def figures(counts: Counts) -> tuple[int, int, int, float | None, float | None]:
    return (
        counts.completed,
        counts.overdue,
        counts.due,
        counts.completion_rate,
        counts.overdue_rate,
    )


# --- statuses and rates -----------------------------------------------------------------


def test_period_dates(vm: Consolidation) -> None:
    assert vm.period.start == D(2024, 6, 15)
    assert vm.period.cutoff == D(2024, 9, 14)
    assert vm.period.due == D(2024, 9, 15)
    assert vm.as_of == AS_OF


def test_every_pair_status(vm: Consolidation) -> None:
    got = {(p.task_id, p.unit_id): p.status for t in vm.tasks for p in t.pairs}
    assert got == {
        ("t1", "xa-a"): "done-on-time",
        ("t1", "xa-c"): "done-late",
        ("t2", "pnv"): "open-on-time",
        ("t2", "vh"): "done-on-time",
        ("t3", "xa-c"): "open-overdue",
        ("t4", "pnv"): "recurring-done",
        ("t4", "vh"): "recurring-missed",
        ("t4", "mttq"): "not-reported",
        ("t5", "xa-a"): "done-on-time",
        ("t5", "xa-c"): "not-reported",
        ("t6", "mttq"): "not-reported",
    }


def test_overall_rates(vm: Consolidation) -> None:
    o = vm.overall
    assert o.by_status == {
        "done-on-time": 2,
        "done-late": 1,
        "open-on-time": 1,
        "open-overdue": 1,
        "recurring-done": 1,
        "recurring-missed": 1,
        "not-reported": 2,
    }
    assert (o.total, o.not_reported_due) == (9, 2)
    # completed 3, overdue 1 + 2 not reported past the deadline, due 6
    assert figures(o) == (3, 3, 6, 50.0, 50.0)
    assert (o.on_time_rate, o.late_rate) == (33.33, 16.67)  # 2/6 cut down; the rest
    # beside the rate: the supporting pairs (vh done on t2, mttq silent on t4)
    c = vm.coordination
    assert (c.total, c.done_on_time, c.not_reported) == (2, 1, 1)


@pytest.mark.parametrize(
    ("task", "expected"),
    [
        ("t1", (2, 0, 2, 100.0, 0.0)),
        ("t2", (0, 0, 0, None, None)),  # the lead's pair is open; vh only supports
        ("t3", (0, 1, 1, 0.0, 100.0)),
        ("t4", (0, 0, 0, None, None)),  # recurring: never due
        ("t5", (1, 1, 2, 50.0, 50.0)),
        ("t6", (0, 1, 1, 0.0, 100.0)),
    ],
)
def test_rates_per_task(vm: Consolidation, task: str, expected: tuple[Any, ...]) -> None:
    row = next(t for t in vm.tasks if t.id == task)
    assert figures(row.counts) == expected


def test_rates_per_section(vm: Consolidation) -> None:
    s1, s2 = vm.sections
    assert [t.id for t in s1.tasks] == ["t1", "t2", "t3"]
    assert [t.id for t in s2.tasks] == ["t4", "t5", "t6"]
    # s1: on time 1, late 1, open 1, overdue 1 → due 3, completion 2/3 (66.666… cut down)
    assert figures(s1.counts) == (2, 1, 3, 66.66, 33.34)
    assert s1.counts.open_on_time == 1
    # s2: on time 1, recurring 1 + 1, not reported 2 (both past the deadline) → due 3
    assert figures(s2.counts) == (1, 2, 3, 33.33, 66.67)
    assert s2.counts.not_reported == 2
    assert (s2.counts.recurring_done, s2.counts.recurring_missed) == (1, 1)


def test_rates_per_unit(vm: Consolidation) -> None:
    rows = {u.id: u for u in vm.units}
    assert figures(rows["xa-a"].counts) == (2, 0, 2, 100.0, 0.0)
    # xa-c: t1 late, t3 overdue (inherited), t5 missing from its report
    assert figures(rows["xa-c"].counts) == (1, 2, 3, 33.33, 66.67)
    assert figures(rows["pnv"].counts) == (0, 0, 0, None, None)
    # vh's completion of t2 is a supporting contribution, reported beside its rate
    assert figures(rows["vh"].counts) == (0, 0, 0, None, None)
    assert figures(rows["vh"].coordination) == (1, 0, 1, 100.0, 0.0)
    assert figures(rows["mttq"].counts) == (0, 1, 1, 0.0, 100.0)
    assert rows["mttq"].counts.not_reported == 1
    assert rows["mttq"].coordination.not_reported == 1


def test_rates_per_index_component(vm: Consolidation) -> None:
    comps = {c.ref: c for idx in vm.indices for c in idx.components}
    # F1 ← t1 (on time, late), t2 (lead open; the supporting vh is not counted): due 2
    assert comps["SIPAS.F1"].task_ids == ["t1", "t2"]
    assert figures(comps["SIPAS.F1"].counts) == (2, 0, 2, 100.0, 0.0)
    # F2 ← t2 and t3 (which targets the sub-factor F2.1): due 1, overdue
    assert comps["SIPAS.F2"].task_ids == ["t2", "t3"]
    assert figures(comps["SIPAS.F2"].counts) == (0, 1, 1, 0.0, 100.0)
    assert figures(comps["PAPI.D1"].counts) == (0, 0, 0, None, None)
    # D2 ← t5 (on time, not reported past the deadline), t6 (not reported past the deadline)
    assert comps["PAPI.D2"].task_ids == ["t5", "t6"]
    assert figures(comps["PAPI.D2"].counts) == (1, 2, 3, 33.33, 66.67)
    assert comps["PAPI.D3"].task_ids == []
    assert comps["PAPI.D3"].counts.total == 0


def test_rates_follow_as_of() -> None:
    # Before t1's deadline nothing of t1 is due; xa-c's completion on 05/09 is in the future.
    early = build(as_of=D(2024, 8, 31))
    t1 = next(t for t in early.tasks if t.id == "t1")
    assert [p.status for p in t1.pairs] == ["done-on-time", "open-on-time"]
    assert figures(t1.counts) == (1, 0, 1, 100.0, 0.0)


def test_overdue_and_open_lists(vm: Consolidation) -> None:
    assert [(p.task_id, p.unit_id) for p in vm.overdue] == [
        ("t3", "xa-c"),
        ("t5", "xa-c"),
        ("t6", "mttq"),
    ]
    assert [(p.task_id, p.unit_id) for p in vm.open_tasks] == [("t2", "pnv"), ("t3", "xa-c")]


# --- who answers for what ---------------------------------------------------------------


def test_a_unit_merged_mid_period(vm: Consolidation) -> None:
    expected = [u.id for u in vm.units]
    assert "xa-b" not in expected
    assert "xa-c" in expected
    t3 = next(t for t in vm.tasks if t.id == "t3")
    (pair,) = t3.pairs
    assert (pair.unit_id, pair.via, pair.role) == ("xa-c", "xa-b", "lead")
    assert pair.progress == 40
    # the gone unit's task list is its own on its last day
    ctx = build_context()
    period = ctx.period("2024-Q3")
    assert [a.task.id for a in ctx.assigned_to("xa-b", period)] == ["t1", "t3", "t5"]
    assert [a.task.id for a in ctx.assigned_to("xa-c", period)] == ["t1", "t3", "t5"]


def test_a_group_by_kind_picks_the_units_alive_at_the_cutoff(vm: Consolidation) -> None:
    t1 = next(t for t in vm.tasks if t.id == "t1")
    assert [p.unit_id for p in t1.pairs] == ["xa-a", "xa-c"]
    assert all(p.via is None for p in t1.pairs)
    ctx = build_context()
    assert ctx.members("cac-xa", D(2024, 9, 14)) == ["xa-a", "xa-c"]
    assert ctx.members("cac-xa", D(2024, 6, 20)) == ["xa-a", "xa-b"]
    assert ctx.members("cac-xa", D(2024, 10, 1)) == ["xa-a", "xa-c", "xa-d"]


def test_expected_units_in_order(vm: Consolidation) -> None:
    # by kind, then name; xa-b (gone) and xa-d (not yet created) owe nothing
    assert [u.id for u in vm.units] == ["xa-a", "xa-c", "pnv", "vh", "mttq"]
    assert build_context().expected_units(build_context().period("2024-Q3")) == sorted(
        ["xa-a", "xa-c", "pnv", "vh", "mttq"]
    )


def test_no_report_means_every_pair_not_reported_and_submission_missing(
    vm: Consolidation,
) -> None:
    mttq = next(u for u in vm.units if u.id == "mttq")
    assert mttq.submission.status == "missing"
    assert mttq.submission.label == "Chưa gửi"
    assert mttq.submission.effective is None
    pairs = [p for t in vm.tasks for p in t.pairs if p.unit_id == "mttq"]
    assert [(p.task_id, p.status, p.past_deadline) for p in pairs] == [
        ("t4", "not-reported", False),
        ("t6", "not-reported", True),
    ]
    assert [u.id for u in vm.missing_units] == ["mttq"]


def test_a_task_missing_from_a_report_is_not_reported(vm: Consolidation) -> None:
    t5 = next(t for t in vm.tasks if t.id == "t5")
    pair = next(p for p in t5.pairs if p.unit_id == "xa-c")
    assert (pair.status, pair.past_deadline, pair.state, pair.progress) == (
        "not-reported",
        True,
        None,
        None,
    )
    assert pair.status_label == "Chưa báo cáo"


def test_submissions_against_the_due_date(vm: Consolidation) -> None:
    subs = {u.id: u.submission for u in vm.units}
    assert (subs["xa-a"].status, subs["xa-a"].days_late) == ("on-time", 0)
    assert (subs["pnv"].status, subs["pnv"].effective) == ("on-time", D(2024, 9, 15))
    assert (subs["xa-c"].status, subs["xa-c"].days_late) == ("late", 5)
    # vh signed on 14/09 but first committed on 17/09: the later date counts
    assert (subs["vh"].status, subs["vh"].effective, subs["vh"].days_late) == (
        "late",
        D(2024, 9, 17),
        2,
    )
    assert subs["vh"].dates_disagree
    assert [u.id for u in vm.late_units] == ["xa-c", "vh"]


# --- indicators -------------------------------------------------------------------------


def test_indicators_by_kind_total_and_previous(vm: Consolidation) -> None:
    rows = {r.id: r for r in vm.indicators}
    assert list(rows) == ["ho-so", "dung-han", "ty-le", "diem"]
    ho_so = rows["ho-so"]
    # xa-b, gone before the cut-off, is set aside: its figures are not consolidated
    assert ho_so.values == {"pnv": 50, "xa-a": 120, "xa-c": 80}
    assert ho_so.by_kind == {"commune": 200, "department": 50}
    assert (ho_so.total, ho_so.previous_total, ho_so.change) == (250, 140, 110)
    dung_han = rows["dung-han"]
    assert dung_han.by_kind == {"commune": 184, "department": 50}
    assert (dung_han.total, dung_han.previous_total, dung_han.change) == (234, 120, 114)
    # ratio: Σ numerator ÷ Σ denominator, never a mean of the units' ratios
    ratio = rows["ty-le"]
    assert ratio.values == {"pnv": 100.0, "xa-a": 95.0, "xa-c": 87.5}
    assert ratio.by_kind == {"commune": 92.0, "department": 100.0}  # 184/200, 50/50
    assert ratio.total == 93.6  # 234/250
    assert ratio.previous_total == 85.71  # 120/140
    assert ratio.change == 7.89
    # mean over the units that reported it
    diem = rows["diem"]
    assert diem.by_kind == {"commune": 7.0, "department": None}
    assert (diem.total, diem.previous_total, diem.change) == (7.0, 7.0, 0.0)


def test_indicators_without_a_previous_period() -> None:
    ctx = build_context()
    reports = {r["unit"]: Report.model_validate({"period": "2024-Q3", **r}) for r in REPORTS}
    vm = consolidate(ctx, ctx.period("2024-Q3"), reports, as_of=AS_OF, provenance=provenance())
    assert all(r.previous_total is None and r.change is None for r in vm.indicators)
    assert vm.previous_period is None


# --- indices ----------------------------------------------------------------------------


def test_index_components_baseline_latest_change_and_weakest(vm: Consolidation) -> None:
    sipas = next(i for i in vm.indices if i.id == "SIPAS")
    assert (sipas.baseline.year, sipas.latest.year) == (2022, 2023)  # type: ignore[union-attr]
    assert sipas.change == 3.5  # 78.5 - 75.0
    f1, f2 = sipas.components
    assert (f1.baseline, f1.latest, f1.change) == (80.0, 82.5, 2.5)
    assert (f2.baseline, f2.latest, f2.change) == (70.0, 68.25, -1.75)
    assert sipas.weakest == ["SIPAS.F2", "SIPAS.F1"]  # 68.25% before 82.5%
    papi = next(i for i in vm.indices if i.id == "PAPI")
    assert papi.change == 2.5
    d1, d2, d3 = papi.components
    assert (d1.change, d2.change) == (0.5, -0.5)
    # D3 has no score: no change, never the weakest
    assert (d3.baseline, d3.latest, d3.change) == (None, None, None)
    # relative place on the 1–10 scale: D2 (4-1)/9 = 0.33 < D1 (5.5-1)/9 = 0.5
    assert papi.weakest == ["PAPI.D2", "PAPI.D1"]


def test_weakest_keeps_the_lowest_few() -> None:
    index = Index.model_validate(
        {
            "id": "X",
            "name": "X",
            "scale": {"min": 0, "max": 10},
            "components": [
                {"code": f"C{n}", "name": f"C{n}", "scale": {"min": 0, "max": 10}}
                for n in range(1, 6)
            ],
            "observations": [
                {
                    "year": 2023,
                    "scope": "Tỉnh",
                    "scores": {"C1": 7, "C2": 2, "C3": 9, "C4": 3, "C5": 5},
                    "source": "s",
                }
            ],
        }
    )
    row = index_row(index, {}, {})
    assert row.weakest == ["X.C2", "X.C4", "X.C5"]
    assert index_row(index, {}, {}, weakest_count=1).weakest == ["X.C2"]


def test_a_single_observation_has_no_change() -> None:
    index = Index.model_validate(INDICES[1] | {"observations": INDICES[1]["observations"][1:]})
    row = index_row(index, {}, {})
    assert row.baseline is row.latest
    assert row.change is None
    assert [c.change for c in row.components] == [None, None, None]
    assert [c.latest for c in row.components] == [5.5, 4.0, None]


def test_no_observations_at_all() -> None:
    index = Index.model_validate(INDICES[1] | {"observations": []})
    row = index_row(index, {}, {})
    assert (row.baseline, row.latest, row.change, row.scope, row.weakest) == (
        None,
        None,
        None,
        None,
        [],
    )


def test_top_component() -> None:
    assert top_component("PAPI.D2.3") == "PAPI.D2"
    assert top_component("SIPAS.F2") == "SIPAS.F2"


# --- the units' own words and JSON ------------------------------------------------------


def test_words_are_attributed(vm: Consolidation) -> None:
    assert [(a.unit_id, a.text) for a in vm.proposals] == [("xa-a", "Đề nghị cấp máy scan.")]
    assert [(a.unit_id, a.text) for a in vm.difficulties] == [("pnv", "Thiếu biên chế.")]
    assert [(a.unit_id, a.task_id, a.text) for a in vm.next_steps] == [("xa-c", "t3", "Hoàn thành")]


def test_view_model_is_json_ready(vm: Consolidation) -> None:
    data = to_jsonable(vm)
    assert data["overall"]["completion_rate"] == 50.0
    assert data["overall"]["due"] == 6
    assert data["coordination"]["total"] == 2
    assert data["period"]["due"] == "2024-09-15"
    vh = next(u for u in data["units"] if u["id"] == "vh")
    assert vh["submission"]["label"] == "Trễ hạn"
    assert vh["submission"]["dates_disagree"] is True
    assert vh["submission"]["committed"] == "2024-09-17"


# --- the same from YAML files: a merge in a copy of the mini fixture --------------------


def write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_merge_from_yaml_files(tmp_path: Path) -> None:
    """Xã Trà Don merges into a new Xã Trà Mới on 01/08/2024 (before the 14/09 cut-off)."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    data = root / "data"
    old = read(data / "units" / "xa-tra-don.yaml")
    write(
        data / "units" / "xa-tra-don.yaml",
        old | {"valid_until": "2024-07-31", "successors": ["xa-tra-moi"]},
    )
    write(
        data / "units" / "xa-tra-moi.yaml",
        {
            "id": "xa-tra-moi",
            "name": "UBND xã Trà Mới",
            "kind": "commune",
            "valid_from": "2024-08-01",
        },
    )
    write(
        data / "reports" / "2024-Q3" / "xa-tra-moi.yaml",
        {
            "unit": "xa-tra-moi",
            "period": "2024-Q3",
            "submitted": "2024-09-14",
            "tasks": [
                {"task": "t1", "state": "in-progress", "progress": 80},
                {"task": "t2", "state": "in-progress", "carried_out": False},
            ],
            "indicators": {"ho-so-tiep-nhan": 30, "ho-so-dung-han": 30},
        },
    )
    prepared = prepare(root, "2024-Q3", today=D(2024, 10, 1))
    assert prepared.errors == []
    vm = prepared.vm
    assert vm is not None
    assert [u.id for u in vm.units] == ["xa-tra-dzon", "xa-tra-moi", "phong-noi-vu"]
    pairs = {(p.task_id, p.unit_id): p for t in vm.tasks for p in t.pairs}
    assert set(pairs) == {
        ("t1", "xa-tra-dzon"),
        ("t1", "xa-tra-moi"),
        ("t1", "phong-noi-vu"),
        ("t2", "xa-tra-moi"),
        ("t3", "phong-noi-vu"),
    }
    assert pairs[("t2", "xa-tra-moi")].via == "xa-tra-don"
    assert pairs[("t2", "xa-tra-moi")].status == "recurring-missed"
    assert pairs[("t1", "xa-tra-moi")].via is None  # a commune in its own right
    # Trà Don, gone on 31/07 before the cut-off, filed its report anyway: a finding, and the
    # report is set aside whole (its successor reports the period): 80 + 30 received
    assert [(a.unit_id, a.successors) for a in vm.set_aside] == [("xa-tra-don", ["xa-tra-moi"])]
    assert [f.code for f in prepared.findings if f.code == "PT230"] == ["PT230"]
    rows = {r.id: r for r in vm.indicators}
    assert rows["ho-so-tiep-nhan"].total == 110
    assert rows["ty-le-dung-han"].total == 90.91  # 100/110 = 90.909…%
