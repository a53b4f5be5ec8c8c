"""Fuzzing: byte- and line-level mutations of each file kind of the embedded data.

Whatever a file becomes, ``plantrack check`` exits 0 or 1 (never 2, never a traceback), and
every error it reports names a line, except the few codes about a file as a whole.
The same holds for the Excel form of ``form import``: cell edits a user's Excel could make,
and byte mutations of the .xlsx; every error names its sheet and cell, except the few codes
about the workbook as a whole. Bounded: 50 examples per YAML test, 20 and 30 for forms, so
the module runs in well under a minute.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.corpus import MINI, ROOT, TODAY, parse_findings, run_cli

KINDS = {
    "plan": "data/plan.yaml",
    "unit": "data/units/xa-tra-mai.yaml",
    "index": "data/indices/sipas.yaml",
    "report": "data/reports/2024-Y/xa-tra-mai.yaml",
}
# findings about a file as a whole (unreadable, too big, a link out, misplaced, no plan)
UNLOCATED = {"PT001", "PT007", "PT013", "PT019", "PT229"}
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# bytes that matter to YAML, to encodings and to Vietnamese text
SPECIAL_BYTES = [
    b"\x00",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3",
    b"\xe1\xbb",
    b"\x85",
    b"\xe2\x80\xa8",
    *(bytes([c]) for c in b":-?,[]{}&*!|>'\"%@`#~<=."),
    "ệ".encode(),
    "Đ".encode(),
    "e\u0301".encode(),
]
# values that stress types, dates, numbers, tags and aliases
ODD_VALUES = [
    "",
    "~",
    "-1",
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "2024-02-30",
    "2024-Q5",
    "13/12/2024",
    "yes",
    "[a, b]",
    "{a: 1}",
    "'unclosed",
    '"\\ud800"',
    "!!python/object/apply:os.system [x]",
    "!custom x",
    "&a x",
    "*a",
    "../../etc/passwd",
    "|",
    ">-",
    "x" * 600,
    "Trà Mai\u200b",
]


@st.composite
def byte_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    raw = original
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        op = draw(st.integers(0, 4))
        if op == 0:  # insert special bytes
            raw = raw[:at] + draw(st.sampled_from(SPECIAL_BYTES)) + raw[at:]
        elif op == 1:  # insert arbitrary bytes
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=6)) + raw[at:]
        elif op == 2:  # delete a span (may cut a multi-byte letter in half)
            raw = raw[:at] + raw[at + draw(st.integers(1, 12)) :]
        elif op == 3:  # overwrite one byte
            raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
        else:  # truncate
            raw = raw[:at]
    return raw


@st.composite
def line_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    lines = original.decode("utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        op = draw(st.integers(0, 7))
        if op == 0:  # swap with another line
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 1:  # duplicate (a duplicate key, or a repeated list item)
            lines.insert(i, line)
        elif op == 2:
            del lines[i]
        elif op == 3:  # re-indent
            indent = draw(st.sampled_from([" ", "   ", "\t", "  \t"]))
            lines[i] = indent + line if draw(st.booleans()) else line[len(indent) :]
        elif op == 4 and ":" in line:  # replace a value
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(ODD_VALUES))}"
        elif op == 5 and ":" in line:  # misspell a key
            key, rest = line.split(":", 1)
            cut = draw(st.integers(0, max(0, len(key) - 1)))
            lines[i] = key[:cut] + key[cut + 1 :] + ":" + rest
        elif op == 6:  # a line ending of another editor
            lines[i] = line + draw(st.sampled_from(["\r", "\r\n", "\u2028"]))
        else:  # NFD or a merge key
            lines[i] = draw(st.sampled_from(["<<: {x: 1}", "? [a]", "---", "%YAML 1.1"])) + (
                "" if draw(st.booleans()) else " " + line
            )
    return "\n".join(lines).encode("utf-8")


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A small repository copy: plan, units, indices and the one report."""
    folder = Path(tempfile.mkdtemp(prefix="plantrack-fuzz-"))
    root = folder / "repo"
    for name in ("units", "indices"):
        shutil.copytree(ROOT / "data" / name, root / "data" / name)
    for rel in (KINDS["plan"], KINDS["report"]):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    code, out, _ = run_cli("check", "--repo", str(root), "--today", TODAY)
    assert code == 0, out
    yield root
    shutil.rmtree(folder, ignore_errors=True)


def check_mutant(root: Path, rel: str, raw: bytes) -> None:
    target = root / rel
    original = target.read_bytes()
    target.write_bytes(raw)
    try:
        code, out, err = run_cli("check", "--repo", str(root), "--today", TODAY)
    finally:
        target.write_bytes(original)
    assert "Traceback" not in out + err, err
    assert err == "", err
    assert code in (0, 1), out
    lines = raw.count(b"\n") + raw.count(b"\r") + raw.count(b"\xe2\x80\xa8") + 1
    for path, place, severity, code_ in parse_findings(out):
        if severity != "error" or code_ in UNLOCATED:
            continue
        assert place, (path, code_, out)
        line, column = (int(n) for n in place.split(":"))
        assert column >= 1, (path, code_, out)
        if path == rel:
            assert 1 <= line <= lines + 1, (code_, line, out)


