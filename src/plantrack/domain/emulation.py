"""Emulation scores for one year (pure: the facts are read at a cut-off given by the caller).

Per unit and criterion: the verified points (computed from the data by the criterion's rule
and schedule, or for a manual criterion its base plus the bonus and penalty points the
office verified), the unit's own score when it gave one, and the difference. The total
decides the band; units are ranked within their cluster, a tie broken by the criteria the
scheme names in order, a tie that remains sharing the rank (1, 1, 3). Units the scheme
leaves unranked are scored for information only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from plantrack.domain.emulation_facts import UnitFacts
from plantrack.domain.emulation_points import Computed, compute, dec, quantum
from plantrack.domain.emulation_summary import ClusterSummary, EmulationSummary
from plantrack.models.emulation import (
    Adjustment,
    Band,
    Criterion,
    Scheme,
    SelfAssessment,
    SelfScore,
    Verified,
)
from plantrack.validate.context import Context
from plantrack.validate.rules_emulation import alive_in, selects


@dataclass(frozen=True)
class CriterionScore:
    """One criterion of one unit: verified points, own points, difference, sources."""

    criterion: Criterion
    verified: Decimal
    own: Decimal | None = None
    computed: Computed | None = None
    adjustments: tuple[Verified, ...] = ()
    claimed: tuple[Adjustment, ...] = ()
    note: str | None = None

    @property
    def difference(self) -> Decimal | None:
        """Own score less verified score (positive: the unit scored itself higher)."""
        return None if self.own is None else self.own - self.verified


@dataclass
class UnitScore:
    """A unit's scoring table (bảng chấm điểm) for the year."""

    unit_id: str
    name: str
    short: str
    kind: str
    criteria: list[CriterionScore]
    total: Decimal
    own_total: Decimal | None
    band: Band | None
    cluster: str | None = None
    unranked: str | None = None
    rank: int | None = None
    tied: bool = False
    assessed: bool = False
    submitted: dt.date | None = None

    def points(self, criterion_id: str) -> Decimal:
        """The verified points of one criterion."""
        return next(c.verified for c in self.criteria if c.criterion.id == criterion_id)


@dataclass
class ClusterRanking:
    """A cluster's units in rank order (bảng tổng hợp kết quả chấm điểm)."""

    id: str
    name: str
    units: list[UnitScore] = field(default_factory=list)
    # (band name, how many units of the cluster have it), in the scheme's band order
    bands: list[tuple[str, int]] = field(default_factory=list)
    # units that gave their own score
    assessed: int = 0


@dataclass
class EmulationResult:
    """Everything the emulation outputs say, for one year at one cut-off."""

    scheme: Scheme
    as_of: dt.date
    clusters: list[ClusterRanking]
    unranked: list[UnitScore]

    @property
    def units(self) -> list[UnitScore]:
        """Every scored unit: ranked by cluster, then the unranked."""
        return [u for c in self.clusters for u in c.units] + self.unranked

    def unit(self, unit_id: str) -> UnitScore | None:
        """The score of ``unit_id``, if it was scored."""
        return next((u for u in self.units if u.unit_id == unit_id), None)


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(quantum(decimals), ROUND_HALF_UP)


def _clamp(value: Decimal, top: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), top)


def criterion_score(
    scheme: Scheme,
    criterion: Criterion,
    facts: UnitFacts,
    own: SelfScore | None,
) -> CriterionScore:
    """One criterion of one unit, verified and self-assessed."""
    top = dec(criterion.max)
    claimed = tuple(own.adjustments) if own is not None else ()
    own_points = dec(own.points) if own is not None and own.points is not None else None
    if criterion.rule == "manual":
        base = dec(criterion.base)
        adjustments = tuple(
            v for v in scheme.verified if v.unit == facts.unit_id and v.criterion == criterion.id
        )
        verified = _clamp(base + sum((dec(a.points) for a in adjustments), Decimal(0)), top)
        if own_points is None and claimed:
            own_points = _clamp(base + sum((dec(a.points) for a in claimed), Decimal(0)), top)
        return CriterionScore(
            criterion,
            _round(verified, scheme.decimals),
            own_points,
            None,
            adjustments,
            claimed,
            own.note if own else None,
        )
    computed = compute(criterion, facts, scheme.decimals)
    note = own.note if own else None
    return CriterionScore(criterion, computed.points, own_points, computed, (), claimed, note)


