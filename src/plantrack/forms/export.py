"""``form export``: a unit's Excel form for a period, byte for byte the same for the same data
(document properties and zip entry times come from the period's cut-off). A very hidden
``_meta`` sheet ties the form to the plan version, unit and period."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.protection import WorkbookProtection

from plantrack import __version__
from plantrack.forms import instructions, tables
from plantrack.forms.content import FormContent, build_content, report_rel
from plantrack.forms.layout import SHEET_HELP
from plantrack.render.office.package import fixed_time, workbook_bytes
from plantrack.render.office.tables import BOLD, MAX_CELL_CHARS, TITLE_FONT, put, setup_page
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding
from plantrack.validate.require import Repository

__all__ = ["make_form", "render_form"]


def make_form(repo: Repository, unit_id: str, period_id: str) -> tuple[bytes | None, list[Finding]]:
    """The form of ``unit_id`` for ``period_id``, or the findings of the unit's current
    report when it cannot be read (its answers would be lost)."""
    content, findings = build_content(repo, unit_id, period_id)
    if content is None:
        return None, findings
    too_long = overlong(content)
    return (None, too_long) if too_long else (render_form(content), findings)


def overlong(content: FormContent) -> list[Finding]:
    """A PT326 finding for every text longer than an Excel cell holds: the form would cut
    it and the import would bring back less than the report says, so it is not made."""
    shown = content.meta.get("source") or report_rel(content.unit.id, content.period.id)
    findings = []
    for sheet, columns, rows in tables.sheet_rows(content):
        for values in rows:
            for column, value in zip(columns, values, strict=True):
                length = len(ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else 0
                if length <= MAX_CELL_CHARS:
                    continue
                header = column.header.split("\n")[0]
                row_id = values[0]
                findings.append(
                    make(
                        "PT326",
                        shown,
                        None,
                        None,
                        f"{sheet}: {row_id}",
                        what=f"Nội dung '{header}' của dòng '{row_id}' (trang {sheet})",
                        what_en=f"the '{header}' text of row '{row_id}' (sheet {sheet})",
                        length=f"{length:,}".replace(",", "."),
                        length_en=f"{length:,}",
                        limit=f"{MAX_CELL_CHARS:,}".replace(",", "."),
                        limit_en=f"{MAX_CELL_CHARS:,}",
                    )
                )
    return findings


def render_form(content: FormContent) -> bytes:
    """The form as .xlsx bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    _help_sheet(wb, content)
    tables.tasks_sheet(wb, content)
    tables.indicators_sheet(wb, content)
    tables.fixes_sheet(wb, content)
    tables.general_sheet(wb, content)
    tables.meta_sheet(wb, content.meta)
    wb.active = 0
    # structure locked: sheets cannot be renamed, deleted or unhidden by accident
    wb.security = WorkbookProtection(lockStructure=True)
    stamp = fixed_time(content.period.cutoff)
    props = wb.properties
    props.creator = f"plantrack {__version__}"
    props.lastModifiedBy = props.creator
    props.title = f"Biểu mẫu báo cáo {content.period.title} - {content.unit.name}"
    props.subject = content.plan.title
    props.language = "vi-VN"
    props.created = stamp
    props.modified = stamp
    return workbook_bytes(wb, stamp)


def _help_sheet(wb: Any, content: FormContent) -> None:
    ws = wb.create_sheet(SHEET_HELP)
    ws.column_dimensions["A"].width = 100
    row = 1
    for index, line in enumerate(instructions.heading(content)):
        put(ws, row, 1, line).font = TITLE_FONT if index == 0 else BOLD
        row += 1
    row += 1
    for index, line in enumerate(instructions.steps(content)):
        cell = put(ws, row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index == 0:
            cell.font = BOLD
        else:
            ws.row_dimensions[row].height = 15 * max(1, -(-len(line) // 100))
        row += 1
    put(ws, row + 1, 1, instructions.footer(content)).font = Font(italic=True, color="FF808080")
    setup_page(ws)
    ws.protection.sheet = True
