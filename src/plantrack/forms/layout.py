"""What the export writes and the import expects: sheet names, columns, labels, limits.

Both sides read these definitions, so a column moves in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FORMAT = "plantrack-form"
FORMAT_VERSION = "2"
# version 1 forms (before the fixes sheet) are still read: their metadata has no "fixes" row
SUPPORTED_VERSIONS = ("1", "2")

SHEET_HELP = "Hướng dẫn"
SHEET_TASKS = "Nhiệm vụ"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_FIXES = "Khắc phục"
SHEET_GENERAL = "Thông tin chung"
SHEET_META = "_meta"
SHEET_ORDER = (SHEET_HELP, SHEET_TASKS, SHEET_INDICATORS, SHEET_FIXES, SHEET_GENERAL, SHEET_META)

# What each answer sheet's title row says before the unit and period it is for.
SHEET_TITLES = {
    SHEET_TASKS: "Kết quả thực hiện nhiệm vụ",
    SHEET_INDICATORS: "Số liệu chỉ tiêu",
    SHEET_FIXES: "Khắc phục tồn tại sau kiểm tra",
    SHEET_GENERAL: "Thông tin chung",
}
UNIT_LINE = "Đơn vị: "  # the instructions sheet's line naming the unit

HEADER_ROW = 4  # as in the consolidated workbook: title, subtitle, blank, header
FIRST_ROW = HEADER_ROW + 1

# Named limits, checked on the sheet's declared size before any row is read.
MAX_TASK_ROWS = 2_000
MAX_INDICATOR_ROWS = 500
MAX_FIX_ROWS = 500
MAX_GENERAL_ROWS = 200
MAX_COLUMNS = 100
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 1_000
# Checked while every part is streamed (forms/package.py), so the scan of any package ends
# within about a second: the largest form plantrack writes (2,000 task rows) has about
# 75,000 XML elements in its biggest part and a few MB of XML; expat needs ~55 ns a byte
# inside one huge attribute, the slowest XML there is.
MAX_XML_BYTES = 8 * 1024 * 1024
MAX_PART_ELEMENTS = 200_000
MAX_XML_ELEMENTS = 500_000

STATE_LABELS: dict[str, str] = {
    "not-started": "Chưa triển khai",
    "in-progress": "Đang thực hiện",
    "done": "Hoàn thành",
}
YES, NO = "Có", "Không"
ROLE_LABELS = {"lead": "Chủ trì", "support": "Phối hợp"}
RECURRING_LABEL = "Thường xuyên"

ColKind = Literal["id", "text", "wrap", "state", "date", "int", "yesno", "evidence", "number"]


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: the report field it holds, its header and kind."""

    field: str
    header: str
    width: float
    kind: ColKind
    answer: bool  # unlocked and read back; the others are locked and only identify the row


TASK_COLUMNS = (
    Column("task", "Mã nhiệm vụ", 12, "id", False),
    Column("title", "Nhiệm vụ", 45, "wrap", False),
    Column("deadline", "Thời hạn", 14, "wrap", False),
    Column("role", "Vai trò", 10, "text", False),
    Column("state", "Tình trạng\n(chọn trong danh sách)", 18, "state", True),
    Column("completed", "Ngày hoàn thành\n(dd/mm/yyyy)", 14, "date", True),
    Column("progress", "Tiến độ (%)\n(0–100)", 10, "int", True),
    Column("carried_out", "Có triển khai trong kỳ\n(nhiệm vụ thường xuyên)", 14, "yesno", True),
    Column("results", "Kết quả thực hiện", 45, "wrap", True),
    Column(
        "evidence",
        "Văn bản, sản phẩm\n(mỗi văn bản một dòng: số | ngày dd/mm/yyyy | trích yếu)",
        40,
        "evidence",
        True,
    ),
    Column("difficulties", "Khó khăn, vướng mắc", 30, "wrap", True),
    Column("next_steps", "Nhiệm vụ kỳ tới", 30, "wrap", True),
)
INDICATOR_COLUMNS = (
    Column("id", "Mã chỉ tiêu", 18, "id", False),
    Column("name", "Tên chỉ tiêu", 45, "wrap", False),
    Column("unit", "Đơn vị tính", 12, "text", False),
    Column("value", "Số liệu trong kỳ\n(số, không âm)", 16, "number", True),
)
FIX_COLUMNS = (
    Column("finding", "Mã tồn tại", 14, "id", False),
    Column("text", "Tồn tại, hạn chế sau kiểm tra", 45, "wrap", False),
    Column("fix_by", "Thời hạn khắc phục", 14, "wrap", False),
    Column("date", "Ngày khắc phục xong\n(dd/mm/yyyy)", 14, "date", True),
    Column("results", "Nội dung đã khắc phục", 45, "wrap", True),
    Column(
        "evidence",
        "Văn bản chứng minh\n(mỗi văn bản một dòng: số | ngày dd/mm/yyyy | trích yếu)",
        40,
        "evidence",
        True,
    ),
)

