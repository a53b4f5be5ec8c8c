"""Open a returned form safely: refuse what is not an .xlsx form before openpyxl parses it
(old .xls, macro-enabled workbooks, external links, zip bombs), then check each sheet's
declared size against the named limits before any row is read."""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from plantrack.forms.layout import (
    HEADER_ROW,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_FIX_ROWS,
    MAX_GENERAL_ROWS,
    MAX_INDICATOR_ROWS,
    MAX_TASK_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    META_KEYS,
    SHEET_FIXES,
    SHEET_GENERAL,
    SHEET_INDICATORS,
    SHEET_META,
    SHEET_TASKS,
)
from plantrack.validate.catalogue import make
from plantrack.validate.finding import Finding

# The sheets an import reads and how many rows each may declare.
ROW_LIMITS = {
    SHEET_TASKS: HEADER_ROW + MAX_TASK_ROWS,
    SHEET_INDICATORS: HEADER_ROW + MAX_INDICATOR_ROWS,
    SHEET_FIXES: HEADER_ROW + MAX_FIX_ROWS,
    SHEET_GENERAL: HEADER_ROW + MAX_GENERAL_ROWS,
    SHEET_META: len(META_KEYS) + 50,
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")


def _fail(shown: str, code: str, key: str = "", **params: Any) -> list[Finding]:
    return [make(code, shown, None, None, key, **params)]


def _over(
    shown: str, key: str, what: tuple[str, str], value: int, limit: int, unit: str = ""
) -> list[Finding]:
    """PT305: ``what`` (Vietnamese, English) is ``value``, over ``limit``; numbers are written
    the Vietnamese way (1.000) and the English way (1,000)."""
    return _fail(
        shown,
        "PT305",
        key,
        what=what[0],
        what_en=what[1],
        value=f"{value:,}".replace(",", ".") + unit,
        value_en=f"{value:,}{unit}",
        limit=f"{limit:,}".replace(",", ".") + unit,
        limit_en=f"{limit:,}{unit}",
    )


def _not_xlsx(shown: str, reason: str, reason_en: str) -> list[Finding]:
    return _fail(shown, "PT301", reason=reason, reason_en=reason_en)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or why it cannot be a form (too big, unreadable, not a zip)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, _over(
                shown, "", ("Kích thước tệp", "the file size"), size, MAX_FILE_BYTES, " byte"
            )
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, _not_xlsx(shown, reason, reason)
    if raw.startswith(_OLE_MAGIC):
        return None, _not_xlsx(
            shown, "đây là tệp Excel cũ (.xls)", "this is an old binary Excel file (.xls)"
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        return None, _not_xlsx(shown, "không phải tệp .xlsx", "not an .xlsx (zip) file")
    return raw, []


def check_container(raw: bytes, shown: str) -> list[Finding]:
    """Refuse macro-enabled workbooks, external links and oversized archives by their
    entries, before any XML is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                what = ("Số phần trong tệp", "the number of parts in the file")
                return _over(shown, "", what, len(infos), MAX_ZIP_ENTRIES)
            unzipped = sum(info.file_size for info in infos)
            if unzipped > MAX_UNZIPPED_BYTES:
                what = ("Dung lượng khi giải nén", "the unzipped size")
                return _over(shown, "", what, unzipped, MAX_UNZIPPED_BYTES, " byte")
            names = [info.filename for info in infos]
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            # Office never writes a DTD: one can only be there to expand or fetch entities
            with_dtd = [n for n in names if n.endswith((".xml", ".rels")) and _has_dtd(archive, n)]
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error) as exc:
        # hardening: a damaged archive also raises ValueError ("negative seek value"),
        # EOFError or zlib.error while its parts are opened
        return _not_xlsx(shown, str(exc), str(exc))
    if with_dtd:
        return _not_xlsx(shown, f"phần {with_dtd[0]} có DTD", f"part {with_dtd[0]} has a DTD")
    lowered = [name.lower() for name in names]
    if any(name.endswith("vbaproject.bin") for name in lowered) or b"macroEnabled" in types:
        return _fail(
            shown,
            "PT303",
            reason="tệp chứa mã VBA",
            reason_en="the file holds VBA code",
        )
    external = [n for n in lowered if n.startswith("xl/externallinks/")]
    connections = [n for n in lowered if n == "xl/connections.xml"]
    if external or connections:
        kinds = (["liên kết tới sổ khác"] if external else []) + (
            ["kết nối dữ liệu"] if connections else []
        )
        kinds_en = (["links to other workbooks"] if external else []) + (
            ["data connections"] if connections else []
        )
        return _fail(shown, "PT304", what=", ".join(kinds), what_en=", ".join(kinds_en))
    if "xl/workbook.xml" not in lowered:
        return _not_xlsx(shown, "thiếu xl/workbook.xml", "xl/workbook.xml is missing")
    return []


def _has_dtd(archive: zipfile.ZipFile, name: str) -> bool:
    with archive.open(name) as part:
        return b"<!doctype" in part.read(4096).lower()


def _load(raw: bytes, *, read_only: bool) -> Any:
    with warnings.catch_warnings():
        # openpyxl warns about extensions it drops (conditional formats, slicers): not ours
        warnings.simplefilter("ignore")
        return load_workbook(
            io.BytesIO(raw), read_only=read_only, data_only=False, keep_links=False
        )


def _sizes(wb: Any, shown: str) -> list[Finding]:
    """Every sheet the import reads is present, and within its row and column limits."""
    # the fixes sheet came with version 2 of the form; version 1 forms are read without it
    missing = [n for n in ROW_LIMITS if n not in wb.sheetnames and n != SHEET_FIXES]
    if SHEET_META in missing:
        return _fail(
            shown,
            "PT302",
            reason="không có trang ẩn _meta",
            reason_en="there is no hidden _meta sheet",
        )
    if missing:
        return _fail(
            shown,
            "PT302",
            reason=f"thiếu trang '{missing[0]}'",
            reason_en=f"sheet '{missing[0]}' is missing",
        )
    for name, limit in ROW_LIMITS.items():
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        rows, columns = ws.max_row or 0, ws.max_column or 0
        if rows > limit:
            what = (f"Số dòng dữ liệu của trang '{name}'", f"the data rows of sheet '{name}'")
            key = f"{name}!A{limit + 1}"
            return _over(shown, key, what, rows - HEADER_ROW, limit - HEADER_ROW)
        if columns > MAX_COLUMNS:
            what = (f"Số cột của trang '{name}'", f"the columns of sheet '{name}'")
            return _over(shown, name, what, columns, MAX_COLUMNS)
    return []


def _real_rows(wb: Any, shown: str) -> list[Finding]:
    """PT305 when a sheet holds more rows or columns than its limits, whatever its
    ``<dimension>`` says.

    hardening: a file may declare ``A1:K10`` over 600,000 rows; loading it whole would take
    seconds and hundreds of MB before the real size is seen. Streaming stops one row past
    the limit.
    """
    for name, limit in ROW_LIMITS.items():
        if name not in wb.sheetnames:  # an optional sheet (fixes, since version 2)
            continue
        ws = wb[name]
        ws.reset_dimensions()  # forget the declared size: read rows until the limit
        for count, row in enumerate(ws.iter_rows(values_only=True), 1):
            if len(row) > MAX_COLUMNS:
                what = (f"Số cột của trang '{name}'", f"the columns of sheet '{name}'")
                return _over(shown, f"{name}!A{count}", what, len(row), MAX_COLUMNS)
            if count > limit:
                what = (f"Số dòng dữ liệu của trang '{name}'", f"the data rows of sheet '{name}'")
                more = f"{limit - HEADER_ROW:,}"
                return _fail(
                    shown,
                    "PT305",
                    f"{name}!A{limit + 1}",
                    what=what[0],
                    what_en=what[1],
                    value="hơn " + more.replace(",", "."),
                    value_en="more than " + more,
                    limit=more.replace(",", "."),
                    limit_en=more,
                )
    return []


def open_form(path: Path, shown: str) -> tuple[Any | None, list[Finding]]:
    """The workbook of the form at ``path`` (formulas as text, never evaluated), or the
    findings that refuse it; ``shown`` is the path findings name."""
    if path.suffix.lower() in _MACRO_SUFFIXES:
        return None, _fail(
            shown,
            "PT303",
            reason=f"đuôi tệp {path.suffix}",
            reason_en=f"the file name ends in {path.suffix}",
        )
    raw, findings = read_bytes(path, shown)
    if raw is None:
        return None, findings
    findings = check_container(raw, shown)
    if findings:
        return None, findings
    try:
        # the declared sizes first, cheaply, so a 100,000-row sheet is refused unread
        lazy = _load(raw, read_only=True)
        try:
            findings = _sizes(lazy, shown) or _real_rows(lazy, shown)
        finally:
            lazy.close()
        if findings:
            return None, findings
        wb = _load(raw, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        reason = f"{type(exc).__name__}: {exc}"[:200]
        return None, _not_xlsx(shown, reason, reason)
    # the real sizes, in case the declared ones were missing or wrong
    findings = _sizes(wb, shown)
    return (None, findings) if findings else (wb, [])
