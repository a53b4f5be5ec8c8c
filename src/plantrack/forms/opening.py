"""Open a returned form safely: refuse what is not an .xlsx form before openpyxl parses it
(old .xls, encrypted or macro-enabled workbooks, external links, zip bombs, DTDs and
entities in any part, oversized parts), then check each sheet's declared size against the
named limits before any row is read."""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from plantrack.forms import package
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


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream of a password-protected file


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
        if _ENCRYPTED in raw:  # Excel keeps a password-protected .xlsx in the old container
            return None, _fail(shown, "PT324")
        return None, _not_xlsx(
            shown, "đây là tệp Excel cũ (.xls)", "this is an old binary Excel file (.xls)"
        )
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        return None, _not_xlsx(shown, "không phải tệp .xlsx", "not an .xlsx (zip) file")
    return raw, []


# hardening: a damaged archive raises any of these while its parts are listed or read
_DAMAGED = (
    zipfile.BadZipFile,
    OSError,
    RuntimeError,
    ValueError,
    EOFError,
    NotImplementedError,
    zlib.error,
)


def check_container(raw: bytes, shown: str) -> list[Finding]:
    """Refuse oversized archives and macro-enabled or linked workbooks by their entries,
    then stream every part through the safe parser (:mod:`package`) before openpyxl reads
    any of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            findings = _declared(infos, shown) or _entries([i.filename for i in infos], shown)
            if findings:
                return findings
            refusal = package.scan(archive)
            if refusal is not None:
                return _refused(refusal, shown)
            types = (
                archive.read("[Content_Types].xml") if _has(infos, "[Content_Types].xml") else b""
            )
    except _DAMAGED as exc:
        return _not_xlsx(shown, str(exc), str(exc))
    if b"macroEnabled" in types:
        return _fail(shown, "PT303", reason="tệp chứa mã VBA", reason_en="the file holds VBA code")
    return []


def _has(infos: list[zipfile.ZipInfo], name: str) -> bool:
    return any(info.filename == name for info in infos)


def _declared(infos: list[zipfile.ZipInfo], shown: str) -> list[Finding]:
    """PT305 for too many parts or too many declared bytes, before any part is read."""
    if len(infos) > MAX_ZIP_ENTRIES:
        what = ("Số phần trong tệp", "the number of parts in the file")
        return _over(shown, "", what, len(infos), MAX_ZIP_ENTRIES)
    unzipped = sum(info.file_size for info in infos)
    if unzipped > MAX_UNZIPPED_BYTES:
        what = ("Dung lượng khi giải nén", "the unzipped size")
        return _over(shown, "", what, unzipped, MAX_UNZIPPED_BYTES, " byte")
    return []


def _entries(names: list[str], shown: str) -> list[Finding]:
    """PT303 for VBA code, PT304 for links to other workbooks or data connections, PT301
    when the workbook part is missing: all seen from the entry names alone."""
    lowered = [name.lower() for name in names]
    if any(name.endswith("vbaproject.bin") for name in lowered):
        return _fail(shown, "PT303", reason="tệp chứa mã VBA", reason_en="the file holds VBA code")
    external = any(n.startswith("xl/externallinks/") for n in lowered)
    connections = "xl/connections.xml" in lowered
    if external or connections:
        kinds = [("liên kết tới sổ khác", "links to other workbooks")] * external + [
            ("kết nối dữ liệu", "data connections")
        ] * connections
        return _fail(
            shown,
            "PT304",
            what=", ".join(k[0] for k in kinds),
            what_en=", ".join(k[1] for k in kinds),
        )
    if "xl/workbook.xml" not in lowered:
        return _not_xlsx(shown, "thiếu xl/workbook.xml", "xl/workbook.xml is missing")
    return []


_REASONS = {
    "dtd": ("phần {part} có DTD hoặc khai báo thực thể", "part {part} has a DTD or an entity"),
    "encoding": (
        "phần {part} dùng bảng mã không đọc được",
        "part {part} is in an encoding plantrack does not read",
    ),
    "damaged": ("phần {part} không phải XML hợp lệ", "part {part} is not well-formed XML"),
}
_LIMITS = {
    "bytes": ("Dung lượng khi giải nén", "the unzipped size", " byte"),
    "xml-bytes": ("Dung lượng XML khi giải nén", "the unzipped size of the XML parts", " byte"),
    "part-elements": ("Số phần tử XML của {part}", "the XML elements of {part_en}", ""),
    "elements": ("Số phần tử XML của tệp", "the XML elements of the file", ""),
}


def _refused(refusal: package.Refusal, shown: str) -> list[Finding]:
    """The finding for a part the scan refused: PT301 for what it holds, PT305 for a limit."""
    if refusal.kind in _REASONS:
        vi, en = (text.format(part=refusal.part) for text in _REASONS[refusal.kind])
        return _not_xlsx(shown, vi, en)
    vi, en, unit = _LIMITS[refusal.kind]
    part, part_en = f"phần {refusal.part}", f"part {refusal.part}"
    if refusal.sheet:
        part, part_en = f"trang '{refusal.sheet}'", f"sheet '{refusal.sheet}'"
    what = (vi.format(part=part), en.format(part_en=part_en))
    return _over(shown, refusal.sheet, what, refusal.value, refusal.limit, unit)


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


def open_form(path: Path, shown: str) -> tuple[Any | None, list[Finding], str]:
    """The workbook of the form at ``path`` (formulas as text, never evaluated), or the
    findings that refuse it; ``shown`` is the path findings name. Also the SHA-256 of the
    bytes read (of the very bytes the workbook comes from: the file is read once)."""
    if path.suffix.lower() in _MACRO_SUFFIXES:
        ends = path.suffix
        reason, reason_en = f"đuôi tệp {ends}", f"the file name ends in {ends}"
        return None, _fail(shown, "PT303", reason=reason, reason_en=reason_en), ""
    raw, findings = read_bytes(path, shown)
    if raw is None:
        return None, findings, ""
    wb, findings = _open_raw(raw, shown)
    return wb, findings, hashlib.sha256(raw).hexdigest()


def _open_raw(raw: bytes, shown: str) -> tuple[Any | None, list[Finding]]:
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
