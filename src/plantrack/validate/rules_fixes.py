"""Rules for the ``fixes:`` a unit reports against inspection findings (codes PT5xx): a
known finding, the unit's own or inherited, dated after the finding and within the period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plantrack.models.period import Period
from plantrack.models.report import Report
from plantrack.validate.context import Context
from plantrack.validate.finding import Finding as Issue
from plantrack.validate.located import Located
from plantrack.validate.suggest import suggestion

if TYPE_CHECKING:
    from plantrack.validate.rules_inspection import Path


def check_report_fixes(ctx: Context, report: Report, period: Period, where: Located) -> list[Issue]:
    """The ``fixes:`` of one report: known finding, the unit's own (or inherited), dated
    after the finding and within the period."""
    out: list[Issue] = []
    if not report.fixes:
        return out
    # the inspection rules' helpers, loaded only by a report that has fixes to check
    from plantrack.validate.rules_inspection import found_day, successors_of

    for index, entry in enumerate(report.fixes):
        path: Path = ("fixes", index)
        ref = ctx.findings.get(entry.finding)
        if ref is None:
            out.append(
                where.at(
                    "PT508",
                    (*path, "finding"),
                    id=entry.finding,
                    **suggestion(entry.finding, ctx.findings),
                )
            )
            continue
        owner = ref.finding.unit
        if report.unit != owner and report.unit not in successors_of(ctx, owner):
            out.append(
                where.at(
                    "PT506",
                    (*path, "finding"),
                    unit=report.unit,
                    finding=entry.finding,
                    owner=owner,
                )
            )
        found = found_day(ref.inspection, owner)
        if found is not None and entry.date < found:
            out.append(
                where.at(
                    "PT503", (*path, "date"), finding=entry.finding, found=found, date=entry.date
                )
            )
        if entry.date > period.cutoff:
            out.append(
                where.at(
                    "PT514",
                    (*path, "date"),
                    finding=entry.finding,
                    date=entry.date,
                    cutoff=period.cutoff,
                    period=period.id,
                )
            )
    return out
