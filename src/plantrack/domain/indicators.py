"""Indicators aggregated as the plan defines them: sum, mean, or a ratio of two indicators."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plantrack.models import Report
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
        return round(num / den * (100 if indicator.percent else 1), 2)
    values = _values(reports, indicator.id)
    if not values:
        return None
    total = sum(values) if indicator.aggregate == "sum" else sum(values) / len(values)
    return round(total, 2)


def indicator_rows(
    indicators: list[Indicator],
    reports: list[Report],
    previous: list[Report],
    kinds: Mapping[str, str],
) -> list[IndicatorRow]:
    """A row per indicator; ``kinds`` maps each unit id to its kind."""
    rows = []
    kind_names = sorted({kinds.get(r.unit, "") for r in reports})
    for ind in indicators:
        row = IndicatorRow(ind.id, ind.name, ind.unit, ind.aggregate)
        for report in sorted(reports, key=lambda r: r.unit):
            value = aggregate(ind, [report])
            if value is not None:
                row.values[report.unit] = value
        for kind in kind_names:
            row.by_kind[kind] = aggregate(ind, [r for r in reports if kinds.get(r.unit) == kind])
        row.total = aggregate(ind, reports)
        row.previous_total = aggregate(ind, previous) if previous else None
        rows.append(row)
    return rows
