"""Index scores: baseline and latest per component, the change, the weakest components, and
how the tasks serving each component are doing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plantrack.domain.status import Counts
from plantrack.models import Index
from plantrack.models.index import Observation


@dataclass
class ComponentRow:
    """One top-level component (a dimension, a factor) of an index."""

    ref: str
    code: str
    name: str
    scale_min: float | None
    scale_max: float | None
    baseline: float | None
    latest: float | None
    counts: Counts = field(default_factory=Counts)
    task_ids: list[str] = field(default_factory=list)
    # Baseline and latest come from one observation: there is no change to show.
    single_observation: bool = False
    # decimals the index is published with (``None``: as entered); scores and changes are
    # shown with exactly this many
    decimals: int | None = None

    @property
    def change(self) -> float | None:
        """Latest minus baseline (``None`` with a single observation)."""
        if self.single_observation or self.baseline is None or self.latest is None:
            return None
        return round(self.latest - self.baseline, 4 if self.decimals is None else self.decimals)

    @property
    def relative(self) -> float | None:
        """Where the latest score sits on its scale, 0 to 1 (for finding the weakest)."""
        if (
            self.latest is None
            or self.scale_min is None
            or self.scale_max in (None, self.scale_min)
        ):
            return None
        assert self.scale_max is not None
        return (self.latest - self.scale_min) / (self.scale_max - self.scale_min)


@dataclass
class IndexRow:
    """An index with its baseline and latest observations."""

    id: str
    name: str
    unit: str
    scope: str | None
    baseline: Observation | None
    latest: Observation | None
    components: list[ComponentRow]
    weakest: list[str]
    # decimals the index is published with (e.g. 4 for a 1–10 score, 2 for a percentage;
    # ``None``: as entered): show scores and changes with exactly this many
    decimals: int | None = None
    # observations left out because they were published after the cut-off (year list)
    published_later: list[int] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        """Latest total minus baseline total."""
        if self.baseline is None or self.latest is None or self.baseline is self.latest:
            return None
        if self.baseline.total is None or self.latest.total is None:
            return None
        places = 4 if self.decimals is None else self.decimals
        return round(self.latest.total - self.baseline.total, places)

    @property
    def two_years(self) -> bool:
        """Baseline and latest are observations of two different years."""
        return bool(self.baseline and self.latest and self.baseline.year != self.latest.year)

    @property
    def rising(self) -> list[ComponentRow]:
        """Components whose score rose from the baseline, in component order."""
        return [c for c in self.components if c.change is not None and c.change > 0]

    @property
    def falling(self) -> list[ComponentRow]:
        """Components whose score fell from the baseline, in component order."""
        return [c for c in self.components if c.change is not None and c.change < 0]

    @property
    def weakest_components(self) -> list[ComponentRow]:
        """The weakest components, weakest first."""
        by_ref = {c.ref: c for c in self.components}
        return [by_ref[ref] for ref in self.weakest if ref in by_ref]


def index_row(
    index: Index,
    component_counts: dict[str, Counts],
    component_tasks: dict[str, list[str]],
    weakest_count: int = 3,
    known_on: dt.date | None = None,
) -> IndexRow:
    """Summarise ``index``; counts and task ids are keyed by ``INDEX.CODE``. Only the
    observations published on or before ``known_on`` are used (one with no publication
    date counts as published)."""
    known = [o for o in index.observations if _published_by(o, known_on)]
    observations = sorted(known, key=lambda o: o.year)
    baseline = observations[0] if observations else None
    latest = observations[-1] if observations else None
    rows = []
    for comp in index.components:
        ref = f"{index.id}.{comp.code}"
        scale = comp.scale
        rows.append(
            ComponentRow(
                ref=ref,
                code=comp.code,
                name=comp.name,
                scale_min=scale.min if scale else None,
                scale_max=scale.max if scale else None,
                baseline=baseline.scores.get(comp.code) if baseline else None,
                latest=latest.scores.get(comp.code) if latest else None,
                counts=component_counts.get(ref, Counts()),
                task_ids=component_tasks.get(ref, []),
                single_observation=len(observations) == 1,
                decimals=index.decimals,
            )
        )
    ranked = sorted((r for r in rows if r.relative is not None), key=lambda r: r.relative or 0.0)
    return IndexRow(
        id=index.id,
        name=index.name,
        unit=index.scale.unit,
        scope=latest.scope if latest else None,
        baseline=baseline,
        latest=latest,
        components=rows,
        weakest=[r.ref for r in ranked[:weakest_count]],
        decimals=index.decimals,
        published_later=sorted(o.year for o in index.observations if o not in known),
    )


def _published_by(observation: Observation, day: dt.date | None) -> bool:
    return day is None or observation.published is None or observation.published <= day


def top_component(ref: str) -> str:
    """``PCI.D2.3`` → ``PCI.D2``: sub-dimensions count toward their dimension."""
    index_id, _, code = ref.partition(".")
    return f"{index_id}.{code.split('.')[0]}"
