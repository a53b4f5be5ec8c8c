"""Every model refuses unknown keys and non-finite numbers, and is frozen."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import plantrack.models.jsonschema  # noqa: F401  (imports every model module)
from plantrack.models import emulation as em
from plantrack.models.common import LegalDoc, Person, StrictModel
from plantrack.models.index import Component, Index, Observation, Scale, Target
from plantrack.models.inspection import (
    Action,
    Finding,
    Fix,
    Inspection,
    Recheck,
    TeamMember,
    Visit,
)
from plantrack.models.period import PeriodRule
from plantrack.models.plan import (
    DocumentSettings,
    Indicator,
    Plan,
    PlanLimits,
    ReportingRules,
    Section,
    Task,
    UnitGroup,
)
from plantrack.models.report import FixEntry, FormSource, Narrative, Report, TaskEntry
from plantrack.models.rollup import Implements, RepositoryLink, RollupRule
from plantrack.models.unit import Transfer, Unit
from plantrack.models.vocabulary import UnitKindDef

RULES = {"consolidator": "phong-noi-vu", "periods": ["Q3"], "first": "2024-Q3"}
TASK = {"id": "t1", "section": "pl1", "title": "Việc", "lead": ["phong-noi-vu"], "time": "2024"}

# The smallest valid payload of each model.
MINIMAL: dict[type[BaseModel], dict[str, Any]] = {
    LegalDoc: {"title": "Thông báo"},
    Person: {"name": "Nguyễn Văn A"},
    Scale: {},
    Component: {"code": "D1", "name": "Tham gia"},
    Observation: {"year": 2024, "scope": "Tỉnh Quảng Nam", "source": "UNDP"},
    Target: {"year": 2025},
    Index: {"id": "PAPI", "name": "PAPI", "scale": {}},
    PeriodRule: {"label": "Quý I", "start": "12-15", "cutoff": "03-14", "due": "03-15"},
    Section: {"id": "pl1", "title": "Phụ lục I"},
    UnitGroup: {"id": "cac-xa", "name": "UBND các xã"},
    Indicator: {"id": "ho-so", "name": "Hồ sơ", "unit": "hồ sơ"},
    PlanLimits: {"max_size": "2MiB"},
    DocumentSettings: {
        "parent_body": "UBND HUYỆN",
        "issuing_body": "PHÒNG NỘI VỤ",
        "code": "BC-PNV",
        "place": "Nam Trà My",
        "signer_authority": "TRƯỞNG PHÒNG",
    },
    ReportingRules: RULES,
    Task: TASK,
    Plan: {
        "id": "p",
        "title": "Kế hoạch",
        "issuer": "UBND",
        "sections": [{"id": "pl1", "title": "Phụ lục I"}],
        "reporting": RULES,
    },
    TaskEntry: {"task": "t1", "state": "done"},
    Narrative: {},
    Report: {"unit": "xa-tra-don", "period": "2024-Q3"},
    Unit: {"id": "xa-tra-don", "name": "UBND xã Trà Don", "kind": "commune"},
    FixEntry: {"finding": "kt-1-01", "date": "2024-09-05"},
    RepositoryLink: {"url": "https://git.example.vn/xa-a/ke-hoach.git"},
    Implements: {"plan": "kh-tinh", "unit": "xa-a"},
    RollupRule: {},
    FormSource: {"sha256": "0" * 64},
    TeamMember: {"name": "Nguyễn Văn A"},
    Visit: {"unit": "xa-tra-don", "date": "2024-08-21"},
    Fix: {"date": "2024-09-05"},
    Recheck: {"inspection": "pt-1", "date": "2025-03-04", "result": "dat"},
    Action: {"kind": "kiem-diem", "date": "2025-03-07"},
    Finding: {
        "id": "kt-1-01",
        "unit": "xa-tra-don",
        "category": "Kỷ luật",
        "text": "Đi muộn",
        "fix_by": "2024-10-04",
    },
    Inspection: {"id": "kt-1", "kind": "dot-xuat", "title": "Kiểm tra", "lead": "phong-noi-vu"},
    UnitKindDef: {"id": "thon", "name": "thôn", "plural": "các thôn"},
    Transfer: {"tasks": ["t1"], "to": ["phong-noi-vu"]},
    em.Selector: {},
    em.Cluster: {"id": "khoi-xa", "name": "Khối các xã"},
    em.Unranked: {"reason": "Ngoài quyền quản lý"},
    em.Step: {"at_least": 90, "points": 10},
    em.Schedule: {"kind": "proportional"},
    em.Target: {"indicator": "ho-so"},
    em.Criterion: {"id": "c1", "title": "Tiêu chí", "max": 10, "rule": "manual"},
    em.Band: {"id": "tot", "name": "Tốt", "at_least": 80},
    em.Adjustment: {"points": 1},
    em.Verified: {"points": 1, "unit": "xa-tra-don", "criterion": "c1"},
    em.SelfScore: {"criterion": "c1"},
    em.SelfAssessment: {"unit": "xa-tra-don", "year": 2024},
    em.Scheme: {
        "year": 2024,
        "title": "Bảng điểm",
        "total": 10,
        "clusters": [{"id": "k", "name": "Khối"}],
        "criteria": [{"id": "c1", "title": "Tiêu chí", "max": 10, "rule": "manual"}],
    },
}


def _all_models() -> set[type[StrictModel]]:
    found: set[type[StrictModel]] = set()
    todo = list(StrictModel.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("plantrack.models"):
            found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def test_every_model_is_covered() -> None:
    assert _all_models() == set(MINIMAL)


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_minimal_payload_is_valid(model: type[BaseModel]) -> None:
    model.model_validate(MINIMAL[model])


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_unknown_key_is_refused(model: type[BaseModel]) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**MINIMAL[model], "ghi_chu_la": "x"})
    (error,) = caught.value.errors()
    assert error["type"] == "extra_forbidden"
    assert error["loc"] == ("ghi_chu_la",)


def test_unknown_key_deep_inside_is_refused() -> None:
    payload = {**MINIMAL[Report], "tasks": [{"task": "t1", "state": "done", "progres": 50}]}
    with pytest.raises(ValidationError) as caught:
        Report.model_validate(payload)
    (error,) = caught.value.errors()
    assert error["loc"] == ("tasks", 0, "progres")


@pytest.mark.parametrize("model", list(MINIMAL), ids=lambda m: m.__name__)
def test_models_are_frozen(model: type[BaseModel]) -> None:
    instance = model.model_validate(MINIMAL[model])
    name = next(iter(type(instance).model_fields))
    with pytest.raises(ValidationError):
        setattr(instance, name, getattr(instance, name))


NON_FINITE = [math.nan, math.inf, -math.inf]


@pytest.mark.parametrize("value", NON_FINITE, ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (Report, {**MINIMAL[Report], "indicators": {"ho-so": None}}),
        (Observation, {**MINIMAL[Observation], "total": None}),
        (Observation, {**MINIMAL[Observation], "scores": {"D1": None}}),
        (Scale, {"min": None}),
        (Scale, {"max": None}),
        (Target, {**MINIMAL[Target], "total": None}),
        (Target, {**MINIMAL[Target], "scores": {"D1": None}}),
    ],
    ids=[
        "report-indicator",
        "observation-total",
        "observation-score",
        "scale-min",
        "scale-max",
        "target-total",
        "target-score",
    ],
)
def test_non_finite_numbers_are_refused(
    model: type[BaseModel], payload: dict[str, Any], value: float
) -> None:
    filled = _fill_none(payload, value)
    with pytest.raises(ValidationError) as caught:
        model.model_validate(filled)
    assert {e["type"] for e in caught.value.errors()} == {"finite_number"}


def _fill_none(payload: dict[str, Any], value: float) -> dict[str, Any]:
    """Put ``value`` where the payload holds ``None`` (one level of nesting)."""
    out: dict[str, Any] = {}
    for key, item in payload.items():
        if item is None:
            out[key] = value
        elif isinstance(item, dict):
            out[key] = {k: value if v is None else v for k, v in item.items()}
        else:
            out[key] = item
    return out


def test_a_null_indicator_value_is_allowed() -> None:
    report = Report.model_validate({**MINIMAL[Report], "indicators": {"ho-so": None}})
    assert report.indicators == {"ho-so": None}


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (Unit, {**MINIMAL[Unit], "id": "xã-trà-don"}),
        (Unit, {**MINIMAL[Unit], "id": "../etc"}),
        (Unit, {**MINIMAL[Unit], "id": "a/b"}),
        (Unit, {**MINIMAL[Unit], "kind": "thôn"}),  # a kind is an id; "village" is checked
        (Unit, {**MINIMAL[Unit], "authors": ["not-an-email"]}),
        (Report, {**MINIMAL[Report], "period": "2024-Q5"}),
        (TaskEntry, {"task": "t1", "state": "finished"}),
        (TaskEntry, {"task": "t1", "state": "done", "progress": 101}),
        (TaskEntry, {"task": "t1", "state": "done", "progress": -1}),
        (Task, {**TASK, "lead": []}),
        (Task, {**TASK, "targets": ["SIPAS"]}),
        (Plan, {**MINIMAL[Plan], "sections": []}),
        (Observation, {**MINIMAL[Observation], "year": 1999}),
    ],
)
def test_invalid_values_are_refused(model: type[BaseModel], payload: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(payload)
