"""Rules for inspection files and for the fixes units report, across files (codes PT5xx).

An inspection names units, plan tasks and index components; its findings carry deadlines,
fixes and re-inspections; a unit's periodic report names finding ids in ``fixes:``. These
rules check each against the plan, the units, the other inspections and the calendar.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plantrack.io.limits import Limits
from plantrack.io.repo import DataFile
from plantrack.validate.context import Context, FindingRef
from plantrack.validate.finding import Finding as Issue
from plantrack.validate.loading import load_model
from plantrack.validate.located import Located
from plantrack.validate.suggest import suggestion

if TYPE_CHECKING:  # the models load with the first inspection file: most checks have none
    from plantrack.models.inspection import Finding, Inspection, Recheck

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LoadedInspection:
    """An inspection that loaded, where it came from, and its file."""

    inspection: Inspection
    where: Located
    file: DataFile


def finding_index(loaded: Sequence[LoadedInspection]) -> dict[str, FindingRef]:
    """Finding id → the first inspection that records it."""
    out: dict[str, FindingRef] = {}
    for item in loaded:
        for finding in item.inspection.findings:
            out.setdefault(finding.id, FindingRef(item.inspection, finding, item.file.rel))
    return out


def first_day(inspection: Inspection) -> dt.date | None:
    """The inspection's first date: the decision establishing the team, else the first visit."""
    if inspection.decision is not None and inspection.decision.date is not None:
        return inspection.decision.date
    return min((v.date for v in inspection.visits), default=None)


def found_day(inspection: Inspection, unit_id: str) -> dt.date | None:
    """When a finding at ``unit_id`` became known: the first visit to the unit, else the
    conclusion notice, else the decision establishing the team."""
    days = [v.date for v in inspection.visits if v.unit == unit_id]
    if days:
        return min(days)
    for doc in (inspection.conclusion, inspection.decision):
        if doc is not None and doc.date is not None:
            return doc.date
    return None


def check_inspections(
    ctx: Context,
    loaded: Sequence[LoadedInspection],
    today: dt.date,
    reported_ids: Set[str] = frozenset(),
) -> list[Issue]:
    """Every rule of every inspection file, including those across inspections;
    ``reported_ids`` are the finding ids units name in the ``fixes:`` of their reports."""
    out: list[Issue] = []
    by_id: dict[str, LoadedInspection] = {}
    seen_findings: dict[str, str] = {}
    for item in loaded:
        insp, where = item.inspection, item.where
        if insp.id in by_id:
            out.append(where.at("PT511", ("id",), id=insp.id, first=by_id[insp.id].file.rel))
        else:
            by_id[insp.id] = item
        out += _path_rules(item)
        out += _reference_rules(ctx, insp, where)
        out += _visit_rules(ctx, insp, where, today)
        for index, finding in enumerate(insp.findings):
            path: Path = ("findings", index)
            if finding.id in seen_findings:
                out.append(
                    where.at("PT505", (*path, "id"), id=finding.id, first=seen_findings[finding.id])
                )
            else:
                seen_findings[finding.id] = item.file.rel
            out += _finding_rules(ctx, insp, finding, where, path, today, reported_ids)
    for item in loaded:
        out += _recheck_rules(ctx, item, by_id)
    return out


def _path_rules(item: LoadedInspection) -> list[Issue]:
    out = []
    insp, where = item.inspection, item.where
    if insp.id != item.file.stem:
        out.append(where.at("PT219", ("id",), name=item.file.path.name, id=insp.id))
    day = first_day(insp)
    if day is not None and item.file.folder != str(day.year):
        out.append(where.at("PT501", ("id",), folder=item.file.folder, year=day.year))
    return out


def _unknown_unit(ctx: Context, unit_id: str, where: Located, path: Path) -> list[Issue]:
    if unit_id in ctx.units or unit_id in ctx.unreadable_units:
        return []
    return [where.at("PT201", path, id=unit_id, **suggestion(unit_id, ctx.units))]


