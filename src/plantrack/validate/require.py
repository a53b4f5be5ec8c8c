"""The two preconditions most commands share, written once: a readable plan, and a period
the plan requires reports for. Each failure is a catalogued fatal error (PT903–PT905)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plantrack import layout
from plantrack.errors import PlantrackError
from plantrack.io.checkstore import CheckStore
from plantrack.io.limits import configured_limits
from plantrack.io.repo import DataFile, list_data_files
from plantrack.models.period import Period, parse_period_id
from plantrack.validate.base import base_of
from plantrack.validate.check import load_base
from plantrack.validate.context import Context


@dataclass(frozen=True)
class Repository:
    """A repository whose plan, units and indices loaded: its root, context and data files."""

    root: Path
    ctx: Context
    files: list[DataFile]


def require_plan(
    root: Path, store: CheckStore | None = None, *, reports: bool = True
) -> Repository:
    """Load the plan, units and indices of ``root`` (with ``store``, from the check cache
    when none of their files changed since); a plan that cannot be read stops the run
    (PT905: ``plantrack check`` shows why). Without ``reports`` the files listed leave out
    the reports (a caller that reads them from git need not list them)."""
    files, _ = list_data_files(root, reports=reports)
    if store is not None:
        base = base_of(root, files, store, configured_limits())
        if base.stored is not None:
            store.save(base.entries, meta={"base": base.stored})
        context = base.context()
    else:
        context = load_base(root, files).context
    if context is None:
        raise PlantrackError(code="PT905", plan=layout.PLAN)
    return Repository(root, context, files)


def require_period_id(period_id: str) -> None:
    """Stop the run (PT903) unless ``period_id`` is written as a period (``2024-Q3``)."""
    if parse_period_id(period_id) is None:
        raise PlantrackError(code="PT903", period=period_id)


def require_period(ctx: Context, period_id: str) -> Period:
    """The period ``period_id`` of the plan; one that is malformed (PT903) or that the plan
    requires no report for (PT904) stops the run."""
    require_period_id(period_id)
    if not ctx.is_required(period_id):
        rules = ctx.plan.reporting
        raise PlantrackError(
            code="PT904",
            period=period_id,
            periods=", ".join(rules.periods),
            first=rules.first,
            until=f" đến {rules.last}" if rules.last else "",
            until_en=f" to {rules.last}" if rules.last else "",
        )
    return ctx.period(period_id)
