"""Render the consolidation view-model as the Excel appendix (openpyxl), byte for byte the
same for the same view-model: document properties and zip entry times come from ``as_of``."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from plantrack.domain.viewmodel import Consolidation
from plantrack.render.xlsx.detail import indicators_sheet, pairs_sheet, provenance_sheet
from plantrack.render.xlsx.sheets import submission_sheet, summary_sheet, units_sheet

__all__ = ["render_xlsx"]

# In the order of the sheets (sheets.SHEETS).
BUILDERS = (
    summary_sheet,
    submission_sheet,
    units_sheet,
    pairs_sheet,
    indicators_sheet,
    provenance_sheet,
)

# Unix "regular file, rw-r--r--" in the zip's external attributes, whatever the OS.
_FILE_MODE = 0o100644 << 16


def render_xlsx(vm: Consolidation) -> bytes:
    """The consolidated report's appendix tables as an .xlsx workbook, one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for build in BUILDERS:
        build(workbook, vm)
    workbook.active = 0
    stamp = fixed_time(vm.as_of)
    _set_properties(workbook, vm, stamp)
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps "modified" with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return normalise_zip(buffer.getvalue(), stamp)


def fixed_time(as_of: dt.date) -> dt.datetime:
    """The timestamp every output made for ``as_of`` carries: midnight of the cut-off."""
    return dt.datetime.combine(max(as_of, dt.date(1980, 1, 1)), dt.time())


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


def normalise_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip with the same entries in the same order, each dated ``stamp`` and with
    fixed attributes, so the bytes depend only on the contents."""
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = _FILE_MODE
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
