"""A unit's self-assessment sheet (bảng tự chấm điểm) as Excel: every criterion with the
points the data gives and their sources, locked; the unit's own score and explanation, and
its bonus and penalty claims for the manual criteria with their reasons and evidence, to
fill in. A very hidden ``_meta`` sheet ties the sheet to the scheme, the unit and the year;
the same scores give the same bytes."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from plantrack import __version__
from plantrack.domain.emulation import UnitScore
from plantrack.models.emulation import Scheme, SelfAssessment
from plantrack.render.emulation_words import how_line, source_line
from plantrack.render.office.package import fixed_time, workbook_bytes
from plantrack.render.office.tables import TITLE_FONT, Col, put, title_rows, write_table

FORMAT = "plantrack-emulation-form"
VERSION = "1"
SHEET_HELP = "Hướng dẫn"
SHEET_SCORES = "Tự chấm điểm"
SHEET_CLAIMS = "Điểm thưởng, trừ"
SHEET_INFO = "Thông tin"
SHEET_META = "_meta"
SHEETS = (SHEET_HELP, SHEET_SCORES, SHEET_CLAIMS, SHEET_INFO, SHEET_META)
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
CLAIM_ROWS = 20
META_KEYS = ("format", "version", "unit", "year", "scheme", "criteria", "checksum")
ANSWER = "FFFFF2CC"
LOCKED = "FFF2F2F2"

SCORE_COLS = (
    Col("STT", 6, "int"),
    Col("Mã tiêu chí", 12),
    Col("Tiêu chí", 40, "wrap"),
    Col("Điểm tối đa", 9, "num"),
    Col("Điểm tính từ dữ liệu", 11, "num"),
    Col("Cách tính và căn cứ", 70, "wrap"),
    Col("Điểm tự chấm", 11, "num"),
    Col("Giải trình", 40, "wrap"),
)
SCORE_ANSWERS = (7, 8)
CLAIM_COLS = (
    Col("STT", 6, "int"),
    Col("Tiêu chí", 36, "wrap"),
    Col("Điểm cộng (+) / trừ (−)", 12, "num"),
    Col("Lý do", 40, "wrap"),
    Col("Số văn bản chứng minh", 18),
    Col("Ngày văn bản", 12, "date"),
    Col("Cơ quan ban hành", 20, "wrap"),
    Col("Trích yếu văn bản", 40, "wrap"),
)
INFO_ROWS = (
    ("prepared_name", "Người lập: họ và tên"),
    ("prepared_title", "Người lập: chức vụ"),
    ("approved_name", "Thủ trưởng đơn vị: họ và tên"),
    ("approved_title", "Thủ trưởng đơn vị: chức vụ"),
    ("submitted", "Ngày gửi"),
)


def scheme_fingerprint(scheme: Scheme) -> str:
    """A hash of the criteria (ids, titles, maxima, rules): a sheet is only valid for them."""
    text = "\n".join(f"{c.id}\t{c.title}\t{c.max}\t{c.rule}" for c in scheme.criteria)
    return hashlib.sha256(f"{scheme.year}\n{text}".encode()).hexdigest()


def meta_checksum(meta: Mapping[str, str]) -> str:
    """A hash over every metadata value but the checksum: hand edits show."""
    text = "\n".join(f"{k}={meta.get(k, '')}" for k in META_KEYS if k != "checksum")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unlock(ws: Any, rows: range, columns: Sequence[int], number: bool = False) -> None:
    from openpyxl.styles import PatternFill

    for row in rows:
        for column in columns:
            cell = ws.cell(row=row, column=column)
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor=ANSWER)
            cell.alignment = Alignment(vertical="top", wrap_text=True)


def _protect(ws: Any) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.auto_filter.ref = None  # sorting would scramble the rows the import reads by position


def _scores_sheet(wb: Any, scheme: Scheme, score: UnitScore, own: SelfAssessment | None) -> None:
    ws = wb.create_sheet(SHEET_SCORES)
    title_rows(ws, f"Bảng tự chấm điểm thi đua năm {scheme.year}: {score.name}", scheme.title)
    given = {s.criterion: s for s in own.scores} if own else {}
    rows = []
    for index, row in enumerate(score.criteria, start=1):
        lines = [how_line(row)]
        lines += [source_line(line) for line in (row.computed.lines if row.computed else ())]
        mine = given.get(row.criterion.id)
        rows.append(
            [
                index,
                row.criterion.id,
                row.criterion.title,
                row.criterion.max,
                float(row.verified),
                "\n".join(lines),
                mine.points if mine else None,
                mine.note if mine else None,
            ]
        )
    write_table(ws, SCORE_COLS, rows, header_row=HEADER_ROW)
    last = FIRST_ROW + len(rows) - 1
    _unlock(ws, range(FIRST_ROW, last + 1), SCORE_ANSWERS)
    for index, row in enumerate(score.criteria):
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=str(row.criterion.max),
            allow_blank=True,
            showErrorMessage=True,
            error=f"Điểm từ 0 đến {row.criterion.max:g}.",
        )
        ws.add_data_validation(dv)
        dv.add(f"G{FIRST_ROW + index}")
    _protect(ws)


def _claims_sheet(wb: Any, scheme: Scheme, own: SelfAssessment | None) -> None:
    ws = wb.create_sheet(SHEET_CLAIMS)
    manual = {c.id: c.title for c in scheme.criteria if c.rule == "manual"}
    title_rows(
        ws,
        "Điểm thưởng, điểm trừ đề nghị (tiêu chí chấm thủ công)",
        "Mỗi dòng một khoản: tiêu chí, số điểm, lý do và văn bản chứng minh.",
    )
    claims = [
        (manual[s.criterion], a)
        for s in (own.scores if own else [])
        if s.criterion in manual
        for a in s.adjustments
    ]
    rows: list[list[Any]] = []
    for index in range(CLAIM_ROWS):
        if index < len(claims):
            title, a = claims[index]
            doc = a.evidence
            rows.append(
                [
                    index + 1,
                    title,
                    a.points,
                    a.reason,
                    doc.number if doc else None,
                    doc.date if doc else None,
                    doc.issuer if doc else None,
                    doc.title if doc else None,
                ]
            )
        else:
            rows.append([index + 1, *([None] * 7)])
    write_table(ws, CLAIM_COLS, rows, header_row=HEADER_ROW)
    _unlock(ws, range(FIRST_ROW, FIRST_ROW + CLAIM_ROWS), range(2, 9))
    if manual:
        dv = DataValidation(
            type="list", formula1='"' + ",".join(manual.values()) + '"', allow_blank=True
        )
        ws.add_data_validation(dv)
        dv.add(f"B{FIRST_ROW}:B{FIRST_ROW + CLAIM_ROWS - 1}")
    _protect(ws)


def _info_sheet(wb: Any, score: UnitScore, year: int, own: SelfAssessment | None) -> None:
    ws = wb.create_sheet(SHEET_INFO)
    title_rows(
        ws, f"{score.name}: bảng tự chấm điểm năm {year}", "Người lập, thủ trưởng, ngày gửi."
    )
    values = {
        "prepared_name": own.prepared_by.name if own and own.prepared_by else None,
        "prepared_title": own.prepared_by.title if own and own.prepared_by else None,
        "approved_name": own.approved_by.name if own and own.approved_by else None,
        "approved_title": own.approved_by.title if own and own.approved_by else None,
        "submitted": own.submitted if own else None,
    }
    rows = [[label, values[key]] for key, label in INFO_ROWS]
    write_table(ws, (Col("Mục", 34, "wrap"), Col("Nội dung", 50, "wrap")), rows)
    _unlock(ws, range(FIRST_ROW, FIRST_ROW + len(rows)), (2,))
    ws.cell(row=FIRST_ROW + len(rows) - 1, column=2).number_format = "dd/mm/yyyy"
    _protect(ws)


def _help_sheet(wb: Any, score: UnitScore, year: int) -> None:
    ws = wb.create_sheet(SHEET_HELP)
    ws.column_dimensions["A"].width = 100
    lines = [
        f"Bảng tự chấm điểm thi đua năm {year} — {score.name}",
        f"1. Trang '{SHEET_SCORES}': cột 'Điểm tính từ dữ liệu' và 'Cách tính và căn cứ' do "
        "cơ quan tổng hợp tính từ báo cáo, kết quả kiểm tra đã có (khóa, không sửa). Đơn vị "
        "ghi điểm tự chấm và giải trình vào các ô màu vàng.",
        f"2. Trang '{SHEET_CLAIMS}': điểm thưởng (số dương), điểm trừ (số âm) cho tiêu chí "
        "chấm thủ công; mỗi khoản ghi lý do và văn bản chứng minh (số, ngày, trích yếu).",
        f"3. Trang '{SHEET_INFO}': người lập, thủ trưởng đơn vị, ngày gửi.",
        "4. Lưu tệp (giữ định dạng .xlsx) và gửi lại cơ quan tổng hợp; không đổi tên trang, "
        "không thêm, xóa dòng.",
    ]
    for row, line in enumerate(lines, start=1):
        cell = put(ws, row, 1, line)
        cell.font = TITLE_FONT if row == 1 else Font()
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * max(1, -(-len(line) // 100))
    ws.protection.sheet = True


def _meta_sheet(wb: Any, meta: dict[str, str]) -> None:
    ws = wb.create_sheet(SHEET_META)
    for row, key in enumerate(META_KEYS, start=1):
        put(ws, row, 1, key)
        put(ws, row, 2, meta[key])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def render_self_form(
    scheme: Scheme, score: UnitScore, own: SelfAssessment | None, as_of: Any
) -> bytes:
    """The unit's self-assessment sheet as .xlsx bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    _help_sheet(wb, score, scheme.year)
    _scores_sheet(wb, scheme, score, own)
    _claims_sheet(wb, scheme, own)
    _info_sheet(wb, score, scheme.year, own)
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "unit": score.unit_id,
        "year": str(scheme.year),
        "scheme": scheme_fingerprint(scheme),
        "criteria": " ".join(c.id for c in scheme.criteria),
    }
    meta["checksum"] = meta_checksum(meta)
    _meta_sheet(wb, meta)
    wb.active = 1
    wb.security = WorkbookProtection(lockStructure=True)
    stamp = fixed_time(as_of)
    props = wb.properties
    props.creator = f"plantrack {__version__}"
    props.lastModifiedBy = props.creator
    props.title = f"Bảng tự chấm điểm thi đua năm {scheme.year} - {score.name}"
    props.language = "vi-VN"
    props.created = stamp
    props.modified = stamp
    return workbook_bytes(wb, stamp)
