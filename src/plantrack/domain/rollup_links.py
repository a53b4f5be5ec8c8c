"""The links of a roll-up and the rules across repositories: which units of the parent keep
their own repository, and whether each child plan fits the parent plan (PT701–PT703, PT709).

Pure: the app layer reads both repositories and hands their plans in; a child's files are
named ``<child unit>/<path>`` so a finding says which repository it is about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from plantrack import layout
from plantrack.models import Plan
from plantrack.models.period import Period
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding
from plantrack.validate.located import Located


@dataclass(frozen=True)
class ChildLink:
    """A unit of the parent that keeps its own repository."""

    unit: str
    url: str
    branch: str

    @property
    def unit_file(self) -> str:
        """The parent's file naming the link."""
        return layout.unit(self.unit)


@dataclass(frozen=True)
class ChildPlan:
    """A child's plan as read at its pinned commit, and where findings about it go."""

    link: ChildLink
    plan: Plan
    where: Located


def child_rel(unit_id: str, rel: str) -> str:
    """How a file of the child ``unit_id``'s repository is named in findings."""
    return f"{unit_id}/{rel}"


def child_links(ctx: Context) -> list[ChildLink]:
    """Every unit of the parent naming its repository, by unit id."""
    return [
        ChildLink(unit.id, unit.repository.url, unit.repository.branch)
        for unit in sorted(ctx.units.values(), key=lambda u: u.id)
        if unit.repository is not None
    ]


def shared_repositories(links: Sequence[ChildLink], where: Mapping[str, Located]) -> list[Finding]:
    """PT703 for a repository (URL and branch) two units of the parent both name; ``where``
    holds each unit's file."""
    out: list[Finding] = []
    first: dict[tuple[str, str], str] = {}
    for link in links:
        key = (link.url.rstrip("/"), link.branch)
        if key in first:
            out.append(
                where[link.unit].at(
                    "PT703", ("repository",), unit=link.unit, other=first[key], claimed=first[key]
                )
            )
        else:
            first[key] = link.unit
    return out


def plan_findings(
    parent: Context, children: Sequence[ChildPlan], period: Period | None = None
) -> list[Finding]:
    """The rules across repositories for the child plans read: each implements the parent
    plan as the unit that links it (PT702), serves only tasks the parent has (PT701) and, in
    ``period``, assigns to that unit (PT709); no two children report as one unit (PT703)."""
    out: list[Finding] = []
    claimed: dict[str, str] = {}
    for child in children:
        declared = child.plan.implements
        unit = child.link.unit
        if declared is None or declared.plan != parent.plan.id or declared.unit != unit:
            shown = f"{declared.plan}/{declared.unit}" if declared else "—"
            out.append(
                child.where.at(
                    "PT702", ("implements",), unit=unit, declared=shown, plan=parent.plan.id
                )
            )
        if declared is not None and declared.unit in claimed:
            out.append(
                child.where.at(
                    "PT703",
                    ("implements", "unit"),
                    unit=unit,
                    other=claimed[declared.unit],
                    claimed=declared.unit,
                )
            )
        elif declared is not None:
            claimed[declared.unit] = unit
        out += _served(parent, child, period)
    return out


def _served(parent: Context, child: ChildPlan, period: Period | None) -> list[Finding]:
    """PT701 for each served task the parent plan lacks; PT709 for one not assigned to the
    child's unit in ``period``."""
    assigned = {a.task.id for a in parent.assigned_to(child.link.unit, period)} if period else None
    out: list[Finding] = []
    for i, task in enumerate(child.plan.tasks):
        for j, served in enumerate(task.serves):
            key = ("tasks", i, "serves", j)
            if served not in parent.tasks:
                out.append(
                    child.where.at("PT701", key, task=task.id, served=served, plan=parent.plan.id)
                )
            elif assigned is not None and served not in assigned:
                out.append(
                    child.where.at("PT709", key, task=task.id, served=served, unit=child.link.unit)
                )
    return out
