"""Scores of a small hand-computed fixture: verified, self-assessed, difference, bands,
manual adjustments, and the ranking with ties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from plantrack.domain.emulation import rank, score_year
from plantrack.domain.emulation_facts import Event, UnitFacts
from plantrack.io.repo import list_data_files
from plantrack.models.emulation import Scheme, SelfAssessment
from plantrack.validate.check import load_base
from plantrack.validate.context import Context

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
AS_OF = dt.date(2024, 12, 14)

SCHEME = {
    "year": 2024,
    "title": "Bảng điểm thử",
    "total": 50,
    "clusters": [
        {"id": "xa", "name": "Khối xã", "kinds": ["commune"]},
        {"id": "phong", "name": "Khối phòng", "units": ["phong-noi-vu"]},
    ],
    "criteria": [
        {
            "id": "nv",
            "title": "Nhiệm vụ",
            "max": 30,
            "rule": "lead-tasks",
            "schedule": {"kind": "proportional"},
        },
        {
            "id": "bc",
            "title": "Báo cáo",
            "max": 10,
            "rule": "reports",
            "schedule": {"kind": "deductions", "per": {"late": 4, "missing": 10}},
        },
        {"id": "tc", "title": "Thưởng", "max": 10, "rule": "manual", "base": 4},
    ],
    "bands": [
        {"id": "a", "name": "Xuất sắc", "at_least": 45},
        {"id": "b", "name": "Tốt", "at_least": 30},
        {"id": "c", "name": "Chưa đạt", "at_least": 0},
    ],
    "tie_break": ["bc"],
    "verified": [
        {
            "unit": "xa-tra-don",
            "criterion": "tc",
            "points": 3,
            "reason": "Mô hình mới",
            "evidence": {"number": "1/QĐ", "title": "Quyết định công nhận"},
        },
        {
            "unit": "xa-tra-don",
            "criterion": "tc",
            "points": -1,
            "reason": "Nhắc nhở",
            "evidence": {"number": "2/TB", "title": "Thông báo"},
        },
    ],
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    files, _ = list_data_files(MINI)
    loaded = load_base(MINI, files)
    assert loaded.context is not None
    return loaded.context


def _ev(kind: str, source: str, ref: str) -> Event:
    return Event(kind, source, ref, ref, kind)


def _facts() -> dict[str, UnitFacts]:
    return {
        # 2 of 3 on time: 30 × 2/3 = 20; one late report: 10 − 4 = 6; manual 4 + 3 − 1 = 6
        "xa-tra-don": UnitFacts(
            "xa-tra-don",
            "commune",
            tasks=[
                _ev("done-on-time", "task", "t1"),
                _ev("done-on-time", "task", "t2"),
                _ev("overdue", "task", "t4"),
            ],
            reports=[_ev("on-time", "report", "2024-Q3"), _ev("late", "report", "2024-Y")],
        ),
        # 1 of 1 on time: 30; one missing report: 0; manual 4 → 34 (ahead on total)
        "xa-tra-dzon": UnitFacts(
            "xa-tra-dzon",
            "commune",
            tasks=[_ev("done-on-time", "task", "t1")],
            reports=[_ev("missing", "report", "2024-Q3"), _ev("on-time", "report", "2024-Y")],
        ),
        # nothing due: 30; reports on time: 10; manual 4 → 44
        "phong-noi-vu": UnitFacts("phong-noi-vu", "department"),
    }


def test_hand_computed_scores(ctx: Context) -> None:
    scheme = Scheme.model_validate(SCHEME)
    own = SelfAssessment.model_validate(
        {
            "unit": "xa-tra-don",
            "year": 2024,
            "scores": [
                {"criterion": "nv", "points": 30},
                {
                    "criterion": "tc",
                    "adjustments": [
                        {"points": 5, "reason": "Mô hình", "evidence": {"title": "Quyết định"}}
                    ],
                },
            ],
        }
    )
    result = score_year(ctx, scheme, _facts(), {"xa-tra-don": own}, AS_OF)
    don = result.unit("xa-tra-don")
    assert don is not None
    assert [c.verified for c in don.criteria] == [
        Decimal("20.00"),
        Decimal("6.00"),
        Decimal("6.00"),
    ]
    assert don.total == Decimal("32.00")
    assert don.band is not None and don.band.id == "b"
    assert [c.own for c in don.criteria] == [Decimal(30), None, Decimal(9)]  # 4 + 5
    assert [c.difference for c in don.criteria] == [Decimal("10.00"), None, Decimal("3.00")]
    assert don.own_total == Decimal(39)
    dzon = result.unit("xa-tra-dzon")
    assert dzon is not None and dzon.total == Decimal("34.00") and not dzon.assessed
    assert [u.unit_id for u in result.clusters[0].units] == ["xa-tra-dzon", "xa-tra-don"]
    assert [u.rank for u in result.clusters[0].units] == [1, 2]
    pnv = result.clusters[1].units[0]
    assert (pnv.unit_id, pnv.total, pnv.rank, pnv.band.id if pnv.band else None) == (
        "phong-noi-vu",
        Decimal("44.00"),
        1,
        "b",
    )


def test_manual_points_stay_within_zero_and_max(ctx: Context) -> None:
    data = dict(
        SCHEME,
        verified=[
            {
                "unit": "xa-tra-don",
                "criterion": "tc",
                "points": 9,
                "reason": "r",
                "evidence": {"title": "e"},
            },
            {
                "unit": "xa-tra-dzon",
                "criterion": "tc",
                "points": -9,
                "reason": "r",
                "evidence": {"title": "e"},
            },
        ],
    )
    result = score_year(ctx, Scheme.model_validate(data), _facts(), {}, AS_OF)
    assert result.unit("xa-tra-don").points("tc") == Decimal("10.00")  # type: ignore[union-attr]
    assert result.unit("xa-tra-dzon").points("tc") == Decimal("0.00")  # type: ignore[union-attr]


def test_ties_broken_by_the_named_criteria_then_shared(ctx: Context) -> None:
    scheme = Scheme.model_validate(dict(SCHEME, verified=[]))
    facts = _facts()
    facts["xa-tra-don"] = UnitFacts("xa-tra-don", "commune")
    facts["xa-tra-dzon"] = UnitFacts("xa-tra-dzon", "commune")
    tied = score_year(ctx, scheme, facts, {}, AS_OF).clusters[0].units
    assert [(u.rank, u.tied) for u in tied] == [(1, True), (1, True)]
    # with equal totals the tie-break criterion decides, and nobody shares a rank
    a = score_year(ctx, scheme, facts, {}, AS_OF).clusters[0].units
    a[0].total = a[1].total = Decimal(40)
    a[0].criteria[1] = type(a[0].criteria[1])(a[0].criteria[1].criterion, Decimal(4))
    ordered = rank(a, ["bc"])
    assert [(u.unit_id, u.rank, u.tied) for u in ordered] == [
        (a[1].unit_id, 1, False),
        (a[0].unit_id, 2, False),
    ]


def test_three_way_tie_leaves_a_gap(ctx: Context) -> None:
    scheme = Scheme.model_validate(dict(SCHEME, verified=[], tie_break=[]))
    units = score_year(ctx, scheme, _facts(), {}, AS_OF).clusters[0].units
    for u in units:
        u.total = Decimal(10)
    extra = score_year(ctx, scheme, _facts(), {}, AS_OF).clusters[1].units[0]
    extra.total = Decimal(5)
    ordered = rank([*units, extra], [])
    assert [u.rank for u in ordered] == [1, 1, 3]
