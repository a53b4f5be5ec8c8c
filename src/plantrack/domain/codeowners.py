"""Who owns which file on a git forge, independent of any forge's file format (pure).

The maintainers (``reporting.maintainers``) and the consolidating unit's ``owners`` own
everything; each unit's ``owners`` (else its ``authors``) own its reports and its emulation
self-assessments (``data/emulation/<year>/<unit>.yaml``), together with the
owners of everything, since on GitHub and GitLab the last matching rule wins. Each owner
keeps where it was written, so that one a forge cannot express is a located finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plantrack import layout
from plantrack.models import Plan, Unit


@dataclass(frozen=True)
class OwnerRef:
    """One owner as written: the value, the file and the key it came from."""

    value: str
    file: str
    key: str


@dataclass(frozen=True)
class OwnerRule:
    """The owners of every file (``unit`` None) or of one unit's reports."""

    unit: str | None
    owners: tuple[OwnerRef, ...]


def ownership(plan: Plan, units: Mapping[str, Unit]) -> list[OwnerRule]:
    """The rule for every file, then one rule per unit in id order."""
    everyone = [
        OwnerRef(email, layout.PLAN, f"reporting.maintainers[{i}]")
        for i, email in enumerate(plan.reporting.maintainers)
    ]
    office = units.get(plan.reporting.consolidator)
    if office is not None:
        everyone += _refs(office, "owners", list(office.owners))
    rules = [OwnerRule(None, _unique(everyone))]
    for unit_id in sorted(units):
        unit = units[unit_id]
        own = _refs(unit, "owners", list(unit.owners)) or _refs(unit, "authors", unit.authors)
        rules.append(OwnerRule(unit_id, _unique([*own, *everyone])))
    return rules


def _refs(unit: Unit, field: str, values: list[str]) -> list[OwnerRef]:
    return [
        OwnerRef(value, layout.unit(unit.id), f"{field}[{i}]") for i, value in enumerate(values)
    ]


def _unique(refs: list[OwnerRef]) -> tuple[OwnerRef, ...]:
    """Each owner once (emails and names compare case-insensitively), first mention kept."""
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.value.lower() not in seen:
            seen.add(ref.value.lower())
            out.append(ref)
    return tuple(out)
