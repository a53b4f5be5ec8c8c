"""Safe outputs: hostile text in a report shows as text in every format, never as a formula,
a tag, a link or markup; output file names are safe on Windows and Linux."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import yaml

from plantrack import api
from tests.hardening.corpus import MINI, run_cli

PERIOD = "2024-Q3"
REPORT = "data/reports/2024-Q3/xa-tra-don.yaml"
FORMULA = '=HYPERLINK("http://evil","bấm vào đây")'
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MARKDOWN = "| * _ [x](javascript:alert(1)) # `code` ~~del~~"
CONTROLS = "đầu\x0bgiữa\x0ccuối"
LONG_WORD = "Đ" + "W" * 4000
HOSTILE = [FORMULA, "+1", "-2", "@SUM(A1)", SCRIPT, IMG, MARKDOWN, CONTROLS, LONG_WORD]


def without_controls(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every format of the mini repository's consolidation, hostile text in one report."""
    root = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(MINI, root)
    path = root / REPORT
    data = yaml.safe_load(path.read_text("utf-8"))
    first, second = data["tasks"]
    first["results"] = FORMULA
    first["difficulties"] = "+1"
    first["next_steps"] = "-2"
    first["evidence"][0]["title"] = IMG
    second["results"] = f"{SCRIPT} {MARKDOWN} {CONTROLS}"
    data["number"] = "@SUM(A1)"
    data["narrative"] = {"direction": FORMULA}
    for key in ("proposals", "difficulties", "next_tasks"):
        data[key] = list(HOSTILE)
    # safe_dump writes the control characters as double-quoted escapes, as YAML allows
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    prepared = api.prepare_consolidation(root, PERIOD, today=dt.date(2024, 10, 1))
    assert prepared.vm is not None, [f.message_en for f in prepared.errors]
    return api.render_outputs(prepared.vm, root)


def output(outputs: dict[str, bytes], ext: str) -> bytes:
    (name,) = [n for n in outputs if n.endswith(f".{ext}")]
    return outputs[name]


# --- xlsx -----------------------------------------------------------------------------


def test_xlsx_cells_are_text_and_unchanged(outputs: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(output(outputs, "xlsx")))
    seen = set()
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    assert {FORMULA, "+1", "-2", "@SUM(A1)"} <= seen
    values = {c.value for s in book for r in s.iter_rows() for c in r}
    assert without_controls(f"{SCRIPT} {MARKDOWN} {CONTROLS}") in values


def test_xlsx_sheets_hold_no_formula(outputs: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(output(outputs, "xlsx"))) as archive:
        for name in archive.namelist():
            xml = archive.read(name).decode("utf-8")
            if name.startswith("xl/worksheets/"):
                assert not re.search(r"<f[ >]", xml), name
                assert 't="str"' not in xml  # a formula's cached string
            if name.startswith("xl/charts/"):  # chart series point at cell ranges only
                for ref in re.findall(r"<c:f>(.*?)</c:f>", xml):
                    assert re.fullmatch(r"'[^']+'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?", ref), ref


# --- HTML -----------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_has_no_executable_tag_or_attribute(outputs: dict[str, bytes]) -> None:
    page = output(outputs, "html").decode("utf-8")
    parser = _Collector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "iframe", "object", "embed", "img", "form", "base"}
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
    text = "".join(parser.text)
    for hostile in (SCRIPT, IMG, FORMULA, MARKDOWN):
        assert hostile in text  # shown as text, escaped in the source
    assert "&lt;script&gt;" in page and SCRIPT not in page


# --- Markdown -------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_markdown_escapes_its_specials(outputs: dict[str, bytes]) -> None:
    text = output(outputs, "md").decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # no link can form
    assert r"\[x\]" in text and r"\<script\>" in text
    for line in text.splitlines():
        # report text never starts a line: no heading, list or quote of its own
        assert not line.lstrip("-* ").startswith(("<script", "=HYPERLINK", "# `code`"))


def test_markdown_table_rows_keep_their_columns(outputs: dict[str, bytes]) -> None:
    text = output(outputs, "md").decode("utf-8")
    tables: list[list[str]] = []
    previous = False
    for line in text.splitlines():
        is_row = line.startswith("|")
        if is_row and not previous:
            tables.append([])
        if is_row:
            tables[-1].append(line)
        previous = is_row
    assert tables
    hostile_rows = 0
    for rows in tables:
        columns = len(_UNESCAPED_PIPE.findall(rows[0]))
        for row in rows:
            assert len(_UNESCAPED_PIPE.findall(row)) == columns, row
            hostile_rows += "HYPERLINK" in row or "SUM(A1)" in row
    assert hostile_rows


# --- docx -----------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_docx_reads_back_without_control_characters(outputs: dict[str, bytes]) -> None:
    data = output(outputs, "docx")
    text = _docx_text(data)
    for hostile in HOSTILE:
        assert without_controls(hostile) in text, hostile[:40]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", xml)
    assert "<w:hyperlink" not in xml and "HYPERLINK" not in re.sub(r"<w:t[^>]*>.*?</w:t>", "", xml)


# --- JSON -----------------------------------------------------------------------------


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_json_round_trips_the_text_unchanged(outputs: dict[str, bytes]) -> None:
    data = json.loads(output(outputs, "json"))
    strings = set(_strings(data))
    for hostile in HOSTILE:
        assert hostile in strings, hostile[:40]


# --- file names -----------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)}


def assert_safe_name(name: str) -> None:
    """A file name valid and ordinary on Windows and Linux."""
    assert name and len(name) <= 255
    assert not _UNSAFE.search(name), name
    assert name == name.rstrip(". "), name
    assert name.split(".")[0].upper() not in _RESERVED, name


def test_output_names_are_safe(outputs: dict[str, bytes]) -> None:
    assert len(outputs) == len(api.FORMATS)
    for name in outputs:
        assert_safe_name(name)


@pytest.mark.parametrize("period", ["../../x", "CON", "2024-Q3/..", "2024-Q3\\..", "2024-Q9"])
def test_a_hostile_period_writes_nothing(period: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        "consolidate", "--period", period, "--repo", str(root), "--out", str(out)
    )
    assert code == 2, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_reminder_names_are_safe(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    out = tmp_path / "out"
    for fmt in ("md", "json", "text"):
        code, stdout, stderr = run_cli(
            "remind", "--period", PERIOD, "--as-of", "2024-10-01", "--repo", str(root),
            "--out", str(out), "--format", fmt,
        )  # fmt: skip
        assert code == 0, stdout + stderr
    names = [p.name for p in out.iterdir()]
    assert len(names) == 3
    for name in names:
        assert_safe_name(name)


def test_safe_name_check_refuses_what_windows_refuses() -> None:
    for bad in ("con.md", "LPT1.xlsx", "a:b", "x.", "x ", "a/b", "a|b", 'a"b'):
        with pytest.raises(AssertionError):
            assert_safe_name(bad)


@pytest.mark.parametrize("unit_id", ["con", "AUX", "nul", "com1", "lpt9", "x.y", "a_b-c"])
def test_form_names_are_safe_for_any_valid_unit_id(unit_id: str) -> None:
    from plantrack import layout

    assert_safe_name(layout.form_name(unit_id, PERIOD))