def _original(kind: str) -> bytes:
    return (ROOT / KINDS[kind]).read_bytes()


@FUZZ
@given(raw=byte_mutation(_original("plan")))
def test_plan_bytes(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["plan"], raw)


@FUZZ
@given(raw=line_mutation(_original("plan")))
def test_plan_lines(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["plan"], raw)


@FUZZ
@given(raw=byte_mutation(_original("unit")))
def test_unit_bytes(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["unit"], raw)


@FUZZ
@given(raw=line_mutation(_original("unit")))
def test_unit_lines(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["unit"], raw)


@FUZZ
@given(raw=byte_mutation(_original("index")))
def test_index_bytes(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["index"], raw)


@FUZZ
@given(raw=line_mutation(_original("index")))
def test_index_lines(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["index"], raw)


@FUZZ
@given(raw=byte_mutation(_original("report")))
def test_report_bytes(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["report"], raw)


@FUZZ
@given(raw=line_mutation(_original("report")))
def test_report_lines(scratch: Path, raw: bytes) -> None:
    check_mutant(scratch, KINDS["report"], raw)


# --- Excel forms ----------------------------------------------------------------------

FORM = "bieu-mau-2024-Q3-xa-tra-don.xlsx"
FORM_SHEETS = ["Nhiệm vụ", "Chỉ tiêu", "Thông tin chung", "_meta"]
# about the workbook as a whole: no cell to name
WHOLE_FORM = {"PT301", "PT302", "PT303", "PT304", "PT305", "PT306", "PT307", "PT308"}
CELL_VALUES = [
    None,
    "",
    "=1+1",
    '=HYPERLINK("http://evil")',
    "+1",
    "@SUM(A1)",
    "Hoàn thành",
    "Đang thực hiện",
    "xong",
    "Có",
    "31/02/2024",
    "13/09/2024",
    "2024-09-13",
    -5,
    150,
    55.5,
    float("inf"),
    "t1",
    "t2",
    "t9",
    "../../plan",
    "ho-so-tiep-nhan",
    "x" * 30_000,
    "<script>alert(1)</script>",
    "Trà Don\u200b",
]


@st.composite
def form_mutation(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """Edits a user's Excel could make: values typed in cells, rows inserted or deleted,
    cells merged, rows hidden."""
    edits: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(1, 4))):
        sheet = draw(st.sampled_from(FORM_SHEETS))
        row, column = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        op = draw(st.integers(0, 5))
        if op <= 2:
            edits.append(("set", (sheet, row, column, draw(st.sampled_from(CELL_VALUES)))))
        elif op == 3:
            edits.append((draw(st.sampled_from(["insert", "delete"])), (sheet, row)))
        elif op == 4:
            edits.append(("merge", (sheet, row, column)))
        else:
            edits.append(("hide", (sheet, row)))
    return edits


def apply_edits(data: bytes, edits: list[tuple[str, Any]]) -> bytes:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell

    book = load_workbook(io.BytesIO(data))
    for op, args in edits:
        sheet = book[args[0]]
        if op == "set":
            cell = sheet.cell(args[1], args[2])
            if not isinstance(cell, MergedCell):  # Excel types into a merged range's first cell
                cell.value = args[3]
        elif op == "insert":
            sheet.insert_rows(args[1])
        elif op == "delete":
            sheet.delete_rows(args[1])
        elif op == "merge":
            sheet.merge_cells(start_row=args[1], start_column=args[2], end_row=args[1] + 1,
                              end_column=args[2])  # fmt: skip
        else:
            sheet.row_dimensions[args[1]].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def form_scratch() -> Iterator[tuple[Path, bytes]]:
    """A copy of the mini repository and xa-tra-don's 2024-Q3 form as exported."""
    from plantrack.forms.export import make_form
    from plantrack.validate.require import require_plan as open_repository

    folder = Path(tempfile.mkdtemp(prefix="plantrack-form-fuzz-"))
    root = folder / "repo"
    shutil.copytree(MINI, root)
    data, findings = make_form(open_repository(root), "xa-tra-don", "2024-Q3")
    assert data is not None, findings
    yield root, data
    shutil.rmtree(folder, ignore_errors=True)


def check_form(root: Path, raw: bytes) -> None:
    path = root.parent / FORM
    path.write_bytes(raw)
    args = ["form", "import", str(path), "--repo", str(root), "--today", "2024-10-01"]
    code, out, err = run_cli(*args, "--dry-run")
    assert "Traceback" not in out + err, err
    assert code in (0, 1), out + err
    for _, place, severity, code_ in parse_findings(err):
        if severity == "error" and code_ not in WHOLE_FORM:
            assert place, (code_, err)  # a sheet and a cell, or the sheet a row is missing from


@settings(FUZZ, max_examples=20)  # each example saves and reads a workbook: ~0.3 s
@given(edits=form_mutation())
def test_form_cells(form_scratch: tuple[Path, bytes], edits: list[tuple[str, Any]]) -> None:
    root, data = form_scratch
    check_form(root, apply_edits(data, edits))


@settings(FUZZ, max_examples=30)
@given(data=st.data())
def test_form_bytes(form_scratch: tuple[Path, bytes], data: st.DataObject) -> None:
    root, original = form_scratch
    check_form(root, data.draw(byte_mutation(original)))
