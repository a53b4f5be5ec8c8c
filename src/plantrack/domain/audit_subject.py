"""What a file an audit finding is about is, in the names a clerk knows: a unit's report for a
period, a unit's own file, the plan, an inspection by its conclusion notice (else the decision
establishing its team, else its title), a consolidation record."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from plantrack import layout
from plantrack.domain.audit_finding import AuditFinding, Subject
from plantrack.models import Unit
from plantrack.models.inspection import Inspection
from plantrack.models.period import Period
from plantrack.validate.context import FindingRef


def named_findings(
    found: list[AuditFinding],
    units: Mapping[str, Unit],
    periods: Callable[[str], Period | None],
    refs: Mapping[str, FindingRef],
) -> list[AuditFinding]:
    """``found`` in the order of the history, each naming the file it is about in words."""
    found.sort(key=lambda f: (f.seq, f.file, f.finding.code))
    files = {r.inspection.id: r.inspection for r in refs.values()}
    return [
        dataclasses.replace(f, subject=subject_of(f.file, units, periods, files)) for f in found
    ]


def subject_of(
    path: str,
    units: Mapping[str, Unit],
    periods: Callable[[str], Period | None],
    inspections: Mapping[str, Inspection] | None = None,
) -> Subject:
    """What the file at ``path`` is, in names: a unit's report for a period, a unit's own
    file, the plan, an inspection (by its conclusion notice, else the decision establishing
    its team, when ``inspections`` has it) or a consolidation record (else just ``other``)."""
    kind = (layout.classify(path) if path else None) or "other"
    if layout.is_consolidation(path):
        period = periods(_stem(path))
        title = period.phrase if period else None
        return Subject("consolidation", period_id=_stem(path), period_title=title)
    if layout.is_self_assessment(path):
        unit_id = _stem(path)
        year = path.split("/")[2]
        return Subject("self-assessment", unit_id, _unit_name(unit_id, units), name=year)
    if kind == "report":
        unit_id, period_id = _stem(path), path.split("/")[2]
        period = periods(period_id)
        return Subject(
            "report",
            unit_id,
            _unit_name(unit_id, units),
            period_id,
            period.phrase if period else period_id,
        )
    if kind == "unit":
        unit_id = _stem(path)
        return Subject("unit", unit_id, _unit_name(unit_id, units))
    if kind == "inspection":
        return _inspection_subject(_stem(path), (inspections or {}).get(_stem(path)))
    if kind in ("plan", "index"):
        return Subject(kind, name=_stem(path))
    return Subject("other", name=path or None)


def _inspection_subject(inspection_id: str, inspection: Inspection | None) -> Subject:
    """An inspection file named by the document the office knows it by: its conclusion
    notice, else the decision establishing its team (number and date)."""
    if inspection is None:
        return Subject("inspection", name=inspection_id)
    for kind, doc in (("conclusion", inspection.conclusion), ("decision", inspection.decision)):
        if doc is not None and doc.number:
            return Subject(
                "inspection", name=inspection_id, doc=kind, doc_number=doc.number, doc_date=doc.date
            )
    return Subject("inspection", name=inspection_id, doc="title", doc_number=inspection.title)


def _unit_name(unit_id: str, units: Mapping[str, Unit]) -> str:
    unit = units.get(unit_id)
    return unit.name if unit is not None else unit_id


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".yaml")