def _reference_rules(ctx: Context, insp: Inspection, where: Located) -> list[Issue]:
    out = _unknown_unit(ctx, insp.lead, where, ("lead",))
    for index, member in enumerate(insp.members):
        if member.unit is not None:
            out += _unknown_unit(ctx, member.unit, where, ("members", index, "unit"))
    for index, finding in enumerate(insp.findings):
        path: Path = ("findings", index)
        out += _unknown_unit(ctx, finding.unit, where, (*path, "unit"))
        if finding.task is not None and finding.task not in ctx.tasks:
            out.append(
                where.at(
                    "PT202", (*path, "task"), id=finding.task, **suggestion(finding.task, ctx.tasks)
                )
            )
        if (
            finding.component is not None
            and ctx.indices
            and finding.component not in ctx.components
        ):
            index_id = finding.component.split(".")[0].lower()
            if index_id not in ctx.unreadable_indices:
                out.append(where.at("PT204", (*path, "component"), id=finding.component))
    return out


def _visit_rules(ctx: Context, insp: Inspection, where: Located, today: dt.date) -> list[Issue]:
    out = []
    for index, visit in enumerate(insp.visits):
        path: Path = ("visits", index)
        out += _unknown_unit(ctx, visit.unit, where, (*path, "unit"))
        unit = ctx.units.get(visit.unit)
        if unit is not None and not unit.alive_on(visit.date):
            start = unit.valid_from.isoformat() if unit.valid_from else "…"
            end = unit.valid_until.isoformat() if unit.valid_until else "…"
            out.append(
                where.at(
                    "PT502",
                    (*path, "date"),
                    date=visit.date,
                    unit=unit.id,
                    valid=f"từ {start} đến {end}",
                    valid_en=f"from {start} to {end}",
                    successors=", ".join(unit.successors) or "—",
                )
            )
        if visit.date > today:
            out.append(_future(where, (*path, "date"), visit.date, today, "ngày kiểm tra", "visit"))
    return out


def _future(
    where: Located, path: Path, day: dt.date, today: dt.date, what: str, what_en: str
) -> Issue:
    return where.at("PT512", path, date=day, today=today, what=what, what_en=what_en)


def _finding_rules(
    ctx: Context,
    insp: Inspection,
    finding: Finding,
    where: Located,
    path: Path,
    today: dt.date,
    reported_ids: Set[str],
) -> list[Issue]:
    out: list[Issue] = []
    visited = {v.unit for v in insp.visits}
    if visited and finding.unit not in visited:
        out.append(where.at("PT509", (*path, "unit"), finding=finding.id, unit=finding.unit))
    found = found_day(insp, finding.unit)
    if found is not None and finding.fix_by < found:
        out.append(
            where.at(
                "PT510", (*path, "fix_by"), fix_by=finding.fix_by, finding=finding.id, found=found
            )
        )
    for index, fix in enumerate(finding.fixes):
        fix_path: Path = (*path, "fixes", index, "date")
        if found is not None and fix.date < found:
            out.append(where.at("PT503", fix_path, finding=finding.id, found=found, date=fix.date))
        if fix.date > today:
            out.append(_future(where, fix_path, fix.date, today, "ngày khắc phục", "fix"))
    for index, recheck in enumerate(finding.rechecks):
        out += _recheck_dates(finding, recheck, where, (*path, "rechecks", index), today)
    out += _gone_rule(ctx, finding, where, path, today, reported_ids)
    return out


def _recheck_dates(
    finding: Finding, recheck: Recheck, where: Located, path: Path, today: dt.date
) -> list[Issue]:
    out = []
    if recheck.date > today:
        out.append(
            _future(where, (*path, "date"), recheck.date, today, "ngày phúc tra", "re-inspection")
        )
    problem: tuple[str, str] | None = None
    if recheck.new_fix_by is not None and recheck.result == "dat":
        problem = (" nhưng kết quả là đạt", " but the result is dat")
    elif recheck.new_fix_by is not None and recheck.new_fix_by <= recheck.date:
        problem = (" không sau ngày phúc tra", " not after the re-inspection")
    if problem is not None:
        params = {"date": recheck.date, "finding": finding.id, "new_fix_by": recheck.new_fix_by}
        out.append(_bilingual(where, "PT513", (*path, "new_fix_by"), "problem", problem, params))
    return out


