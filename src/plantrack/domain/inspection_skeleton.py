"""What ``inspection new`` proposes: the next free id of a year, the kind, the lead unit and
the units alive on the day (pure; the YAML text is made in ``render``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.validate.context import Context

PREFIX = "kt"


@dataclass(frozen=True)
class InspectionSkeleton:
    """A new inspection file's content before it is written."""

    id: str
    year: int
    kind: str
    lead: str
    lead_name: str
    units: list[tuple[str, str]]  # (id, name) of every unit alive on ``day``
    day: dt.date


def next_id(existing: Iterable[str], year: int) -> str:
    """``kt-<year>-NN``: one more than the highest number of that year already used."""
    pattern = re.compile(rf"^{PREFIX}-{year}-(\d+)$")
    numbers = [int(m.group(1)) for i in existing if (m := pattern.match(i))]
    return f"{PREFIX}-{year}-{max(numbers, default=0) + 1:02d}"


def skeleton(
    ctx: Context, existing: Iterable[str], day: dt.date, kind: str = "dot-xuat"
) -> InspectionSkeleton:
    """The skeleton of an inspection decided on ``day``, led by the plan's consolidator."""
    lead = ctx.plan.reporting.consolidator
    units = sorted((u.id, u.name) for u in ctx.units.values() if u.alive_on(day))
    return InspectionSkeleton(
        next_id(existing, day.year), day.year, kind, lead, ctx.unit_name(lead), units, day
    )
