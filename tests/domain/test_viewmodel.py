"""The facts the view-model derives for the templates, on ``tests/fixtures/mini`` by hand.

Period 2024-Q3 of the mini plan (status at the cut-off 14/09/2024, reports due 15/09/2024):

    task  unit          status          why
    t1    xa-tra-don    done on time    done 10/09, deadline 30/09 (Quý III/2024)
    t1    xa-tra-dzon   open on time    in progress, deadline 30/09
    t1    phong-noi-vu  open on time    in progress (support), deadline 30/09
    t2    xa-tra-don    recurring done  carried out
    t3    phong-noi-vu  open on time    not started, deadline 31/12

Five pairs: 1 done on time (20%), 3 open on time (60%), 1 recurring done (20%). Only
xa-tra-don has a task due, done on time. Reports: phong-noi-vu 14/09 and xa-tra-don 13/09 on
time, xa-tra-dzon 18/09 late.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack import api
from plantrack.domain.remind import reminder
from plantrack.domain.status import STATUS_ORDER, StatusCount
from plantrack.domain.viewmodel import Consolidation, PeriodInfo, PlanInfo, to_jsonable

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PAPI_2025 = (
    "  - {year: 2025, scope: Tỉnh Quảng Nam, total: 42.5, "
    "scores: {D3: 4.5, D8: 2.5}, source: UNDP}\n"
)


@pytest.fixture(scope="module")
def vm(tmp_path_factory: pytest.TempPathFactory) -> Consolidation:
    """The mini repository with a second PAPI year: D3 rose 3.9765 → 4.5, D8 fell
    2.9025 → 2.5."""
    root = tmp_path_factory.mktemp("vm") / "repo"
    shutil.copytree(MINI, root)
    papi = root / "data" / "indices" / "papi.yaml"
    papi.write_text(papi.read_text("utf-8") + PAPI_2025, "utf-8")
    prepared = api.prepare_consolidation(root, "2024-Q3")
    assert prepared.vm is not None
    return prepared.vm


def test_plan_and_period_are_typed_and_frozen(vm: Consolidation) -> None:
    assert isinstance(vm.plan, PlanInfo) and isinstance(vm.period, PeriodInfo)
    assert vm.plan.title == "Kế hoạch thử nghiệm nâng cao Chỉ số SIPAS và PAPI"
    assert (vm.plan.number, vm.plan.place) == (None, "Thử Nghiệm")
    assert (vm.period.id, vm.period.title) == ("2024-Q3", "9 tháng năm 2024")
    with pytest.raises(dataclasses.FrozenInstanceError):
        vm.period.id = "2024-Y"  # type: ignore[misc]
    assert vm.document is None  # the mini plan has no document settings


def test_summary_of_the_units(vm: Consolidation) -> None:
    s = vm.summary
    assert (s.units_expected, s.reports_sent, s.reports_on_time) == (3, 3, 2)
    assert (s.reports_late, s.reports_missing) == (1, 0)
    assert [u.id for u in s.all_due_on_time] == ["xa-tra-don"]


def test_status_counts_in_order_with_shares(vm: Consolidation) -> None:
    statuses = vm.overall.statuses
    assert [s.status for s in statuses] == list(STATUS_ORDER)
    # the rates count the lead units only: phong-noi-vu's supporting pair on t1 is left out
    assert vm.overall.present == [
        StatusCount("done-on-time", 1, 25.0),
        StatusCount("open-on-time", 2, 50.0),
        StatusCount("recurring-done", 1, 25.0),
    ]
    t1 = next(t for t in vm.tasks if t.id == "t1")
    assert t1.counts.present == [
        StatusCount("done-on-time", 1, 50.0),
        StatusCount("open-on-time", 1, 50.0),
    ]
    assert t1.coordination.present == [StatusCount("open-on-time", 1, 100.0)]
    assert (vm.overall.recurring, t1.counts.recurring) == (1, 0)


def test_rising_and_falling_components(vm: Consolidation) -> None:
    papi = next(i for i in vm.indices if i.id == "PAPI")
    assert papi.two_years
    assert [c.code for c in papi.rising] == ["D3"]
    assert [c.code for c in papi.falling] == ["D8"]
    # on the 1–10 scale: D8 at (2.5 − 1) / 9 = 0.17 is weaker than D3 at (4.5 − 1) / 9 = 0.39
    assert [c.code for c in papi.weakest_components] == ["D8", "D3"]
    sipas = next(i for i in vm.indices if i.id == "SIPAS")
    assert not sipas.two_years and sipas.rising == [] and sipas.falling == []


def test_json_leaves_the_derived_facts_out(vm: Consolidation) -> None:
    data = to_jsonable(vm)
    assert "summary" not in data
    assert list(data["period"]) == ["id", "label", "title", "year", "start", "cutoff", "due"]
    assert data["period"]["due"] == "2024-09-15"
    assert list(data["plan"]) == [
        *("id", "number", "title", "issuer", "issued", "place", "consolidator", "note", "basis"),
        *("illustrative", "short_title", "superior"),
    ]
    assert data["document"] is None


def test_reminder_addressees_by_what_they_owe(vm: Consolidation) -> None:
    rem = reminder(dataclasses.replace(vm, as_of=dt.date(2024, 9, 20)))
    assert [u.unit_id for u in rem.addressees_late] == ["xa-tra-dzon"]
    assert rem.addressees_missing == [] and rem.addressees_overdue == []
    assert rem.days_past_due == 5
    early = reminder(dataclasses.replace(vm, as_of=dt.date(2024, 9, 16)))
    assert [u.unit_id for u in early.addressees_missing] == ["xa-tra-dzon"]  # sent on 18/09
