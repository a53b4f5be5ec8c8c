"""Fuzzing: byte- and line-level mutations of each file kind of the embedded data.

Whatever a file becomes, ``plantrack check`` exits 0 or 1 (never 2, never a traceback), and
every error it reports names a line, except the few codes about a file as a whole.
Bounded: 50 examples per test, in a repository of the plan, the units, the indices and one
report, so the module runs in seconds.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.corpus import ROOT, TODAY, parse_findings, run_cli

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
    for path, line, column, severity, code_ in parse_findings(out):
        if severity != "error" or code_ in UNLOCATED:
            continue
        assert line is not None and column is not None, (path, code_, out)
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