def _bilingual(
    where: Located,
    code: str,
    path: Path,
    name: str,
    words: tuple[str, str],
    params: Mapping[str, Any],
) -> Issue:
    """``code`` with a parameter ``name`` given in Vietnamese and English (``name_en``)."""
    return where.at(code, path, **{**params, name: words[0], f"{name}_en": words[1]})


def _gone_rule(
    ctx: Context,
    finding: Finding,
    where: Located,
    path: Path,
    today: dt.date,
    reported_ids: Set[str],
) -> list[Issue]:
    """A finding nobody answers for any more: its unit is gone, no successor is alive, and
    nothing in the record says it was fixed."""
    unit = ctx.units.get(finding.unit)
    if unit is None or unit.alive_on(today) or ctx.heirs(unit.id, today):
        return []
    failed_last = (
        bool(finding.rechecks) and max(finding.rechecks, key=lambda r: r.date).result == "chua-dat"
    )
    recorded = bool(finding.fixes) or any(r.result == "dat" for r in finding.rechecks)
    reported = finding.id in reported_ids
    if (recorded or reported) and not failed_last:
        return []
    return [
        where.at("PT507", (*path, "unit"), unit=unit.id, until=unit.valid_until, finding=finding.id)
    ]


def _recheck_rules(
    ctx: Context, item: LoadedInspection, by_id: dict[str, LoadedInspection]
) -> list[Issue]:
    out = []
    for f_index, finding in enumerate(item.inspection.findings):
        for index, recheck in enumerate(finding.rechecks):
            other = by_id.get(recheck.inspection)
            if other is None:
                reason = (
                    "không có cuộc kiểm tra này trong data/inspections",
                    "there is no such inspection in data/inspections",
                )
            elif not _visited(ctx, other.inspection, finding.unit):
                reason = (
                    f"cuộc này không đến đơn vị '{finding.unit}'",
                    f"it did not visit unit '{finding.unit}'",
                )
            else:
                continue
            params = {"finding": finding.id, "inspection": recheck.inspection, "unit": finding.unit}
            path: Path = ("findings", f_index, "rechecks", index, "inspection")
            out.append(_bilingual(item.where, "PT504", path, "reason", reason, params))
    return out


def _visited(ctx: Context, inspection: Inspection, unit_id: str) -> bool:
    """Whether ``inspection`` visited the unit or a unit that took over from it."""
    takers = {unit_id, *successors_of(ctx, unit_id)}
    return any(visit.unit in takers for visit in inspection.visits)


def successors_of(ctx: Context, unit_id: str) -> set[str]:
    """Every unit that takes over from ``unit_id``, directly or further down the line."""
    out: set[str] = set()
    todo = list(ctx.units[unit_id].successors) if unit_id in ctx.units else []
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.add(current)
        if current in ctx.units:
            todo.extend(ctx.units[current].successors)
    return out


def load_inspections(
    root: pathlib.Path, files: list[DataFile], limits: Limits
) -> tuple[list[LoadedInspection], list[Issue]]:
    """Every inspection file that loads, and the findings of reading them."""
    loaded: list[LoadedInspection] = []
    findings: list[Issue] = []
    for file in files:
        if file.kind == "inspection":
            from plantrack.models.inspection import Inspection

            inspection, where, found = load_model(root, file, Inspection, limits)
            findings += found
            if inspection is not None:
                loaded.append(LoadedInspection(inspection, where, file))
    return loaded, findings


def needs_reported_fixes(ctx: Context, loaded: Sequence[LoadedInspection], today: dt.date) -> bool:
    """Whether some finding's unit is gone with no successor (only then do the fixes units
    reported matter to these rules)."""
    for item in loaded:
        for finding in item.inspection.findings:
            unit = ctx.units.get(finding.unit)
            if unit is not None and not unit.alive_on(today) and not ctx.heirs(unit.id, today):
                return True
    return False
