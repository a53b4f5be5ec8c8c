"""Rules across the plan, the unit files and the index files."""

from __future__ import annotations

import math
from collections.abc import Iterable

from plantrack.models import Index, Unit
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located
from plantrack.validate.suggest import fold_id, suggestion


def check_plan(ctx: Context, where: Located) -> list[Finding]:
    """Duplicate ids, unknown sections, units, groups, indicators and index components."""
    plan = ctx.plan
    out: list[Finding] = []
    for field, what, items in (
        ("tasks", ("nhiệm vụ", "task"), [t.id for t in plan.tasks]),
        ("indicators", ("chỉ tiêu", "indicator"), [i.id for i in plan.indicators]),
        ("sections", ("phần", "section"), [s.id for s in plan.sections]),
        ("groups", ("nhóm", "group"), [g.id for g in plan.groups]),
    ):
        out += _duplicates(where, field, what, items)
    out += _group_findings(ctx, where)
    out += _task_findings(ctx, where)
    for index, ind in enumerate(plan.indicators):
        if ind.aggregate == "ratio" and not (
            ind.numerator in ctx.indicators and ind.denominator in ctx.indicators
        ):
            out.append(where.at("PT222", ("indicators", index), id=ind.id))
    out += _unknown_units(
        ctx, where, ("reporting", "consolidator"), [plan.reporting.consolidator], groups=False
    )
    kinds = plan.kinds()
    for field, lists in (
        ("groups", [g.kinds for g in plan.groups]),
        ("indicators", [i.kinds for i in plan.indicators]),
    ):
        for index, listed in enumerate(lists):
            out += _unknown(where, "PT235", (field, index, "kinds"), listed, kinds)
    return out


def _group_findings(ctx: Context, where: Located) -> list[Finding]:
    """A group named like a unit, and the unknown units a group lists."""
    out: list[Finding] = []
    for index, group in enumerate(ctx.plan.groups):
        if group.id in ctx.units:
            out.append(
                where.at(
                    "PT218", ("groups", index, "id"), id=group.id, what="đơn vị", what_en="unit"
                )
            )
        out += _unknown_units(ctx, where, ("groups", index, "units"), group.units, groups=False)
    return out


def _task_findings(ctx: Context, where: Located) -> list[Finding]:
    """What each task names: its section, lead and supporting units, indicators, targets."""
    out: list[Finding] = []
    sections = {s.id for s in ctx.plan.sections}
    for index, task in enumerate(ctx.plan.tasks):
        base = ("tasks", index)
        if task.section not in sections:
            out.append(where.at("PT225", (*base, "section"), id=task.section))
        out += _unknown_units(ctx, where, (*base, "lead"), task.lead)
        out += _unknown_units(ctx, where, (*base, "support"), task.support)
        out += _unknown(where, "PT203", (*base, "indicators"), task.indicators, ctx.indicators)
        if ctx.indices:
            # a target of an index whose file does not load is that file's problem
            skipped = {t for t in task.targets if t.split(".")[0].lower() in ctx.unreadable_indices}
            known = ctx.components | skipped
            out += _unknown(where, "PT204", (*base, "targets"), task.targets, known)
    return out


def check_unit_refs(ctx: Context, where: dict[str, Located]) -> list[Finding]:
    """What a unit file names in the plan: its kind (a default kind or one the plan
    declares) and its transfers (known tasks, known units); ``where`` by unit id."""
    kinds = ctx.plan.kinds()
    out: list[Finding] = []
    for unit in ctx.units.values():
        at = where.get(unit.id)
        if at is None:
            continue
        if unit.kind not in kinds:
            out.append(at.at("PT235", ("kind",), id=unit.kind, **suggestion(unit.kind, kinds)))
        for index, transfer in enumerate(unit.transfers):
            path = ("transfers", index)
            out += _unknown(at, "PT202", (*path, "tasks"), transfer.tasks, ctx.tasks)
            out += _successor_refs(at, (*path, "to"), transfer.to, unit.id, ctx)
        if unit.transfers and unit.valid_until is None:
            out.append(_pt220(at, ("transfers",), "—", "valid_until"))
    return out


def _successor_refs(
    at: Located, path: tuple[str | int, ...], refs: list[str], own: str, ctx: Context
) -> list[Finding]:
    out = []
    for index, ref in enumerate(refs):
        if ref == own:
            out.append(_pt220(at, (*path, index), ref, "self"))
        elif ref not in ctx.units and ref not in ctx.unreadable_units:
            out.append(_pt220(at, (*path, index), ref, "unknown"))
    return out


_REASONS = {
    "unknown": ("không có đơn vị này", "no such unit"),
    "self": ("đơn vị không thể kế thừa chính nó", "a unit cannot succeed itself"),
    "valid_until": (
        "đơn vị chuyển giao nhiệm vụ phải ghi valid_until",
        "a unit handing over tasks needs valid_until",
    ),
}


def _pt220(at: Located, path: tuple[str | int, ...], ref: str, why: str) -> Finding:
    vi, en = _REASONS[why]
    return at.at("PT220", path, id=ref, reason=vi, reason_en=en)


