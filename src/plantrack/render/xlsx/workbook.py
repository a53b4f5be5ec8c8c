"""Render the consolidation view-model as the Excel appendix (openpyxl), byte for byte the
same for the same view-model: document properties and zip entry times come from ``as_of``."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.office.package import fixed_time
from plantrack.render.xlsx.detail import (
    DETAIL_PRINTED,
    indicators_sheet,
    pairs_sheet,
    provenance_sheet,
)
from plantrack.render.xlsx.oversight import oversight_sheet
from plantrack.render.xlsx.printing import print_layout
from plantrack.render.xlsx.rollup import (
    CHILD_UNITS_PRINTED,
    CHILD_UNITS_SHEET,
    CHILDREN_PRINTED,
    CHILDREN_SHEET,
    child_units_sheet,
    children_sheet,
)
from plantrack.render.xlsx.sheets import (
    CHART_COLUMNS,
    CHARTS_SHEET,
    SHEETS,
    UNITS_PRINTED,
    submission_sheet,
    summary_sheet,
    units_sheet,
)
from plantrack.render.xlsx.writer import workbook_bytes

__all__ = ["render_xlsx"]

# In the order of the sheets (sheets.SHEETS, with the inspection sheet before the last); the
# charts' sheet comes after the summary, made when its first chart is.
BUILDERS = (
    summary_sheet,
    submission_sheet,
    units_sheet,
    children_sheet,  # only in a roll-up: the children, then their units
    child_units_sheet,
    pairs_sheet,
    indicators_sheet,
    oversight_sheet,  # only when the repository records inspections
    provenance_sheet,
)

# Sheets that print their first columns only (the rest are codes and long texts kept for
# filtering on screen): sheet → how many columns print.
PRINTED = {
    SHEETS[2]: UNITS_PRINTED,
    SHEETS[3]: DETAIL_PRINTED,
    CHILDREN_SHEET: CHILDREN_PRINTED,
    CHILD_UNITS_SHEET: CHILD_UNITS_PRINTED,
    CHARTS_SHEET: CHART_COLUMNS,  # the page's width, the charts' room
}


def render_xlsx(vm: Consolidation) -> bytes:
    """The consolidated report's appendix tables as an .xlsx workbook, one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for build in BUILDERS:
        build(workbook, vm)
    for sheet in workbook.worksheets:
        print_layout(sheet, PRINTED.get(sheet.title))
    workbook.active = 0
    stamp = fixed_time(vm.as_of)
    _set_properties(workbook, vm, stamp)
    return workbook_bytes(workbook, stamp)


def _set_properties(workbook: Workbook, vm: Consolidation, stamp: dt.datetime) -> None:
    props = workbook.properties
    props.creator = f"{vm.provenance.tool} {vm.provenance.version}"
    props.lastModifiedBy = props.creator
    props.title = f"Phụ lục báo cáo tổng hợp {vm.period.title}"
    props.subject = vm.plan.title
    props.language = "vi-VN"
    props.identifier = vm.provenance.data_commit
    props.created = stamp
    props.modified = stamp
