"""The one zip writer of Office files: same contents, same bytes, whenever and however the
source archive was made."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

from openpyxl import Workbook

from plantrack.render.office.package import (
    PERMISSIONS_ONLY,
    REGULAR_FILE,
    fixed_time,
    repack,
    workbook_bytes,
)

STAMP = dt.datetime(2024, 9, 14)
ENTRIES = [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>" * 50)]


def _zip(entries: list[tuple[str, bytes]], when: tuple[int, ...], level: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
            info.external_attr = 0o600 << 16
            info.create_system = 0
            archive.writestr(info, data)
    return buffer.getvalue()


def test_same_contents_give_the_same_bytes() -> None:
    one = _zip(ENTRIES, (2001, 2, 3, 4, 5, 6), 1)
    other = _zip(ENTRIES, time.localtime()[:6], 9)
    assert one != other
    assert repack(one, STAMP) == repack(other, STAMP)


def test_entries_keep_their_order_and_carry_the_stamp_and_mode() -> None:
    packed = zipfile.ZipFile(io.BytesIO(repack(_zip(ENTRIES, (2001, 1, 1, 0, 0, 0), 9), STAMP)))
    assert [i.filename for i in packed.infolist()] == [name for name, _ in ENTRIES]
    assert {i.date_time for i in packed.infolist()} == {(2024, 9, 14, 0, 0, 0)}
    assert {i.external_attr for i in packed.infolist()} == {REGULAR_FILE}
    assert packed.read("word/document.xml") == ENTRIES[1][1]


def test_edit_rewrites_or_leaves_out_entries() -> None:
    def edit(name: str, data: bytes) -> bytes | None:
        return None if name.startswith("[") else data.upper()

    data = repack(
        _zip(ENTRIES, (2001, 1, 1, 0, 0, 0), 6), STAMP, edit=edit, file_mode=PERMISSIONS_ONLY
    )
    packed = zipfile.ZipFile(io.BytesIO(data))
    assert packed.namelist() == ["word/document.xml"]
    assert packed.read("word/document.xml") == ENTRIES[1][1].upper()
    assert packed.infolist()[0].external_attr == PERMISSIONS_ONLY


def test_a_workbook_is_dated_by_the_stamp_not_the_clock() -> None:
    def book() -> bytes:
        wb = Workbook()
        wb.active["A1"] = "Tỷ lệ hoàn thành"
        wb.properties.created = wb.properties.modified = STAMP
        return workbook_bytes(wb, STAMP)

    first = book()
    assert book() == first
    packed = zipfile.ZipFile(io.BytesIO(first))
    assert {i.date_time for i in packed.infolist()} == {(2024, 9, 14, 0, 0, 0)}
    assert b"2024-09-14T00:00:00Z" in packed.read("docProps/core.xml")


def test_fixed_time_is_midnight_and_never_before_zip_time() -> None:
    assert fixed_time(dt.date(2024, 9, 14)) == STAMP
    assert fixed_time(dt.date(1975, 5, 1)) == dt.datetime(1980, 1, 1)