def band_counts(scheme: Scheme, units: Sequence[UnitScore]) -> list[tuple[str, int]]:
    """Each band of the scheme with the number of ``units`` graded in it (zero included)."""
    ordered = sorted(scheme.bands, key=lambda b: b.at_least, reverse=True)
    return [
        (b.name, sum(1 for u in units if u.band is not None and u.band.id == b.id)) for b in ordered
    ]


def band_of(scheme: Scheme, total: Decimal) -> Band | None:
    """The highest band whose threshold ``total`` reaches."""
    for band in sorted(scheme.bands, key=lambda b: b.at_least, reverse=True):
        if total >= dec(band.at_least):
            return band
    return None


def unit_score(
    ctx: Context, scheme: Scheme, facts: UnitFacts, sheet: SelfAssessment | None
) -> UnitScore:
    """The scoring table of one unit."""
    own = {s.criterion: s for s in sheet.scores} if sheet is not None else {}
    rows = [criterion_score(scheme, c, facts, own.get(c.id)) for c in scheme.criteria]
    total = sum((r.verified for r in rows), Decimal(0))
    owns = [r.own for r in rows if r.own is not None]
    unit = ctx.units[facts.unit_id]
    return UnitScore(
        unit_id=unit.id,
        name=unit.name,
        short=unit.short or unit.name,
        kind=unit.kind,
        criteria=rows,
        total=total,
        own_total=sum(owns, Decimal(0)) if owns else None,
        band=band_of(scheme, total),
        assessed=sheet is not None,
        submitted=sheet.submitted if sheet is not None else None,
    )


def rank(units: list[UnitScore], tie_break: Sequence[str]) -> list[UnitScore]:
    """``units`` in rank order with ``rank`` and ``tied`` set: by total, then the
    ``tie_break`` criteria in order; equal keys share a rank (1, 1, 3)."""

    def key(u: UnitScore) -> tuple[Decimal, ...]:
        return (u.total, *(u.points(c) for c in tie_break))

    ordered = sorted(units, key=lambda u: (tuple(-k for k in key(u)), u.name, u.unit_id))
    for unit in ordered:
        mine = key(unit)
        unit.rank = 1 + sum(1 for other in ordered if key(other) > mine)
        unit.tied = sum(1 for other in ordered if key(other) == mine) > 1
    return ordered


def score_year(
    ctx: Context,
    scheme: Scheme,
    facts: Mapping[str, UnitFacts],
    sheets: Mapping[str, SelfAssessment],
    as_of: dt.date,
) -> EmulationResult:
    """Every unit alive in the scheme's year, scored, ranked within its cluster."""
    clusters = [ClusterRanking(c.id, c.name) for c in scheme.clusters]
    unranked: list[UnitScore] = []
    for unit_id in sorted(facts):
        unit = ctx.units[unit_id]
        if not alive_in(unit, scheme.year):
            continue
        score = unit_score(ctx, scheme, facts[unit_id], sheets.get(unit_id))
        home = next((c for c in scheme.clusters if selects(c, unit)), None)
        if home is not None:
            score.cluster = home.id
            next(r for r in clusters if r.id == home.id).units.append(score)
            continue
        reason = next((u.reason for u in scheme.unranked if selects(u, unit)), None)
        score.unranked = reason
        unranked.append(score)
    for ranking in clusters:
        ranking.units = rank(ranking.units, scheme.tie_break)
        ranking.bands = band_counts(scheme, ranking.units)
        ranking.assessed = sum(u.assessed for u in ranking.units)
    unranked.sort(key=lambda u: (u.name, u.unit_id))
    return EmulationResult(scheme, as_of, clusters, unranked)


def summarize(result: EmulationResult) -> EmulationSummary:
    """The paragraph's figures from the year's scores."""
    clusters = tuple(
        ClusterSummary(
            c.name,
            len(c.units),
            tuple((name, n) for name, n in c.bands if n),
            tuple((u.name, float(u.total)) for u in c.units if u.rank == 1),
        )
        for c in result.clusters
    )
    assessed = sum(u.assessed for u in result.units)
    scheme = result.scheme
    return EmulationSummary(
        scheme.year, scheme.title, scheme.illustrative, clusters, len(result.unranked), assessed
    )
