"""The year's emulation scoring as the annual consolidated report states it: a plain record
the consolidation view-model carries (``domain.emulation.summarize`` fills it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterSummary:
    """A cluster in one line of the annual report: size, grades, the units ranked first."""

    name: str
    units: int
    bands: tuple[tuple[str, int], ...]
    leaders: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class EmulationSummary:
    """What the annual consolidated report says of the year's emulation scoring."""

    year: int
    title: str
    illustrative: bool
    clusters: tuple[ClusterSummary, ...]
    unranked: int
    assessed: int
