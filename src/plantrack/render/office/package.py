"""Packaging of an Office file (.docx, .xlsx are zip archives): the one zip writer whose
bytes depend only on the contents, so the same inputs give the same file, byte for byte."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from typing import Any

# Unix "regular file, rw-r--r--" in the zip's external attributes, whatever the OS.
REGULAR_FILE = 0o100644 << 16
# Permission bits alone: how Word documents have always been packed (kept so that a
# document made today has the bytes of one made before).
PERMISSIONS_ONLY = 0o644 << 16

# Rewrites one entry: returns the bytes to store, or None to leave the entry out.
Edit = Callable[[str, bytes], bytes | None]


def fixed_time(as_of: dt.date) -> dt.datetime:
    """The timestamp every output made for ``as_of`` carries: midnight of that day (zip
    cannot date anything before 1980)."""
    return dt.datetime.combine(max(as_of, dt.date(1980, 1, 1)), dt.time())


def repack(
    data: bytes,
    stamp: dt.datetime,
    *,
    edit: Edit | None = None,
    file_mode: int = REGULAR_FILE,
) -> bytes:
    """Rewrite the zip ``data`` with the same entries in the same order, each dated ``stamp``
    with fixed attributes and compression, after ``edit``."""
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            raw = source.read(info.filename)
            payload = edit(info.filename, raw) if edit is not None else raw
            if payload is None:
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = file_mode
            target.writestr(entry, payload, compresslevel=6)
    return out.getvalue()


def workbook_bytes(workbook: Any, stamp: dt.datetime) -> bytes:
    """An openpyxl workbook as reproducible .xlsx bytes, dated ``stamp``."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps "modified" with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return repack(buffer.getvalue(), stamp)
