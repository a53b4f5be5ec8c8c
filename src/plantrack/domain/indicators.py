"""Indicators aggregated as the plan defines them (sum, mean, or a ratio of two indicators),
each beside the earlier period it may fairly be compared with.

How an indicator adds up over time decides that period (``Indicator.time_kind``): a flow
counted within the period or a ratio of flows compares with the same period last year, else
with the period of the same length just before; a count cumulated since 1 January only with
the same period last year; a stock (a level at the cut-off) with the latest earlier report.
Never a year with nine months.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plantrack.models import Report
from plantrack.models.period import Period
from plantrack.models.plan import Indicator


@dataclass
class IndicatorRow:
    """One indicator: each unit's value, totals by unit kind and overall, and the previous total."""

    id: str
    name: str
    unit: str
    aggregate: str
    values: dict[str, float | None] = field(default_factory=dict)
    by_kind: dict[str, float | None] = field(default_factory=dict)
    total: float | None = None
    previous_total: float | None = None
    # how the indicator adds up over time: flow, cumulative, stock or ratio
    over_time: str = "flow"
    # the earlier period ``previous_total`` is of (like with like), or ``None``
    previous_period: str | None = None

    @property
    def change(self) -> float | None:
        """Total minus the previous period's total."""
        if self.total is None or self.previous_total is None:
            return None
        return round(self.total - self.previous_total, 2)


def _values(reports: Iterable[Report], indicator_id: str) -> list[float]:
    return [v for r in reports if (v := r.indicators.get(indicator_id)) is not None]


def aggregate(indicator: Indicator, reports: list[Report]) -> float | None:
    """The indicator over ``reports``: a sum, a mean, or sum(numerator) ÷ sum(denominator)."""
    if indicator.aggregate == "ratio":
        if indicator.numerator is None or indicator.denominator is None:
            return None
        num = sum(_values(reports, indicator.numerator))
        den = sum(_values(reports, indicator.denominator))
        if not den:
            return None
        return _finite(round(num / den * (100 if indicator.percent else 1), 2))
    values = _values(reports, indicator.id)
    if not values:
        return None
    total = sum(values) if indicator.aggregate == "sum" else sum(values) / len(values)
    return _finite(round(total, 2))


def _finite(value: float) -> float | None:
    """``None`` for a result no output can show (a ratio over a vanishing denominator)."""
    return value if math.isfinite(value) else None


def comparison_period(period: Period, over_time: str, earlier: Mapping[str, Period]) -> str | None:
    """The earlier period (among ``earlier``, by id) that ``period`` compares with for an
    indicator adding up over time as ``over_time``; ``None`` when there is none like it."""
    if over_time == "stock":
        return max(earlier, key=lambda pid: earlier[pid].cutoff, default=None)
    last_year = f"{period.year - 1}-{period.kind}"
    if last_year in earlier:
        return last_year
    if over_time == "cumulative":
        return None
    length = period.cutoff - period.start
    for pid, other in sorted(earlier.items()):
        adjacent = other.cutoff + dt.timedelta(days=1) == period.start
        if adjacent and abs((other.cutoff - other.start) - length) <= dt.timedelta(days=3):
            return pid
    return None


def indicator_rows(
    indicators: list[Indicator],
    reports: list[Report],
    history: Mapping[str, list[Report]],
    kinds: Mapping[str, str],
    period: Period,
    periods: Mapping[str, Period],
) -> list[IndicatorRow]:
    """A row per indicator, each beside its comparison period; ``history`` holds the
    earlier periods' reports, ``periods`` their dates, ``kinds`` each unit's kind."""
    rows = []
    kind_names = sorted({kinds.get(r.unit, "") for r in reports})
    for ind in indicators:
        row = IndicatorRow(ind.id, ind.name, ind.unit, ind.aggregate, over_time=ind.time_kind)
        for report in sorted(reports, key=lambda r: r.unit):
            value = aggregate(ind, [report])
            if value is not None:
                row.values[report.unit] = value
        for kind in kind_names:
            row.by_kind[kind] = aggregate(ind, [r for r in reports if kinds.get(r.unit) == kind])
        row.total = aggregate(ind, reports)
        row.previous_period = comparison_period(period, ind.time_kind, periods)
        if row.previous_period is not None:
            row.previous_total = aggregate(ind, history[row.previous_period])
        rows.append(row)
    return rows