def _duplicates(where: Located, field: str, what: tuple[str, str], ids: list[str]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for index, identifier in enumerate(ids):
        if identifier in seen:
            out.append(
                where.at(
                    "PT218", (field, index, "id"), id=identifier, what=what[0], what_en=what[1]
                )
            )
        seen.add(identifier)
    return out


def _unknown_units(
    ctx: Context,
    where: Located,
    path: tuple[str | int, ...],
    refs: list[str],
    *,
    groups: bool = True,
) -> list[Finding]:
    known = set(ctx.units) | (set(ctx.groups) if groups else set())
    out = []
    for index, ref in enumerate(refs):
        if ref not in known and ref not in ctx.unreadable_units:
            key = path if path[-1] == "consolidator" else (*path, index)
            out.append(where.at("PT201", key, id=ref, **suggestion(ref, known)))
    return out


def _unknown(
    where: Located, code: str, path: tuple[str | int, ...], refs: list[str], known: Iterable[str]
) -> list[Finding]:
    known_set = set(known)
    return [
        where.at(code, (*path, index), id=ref, **suggestion(ref, known_set))
        for index, ref in enumerate(refs)
        if ref not in known_set
    ]


def check_units(
    units: dict[str, tuple[Unit, Located, str]], unreadable: set[str] | frozenset[str] = frozenset()
) -> list[Finding]:
    """File names, validity windows, successors, and ids that collide once folded.

    ``units`` maps each id to its model, its location and its file's stem.
    """
    out: list[Finding] = []
    folded: dict[str, str] = {}
    for unit_id, (unit, where, stem) in sorted(units.items()):
        if stem != unit.id:
            out.append(where.at("PT219", ("id",), name=f"{stem}.yaml", id=unit.id))
        if unit.valid_from and unit.valid_until and unit.valid_until < unit.valid_from:
            out.append(
                where.at("PT221", ("valid_until",), until=unit.valid_until, since=unit.valid_from)
            )
        out += _successor_findings(unit, where, units, unreadable)
        key = fold_id(unit_id)
        if key in folded:
            out.append(where.at("PT217", ("id",), id=unit_id, other=folded[key]))
        folded.setdefault(key, unit_id)
    return out


def check_unit_groups(ctx: Context, units: dict[str, tuple[Unit, Located, str]]) -> list[Finding]:
    """Groups a unit's file names that the plan does not define."""
    out: list[Finding] = []
    for unit, where, _ in units.values():
        for index, group in enumerate(unit.groups):
            if group not in ctx.groups:
                found = where.at(
                    "PT201", ("groups", index), id=group, **suggestion(group, ctx.groups)
                )
                out.append(found)
    return out


def _successor_findings(
    unit: Unit,
    where: Located,
    units: dict[str, tuple[Unit, Located, str]],
    unreadable: set[str] | frozenset[str],
) -> list[Finding]:
    out = []
    for index, succ in enumerate(unit.successors):
        path = ("successors", index)
        if succ not in units and succ not in unreadable:
            out.append(
                where.at(
                    "PT220", path, id=succ, reason="không có đơn vị này", reason_en="no such unit"
                )
            )
        elif succ == unit.id:
            out.append(
                where.at(
                    "PT220",
                    path,
                    id=succ,
                    reason="đơn vị không thể kế thừa chính nó",
                    reason_en="a unit cannot succeed itself",
                )
            )
    if unit.successors and unit.valid_until is None:
        out.append(
            where.at(
                "PT220",
                ("successors",),
                id=", ".join(unit.successors),
                reason="đơn vị có đơn vị kế thừa phải ghi valid_until",
                reason_en="a unit with successors needs valid_until",
            )
        )
    return out


def check_index(index: Index, where: Located, stem: str) -> list[Finding]:
    """File name, and observation scores naming known components within their scale."""
    out: list[Finding] = []
    if stem.lower() != index.id.lower():
        out.append(where.at("PT219", ("id",), name=f"{stem}.yaml", id=index.id.lower()))
    scales = _component_scales(index)
    for o_index, obs in enumerate(index.observations):
        for code, score in obs.scores.items():
            path = ("observations", o_index, "scores", code)
            if code not in scales:
                out.append(
                    where.at(
                        "PT204",
                        path,
                        on_key=True,
                        id=f"{index.id}.{code}",
                        **suggestion(code, scales),
                    )
                )
                continue
            low, high = scales[code]
            if not low <= score <= high:
                out.append(where.at("PT227", path, value=score, id=code, min=low, max=high))
        if obs.total is not None and not index.scale.min <= obs.total <= index.scale.max:
            out.append(
                where.at(
                    "PT227",
                    ("observations", o_index, "total"),
                    value=obs.total,
                    id=index.id,
                    min=index.scale.min,
                    max=index.scale.max,
                )
            )
    return out


def _component_scales(index: Index) -> dict[str, tuple[float, float]]:
    # Only an explicit scale is checked: sub-dimensions have ranges of their own.
    scales: dict[str, tuple[float, float]] = {}
    stack = list(index.components)
    while stack:
        comp = stack.pop()
        scales[comp.code] = (
            (comp.scale.min, comp.scale.max) if comp.scale else (-math.inf, math.inf)
        )
        stack.extend(comp.components)
    return scales