GeneralKind = Literal["fixed", "date", "text", "wrap", "lines"]


@dataclass(frozen=True)
class GeneralRow:
    """One row of the general sheet: the report key path it fills, its label and kind."""

    path: tuple[str, ...]
    label: str
    kind: GeneralKind


GENERAL_ROWS = (
    GeneralRow(("unit",), "Đơn vị báo cáo", "fixed"),
    GeneralRow(("period",), "Kỳ báo cáo", "fixed"),
    GeneralRow(("submitted",), "Ngày gửi báo cáo (dd/mm/yyyy)", "date"),
    GeneralRow(("number",), "Số, ký hiệu báo cáo", "text"),
    GeneralRow(("prepared_by", "name"), "Người lập: họ và tên", "text"),
    GeneralRow(("prepared_by", "title"), "Người lập: chức vụ", "text"),
    GeneralRow(("prepared_by", "phone"), "Người lập: điện thoại", "text"),
    GeneralRow(("prepared_by", "email"), "Người lập: email", "text"),
    GeneralRow(("approved_by", "name"), "Thủ trưởng ký duyệt: họ và tên", "text"),
    GeneralRow(("approved_by", "title"), "Thủ trưởng ký duyệt: chức vụ", "text"),
    GeneralRow(("approved_by", "phone"), "Thủ trưởng ký duyệt: điện thoại", "text"),
    GeneralRow(("approved_by", "email"), "Thủ trưởng ký duyệt: email", "text"),
    GeneralRow(("narrative", "direction"), "Công tác chỉ đạo, điều hành", "wrap"),
    GeneralRow(("narrative", "communication"), "Công tác tuyên truyền", "wrap"),
    GeneralRow(("narrative", "inspection"), "Công tác kiểm tra", "wrap"),
    GeneralRow(("difficulties",), "Khó khăn, vướng mắc (mỗi ý một dòng)", "lines"),
    GeneralRow(("proposals",), "Đề xuất, kiến nghị (mỗi ý một dòng)", "lines"),
    GeneralRow(("next_tasks",), "Nhiệm vụ kỳ tới (mỗi ý một dòng)", "lines"),
)
GENERAL_COLUMNS = (
    Column("label", "Mục", 40, "wrap", False),
    Column("value", "Nội dung", 90, "wrap", True),
)

# The rows of the hidden ``_meta`` sheet, in order; ``checksum`` covers all the others.
META_KEYS = (
    "format",
    "format_version",
    "plan_id",
    "plan_version",
    "plan_fingerprint",
    "unit",
    "period",
    "tasks",
    "indicators",
    "null_indicators",
    "fixes",
    "narrative",
    "source",
    "source_sha256",
    "checksum",
)


def meta_keys(version: str) -> tuple[str, ...]:
    """The metadata rows of a form of ``version`` (version 1 had no fixes)."""
    return tuple(k for k in META_KEYS if k != "fixes") if version == "1" else META_KEYS


def sheet_title(sheet: str, unit_name: str, period_title: str) -> str:
    """The title row of an answer sheet: what it holds, for which unit and period."""
    return f"{SHEET_TITLES[sheet]} - {unit_name} - {period_title}"


def unit_cell(unit_name: str, unit_id: str) -> str:
    """The general sheet's unit cell: the name the unit knows, then its id."""
    return f"{unit_name} ({unit_id})"


def period_cell(period_title: str, period_id: str) -> str:
    """The general sheet's period cell."""
    return f"{period_title} ({period_id})"


def column_index(columns: tuple[Column, ...], field: str) -> int:
    """The 1-based column of ``field``."""
    for index, column in enumerate(columns, start=1):
        if column.field == field:
            return index
    raise KeyError(field)
