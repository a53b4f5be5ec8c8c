"""Rules of the emulation scheme and the units' self-assessments (codes PT6xx).

A scheme's criteria add up to its total, its schedules fit their rules, every unit alive in
the year sits in exactly one cluster (or is listed as unranked), and every manual point has
a reason and an evidence document; a self-assessment names its own unit and year, known
criteria, and points within each criterion's maximum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from plantrack.io.repo import DataFile
from plantrack.models.emulation import (
    RULE_EVENTS,
    Adjustment,
    Criterion,
    Scheme,
    Selector,
    SelfAssessment,
)
from plantrack.models.unit import Unit
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.suggest import suggestion

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LoadedSelf:
    """A self-assessment that loaded, where it came from, and its file."""

    sheet: SelfAssessment
    where: Located
    file: DataFile


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of ``year``."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def alive_in(unit: Unit, year: int) -> bool:
    """Whether ``unit`` exists on some day of ``year``."""
    return unit.alive_between(*year_span(year))


def selects(selector: Selector, unit: Unit) -> bool:
    """Whether ``selector`` picks ``unit``: listed by id, or of a listed kind and of the
    given authority (when one is given), and not excluded."""
    if unit.id in selector.exclude:
        return False
    if unit.id in selector.units:
        return True
    kind_ok = unit.kind in selector.kinds
    authority_ok = selector.authority is None or unit.authority == selector.authority
    return (kind_ok or (not selector.kinds and selector.authority is not None)) and authority_ok


def placements(scheme: Scheme, units: Iterable[Unit]) -> dict[str, list[str]]:
    """Unit id → the clusters (ids) and unranked entries (``unranked:N``) that pick it,
    for the units alive in the scheme's year."""
    out: dict[str, list[str]] = {}
    for unit in units:
        if not alive_in(unit, scheme.year):
            continue
        places = [c.id for c in scheme.clusters if selects(c, unit)]
        places += [f"unranked:{i}" for i, u in enumerate(scheme.unranked) if selects(u, unit)]
        out[unit.id] = places
    return out


def check_scheme(ctx: Context, scheme: Scheme, where: Located) -> list[Finding]:
    """Every rule of one year's scheme against the plan and the units."""
    out = _total_rule(scheme, where)
    ids = {c.id for c in scheme.criteria}
    for index, criterion in enumerate(scheme.criteria):
        out += _schedule_rules(ctx, criterion, where, ("criteria", index))
    for index, crit_id in enumerate(scheme.tie_break):
        if crit_id not in ids:
            out.append(_unknown_criterion(scheme, crit_id, where, ("tie_break", index)))
    out += _cluster_rules(ctx, scheme, where)
    by_id = {c.id: c for c in scheme.criteria}
    for index, item in enumerate(scheme.verified):
        path: Path = ("verified", index)
        out += _unit_alive(ctx, scheme.year, item.unit, where, (*path, "unit"))
        target = by_id.get(item.criterion)
        if target is None:
            out.append(_unknown_criterion(scheme, item.criterion, where, (*path, "criterion")))
            continue
        out += _adjustment_rules(target, item, item.unit, where, path)
    return out


def _total_rule(scheme: Scheme, where: Located) -> list[Finding]:
    total = sum((Decimal(str(c.max)) for c in scheme.criteria), Decimal(0))
    if total == Decimal(str(scheme.total)):
        return []
    return [where.at("PT601", ("total",), sum=_num(total), total=_num(scheme.total))]


def _num(value: float | Decimal) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


def _schedule_problem(criterion: Criterion) -> tuple[str, str] | None:
    """Why ``criterion``'s schedule does not fit its rule (vi, en), if it does not."""
    schedule = criterion.schedule
    if criterion.rule == "manual":
        if schedule is not None:
            return "tiêu chí thủ công không có 'schedule'", "a manual criterion has no 'schedule'"
        return None
    if schedule is None:
        return "thiếu 'schedule'", "'schedule' is missing"
    if schedule.kind == "thresholds" and not schedule.steps:
        return "'thresholds' cần ít nhất một bậc 'steps'", "'thresholds' needs 'steps'"
    if any(s.points > criterion.max for s in schedule.steps):
        return "một bậc cho nhiều điểm hơn điểm tối đa", "a step gives more than the maximum"
    if schedule.kind == "deductions" and not schedule.per:
        return "'deductions' cần 'per'", "'deductions' needs 'per'"
    unknown = sorted(set(schedule.per) - set(RULE_EVENTS[criterion.rule]))
    if unknown:
        return f"không có loại '{unknown[0]}'", f"there is no event kind '{unknown[0]}'"
    if criterion.rule == "indicator-targets" and not criterion.targets:
        return "'indicator-targets' cần 'targets'", "'indicator-targets' needs 'targets'"
    return None


