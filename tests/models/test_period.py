"""Reporting periods: Nghị định 09/2019 defaults, plan overrides, due dates and ordering."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest
from pydantic import ValidationError

from plantrack.models.period import (
    DEFAULT_RULES,
    PeriodKind,
    PeriodRule,
    make_period,
    parse_period_id,
    period_sort_key,
)
from plantrack.models.plan import ReportingRules

D = dt.date


@pytest.mark.parametrize(
    ("period_id", "start", "cutoff", "due"),
    [
        ("2024-Q1", D(2023, 12, 15), D(2024, 3, 14), D(2024, 3, 15)),
        ("2024-Q2", D(2024, 3, 15), D(2024, 6, 14), D(2024, 6, 15)),
        ("2024-Q3", D(2024, 6, 15), D(2024, 9, 14), D(2024, 9, 15)),
        ("2024-Q4", D(2024, 9, 15), D(2024, 12, 14), D(2024, 12, 15)),
        ("2024-H1", D(2023, 12, 15), D(2024, 6, 14), D(2024, 6, 15)),
        ("2024-H2", D(2024, 6, 15), D(2024, 12, 14), D(2024, 12, 15)),
        ("2024-M9", D(2023, 12, 15), D(2024, 9, 14), D(2024, 9, 15)),
        ("2024-Y", D(2023, 12, 15), D(2024, 12, 14), D(2024, 12, 15)),
    ],
)
def test_default_dates_follow_decree_09_2019(
    period_id: str, start: dt.date, cutoff: dt.date, due: dt.date
) -> None:
    period = make_period(period_id)
    assert (period.start, period.cutoff, period.due) == (start, cutoff, due)
    assert period.id == period_id
    assert period.year == 2024
    assert period.kind == period_id.split("-")[1]


def test_period_titles_are_vietnamese() -> None:
    assert make_period("2024-Q1").title == "Quý I năm 2024"
    assert make_period("2024-H1").title == "6 tháng đầu năm 2024"
    assert make_period("2024-Y").title == "năm 2024"


def test_contains_is_inclusive_at_both_ends() -> None:
    q1 = make_period("2024-Q1")
    assert q1.contains(D(2023, 12, 15))
    assert q1.contains(D(2024, 3, 14))
    assert not q1.contains(D(2023, 12, 14))
    assert not q1.contains(D(2024, 3, 15))


def test_plan_schedule_overrides_q3_as_nine_months() -> None:
    rules = ReportingRules.model_validate(
        {
            "consolidator": "phong-noi-vu",
            "periods": ["Q1", "H1", "Q3", "Y"],
            "first": "2024-Q1",
            "schedule": {
                "Q3": {"label": "9 tháng", "start": "12-15", "cutoff": "09-14", "due": "09-20"}
            },
        }
    )
    q3 = rules.period("2024-Q3")
    assert (q3.start, q3.cutoff, q3.due) == (D(2023, 12, 15), D(2024, 9, 14), D(2024, 9, 20))
    assert q3.label == "9 tháng"
    assert q3.title == "9 tháng năm 2024"
    # kinds the schedule leaves out keep the defaults
    q1 = rules.period("2024-Q1")
    assert (q1.start, q1.cutoff, q1.due) == (D(2023, 12, 15), D(2024, 3, 14), D(2024, 3, 15))


def test_due_before_cutoff_falls_in_next_year() -> None:
    rule = PeriodRule(label="Năm", start="12-15", cutoff="12-14", due="01-10")
    year = make_period("2024-Y", {"Y": rule})
    assert year.due == D(2025, 1, 10)
    assert year.start == D(2023, 12, 15)


def test_start_within_the_year_stays_in_the_year() -> None:
    rule = PeriodRule(label="Năm", start="01-01", cutoff="12-31", due="12-31")
    year = make_period("2024-Y", {"Y": rule})
    assert (year.start, year.cutoff, year.due) == (D(2024, 1, 1), D(2024, 12, 31), D(2024, 12, 31))


def test_29_february_falls_back_to_28_in_common_years() -> None:
    rule = PeriodRule(label="Quý I", start="12-01", cutoff="02-29", due="03-05")
    assert make_period("2024-Q1", {"Q1": rule}).cutoff == D(2024, 2, 29)
    assert make_period("2023-Q1", {"Q1": rule}).cutoff == D(2023, 2, 28)


@pytest.mark.parametrize("bad", ["02-30", "09-31", "04-31", "13-01", "00-10", "9-14", "12-1"])
def test_period_rule_refuses_days_that_do_not_exist(bad: str) -> None:
    with pytest.raises(ValidationError):
        PeriodRule(label="x", start="12-15", cutoff=bad, due="09-15")


@pytest.mark.parametrize("bad", ["2024-Q5", "2024-H3", "24-Q1", "2024-q1", "2024-M6", "2024", ""])
def test_malformed_period_ids(bad: str) -> None:
    assert parse_period_id(bad) is None
    assert period_sort_key(bad) == (0, 0)
    with pytest.raises(ValueError):
        make_period(bad)


def test_parse_period_id() -> None:
    assert parse_period_id("2024-Q3") == (2024, "Q3")
    assert parse_period_id("2025-M9") == (2025, "M9")
    assert parse_period_id("2025-Y") == (2025, "Y")


def test_period_sort_key_orders_by_year_then_cutoff() -> None:
    shuffled = [
        "2025-Q1",
        "2024-Y",
        "2024-H2",
        "2024-Q4",
        "2024-M9",
        "2024-Q3",
        "2024-H1",
        "2024-Q2",
        "2024-Q1",
        "2023-Y",
    ]
    assert sorted(shuffled, key=period_sort_key) == [
        "2023-Y",
        "2024-Q1",
        "2024-Q2",
        "2024-H1",
        "2024-Q3",
        "2024-M9",
        "2024-Q4",
        "2024-H2",
        "2024-Y",
        "2025-Q1",
    ]


def test_every_kind_has_a_default_rule() -> None:
    months = {f"M{m:02d}" for m in range(1, 13)}
    assert set(DEFAULT_RULES) == {"Q1", "Q2", "Q3", "Q4", "H1", "H2", "M9", "Y"} | months
    assert set(get_args(PeriodKind)) == set(DEFAULT_RULES)


def test_months_follow_decree_09_and_stay_apart_from_nine_months() -> None:
    jan, mar, dec = make_period("2026-M01"), make_period("2026-M03"), make_period("2026-M12")
    assert (jan.start, jan.cutoff, jan.due) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 15),
    )
    assert (mar.start, mar.cutoff, mar.title) == (
        dt.date(2026, 2, 15),
        dt.date(2026, 3, 14),
        "tháng 3 năm 2026",
    )
    assert dec.start == dt.date(2026, 11, 15)
    assert make_period("2026-M9").title == "9 tháng năm 2026"
    assert parse_period_id("2026-M13") is None and parse_period_id("2026-M3") is None
    order = ["2026-M09", "2026-Q3", "2026-M9", "2026-M10", "2026-M12", "2026-Q4", "2026-Y"]
    assert sorted(reversed(order), key=period_sort_key) == order