def _schedule_rules(
    ctx: Context, criterion: Criterion, where: Located, path: Path
) -> list[Finding]:
    out: list[Finding] = []
    problem = _schedule_problem(criterion)
    if problem is not None:
        events = ", ".join(RULE_EVENTS.get(criterion.rule, ()))
        out.append(
            where.at(
                "PT608",
                (*path, "schedule"),
                criterion=criterion.id,
                reason=problem[0],
                reason_en=problem[1],
                events=events or "—",
            )
        )
    for index, target in enumerate(criterion.targets):
        if target.indicator not in ctx.indicators:
            known = ctx.indicators
            where_path: Path = (*path, "targets", index, "indicator")
            out.append(
                where.at(
                    "PT203", where_path, id=target.indicator, **suggestion(target.indicator, known)
                )
            )
    return out


def _cluster_rules(ctx: Context, scheme: Scheme, where: Located) -> list[Finding]:
    out: list[Finding] = []
    for index, cluster in enumerate(scheme.clusters):
        for u_index, unit_id in enumerate(cluster.units):
            path: Path = ("clusters", index, "units", u_index)
            out += _unit_alive(ctx, scheme.year, unit_id, where, path)
    names = {c.id: f"'{c.name}'" for c in scheme.clusters}
    for unit_id, places in sorted(placements(scheme, ctx.units.values()).items()):
        shown = [names.get(p, "danh sách không xếp hạng") for p in places]
        if len(places) > 1:
            out.append(
                where.at("PT603", ("clusters",), unit=unit_id, first=shown[0], second=shown[1])
            )
        elif not places:
            out.append(where.at("PT604", ("clusters",), unit=unit_id, year=scheme.year))
    return out


def _unit_alive(ctx: Context, year: int, unit_id: str, where: Located, path: Path) -> list[Finding]:
    unit = ctx.units.get(unit_id)
    if unit is None:
        if unit_id in ctx.unreadable_units:
            return []
        return [where.at("PT201", path, id=unit_id, **suggestion(unit_id, ctx.units))]
    if alive_in(unit, year):
        return []
    start = unit.valid_from.isoformat() if unit.valid_from else "…"
    end = unit.valid_until.isoformat() if unit.valid_until else "…"
    return [
        where.at(
            "PT606",
            path,
            unit=unit_id,
            year=year,
            valid=f"từ {start} đến {end}",
            valid_en=f"from {start} to {end}",
            successors=", ".join(unit.all_heirs()) or "—",
        )
    ]


def _unknown_criterion(scheme: Scheme, crit_id: str, where: Located, path: Path) -> Finding:
    known = [c.id for c in scheme.criteria]
    return where.at("PT607", path, year=scheme.year, id=crit_id, **suggestion(crit_id, known))


def _adjustment_rules(
    criterion: Criterion, item: Adjustment, unit_id: str, where: Located, path: Path
) -> list[Finding]:
    if criterion.rule != "manual":
        return [where.at("PT609", (*path, "points"), criterion=criterion.id)]
    missing = [
        (vi, en)
        for value, vi, en in (
            (item.reason, "lý do", "reason"),
            (item.evidence, "tài liệu chứng minh", "evidence"),
        )
        if value is None
    ]
    if not missing:
        return []
    return [
        where.at(
            "PT602",
            (*path, "points"),
            points=_num(item.points),
            criterion=criterion.id,
            unit=unit_id,
            missing=" và ".join(m[0] for m in missing),
            missing_en=" or ".join(m[1] for m in missing),
        )
    ]


def check_self(ctx: Context, scheme: Scheme, item: LoadedSelf) -> list[Finding]:
    """Every rule of one unit's self-assessment against the scheme and the units."""
    sheet, where, file = item.sheet, item.where, item.file
    out: list[Finding] = []
    if sheet.unit != file.stem or str(sheet.year) != file.folder:
        name = file.path.name
        out.append(where.at("PT610", ("unit",), name=name, unit=sheet.unit, year=sheet.year))
    out += _unit_alive(ctx, scheme.year, sheet.unit, where, ("unit",))
    by_id = {c.id: c for c in scheme.criteria}
    for index, score in enumerate(sheet.scores):
        path: Path = ("scores", index)
        criterion = by_id.get(score.criterion)
        if criterion is None:
            out.append(_unknown_criterion(scheme, score.criterion, where, (*path, "criterion")))
            continue
        if score.points is not None and not 0 <= score.points <= criterion.max:
            out.append(
                where.at(
                    "PT605",
                    (*path, "points"),
                    points=_num(score.points),
                    criterion=criterion.id,
                    max=_num(criterion.max),
                )
            )
        for a_index, adj in enumerate(score.adjustments):
            a_path: Path = (*path, "adjustments", a_index)
            out += _adjustment_rules(criterion, adj, sheet.unit, where, a_path)
    return out


def check_selves(ctx: Context, scheme: Scheme, loaded: Sequence[LoadedSelf]) -> list[Finding]:
    """The rules of every self-assessment of the year."""
    return [f for item in loaded for f in check_self(ctx, scheme, item)]


def unit_names(ctx: Context) -> Mapping[str, str]:
    """Unit id → its name, for the documents."""
    return {unit_id: unit.name for unit_id, unit in ctx.units.items()}
