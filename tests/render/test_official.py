"""The official documents of the embedded plan, read as the office's reviewer would: no
machine artefacts, no paragraph twice, the marks on every page, and the Word report of
2024-Y short enough to sign (LibreOffice renders it; the body is counted in pages)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from plantrack import api
from plantrack.domain.viewmodel import Consolidation
from plantrack.render.documents import render_markdown
from plantrack.render.docx.report import render_docx
from plantrack.render.html import render_html
from plantrack.render.report import SECTION_TEMPLATE
from tests.render.pdfpages import office_pdf

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2024-Y"
BODY_PAGES = 15  # a district's report: 8–12 pages of body, appendices apart


@pytest.fixture(scope="module")
def vm() -> Consolidation:
    prepared = api.prepare_consolidation(ROOT, PERIOD)
    assert prepared.vm is not None, prepared.errors
    return prepared.vm


@pytest.fixture(scope="module")
def word(vm: Consolidation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("official") / f"bao-cao-{PERIOD}.docx"
    path.write_bytes(render_docx(vm, repo=ROOT))
    return path


def _paragraphs(document: Any) -> list[str]:
    """The body's paragraphs (table cells apart), in order."""
    return [p.text for p in document.paragraphs if p.text.strip()]


def _all_text(document: Any) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    headers = [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(_paragraphs(document) + cells + headers)


def _artefacts(vm: Consolidation) -> list[re.Pattern[str]]:
    """What a signed document never shows: the plan's task and unit ids, index codes, hashes,
    ISO dates, git words, the tool, multiplication signs."""
    ids = {t.id for t in vm.tasks} | {u.id for u in vm.units}
    codes = {f"{i.id}." for i in vm.indices} | {i.id for i in vm.indices if " " not in i.id}
    named = {"PAPI", "SIPAS"}  # acronyms the plan's own title uses, not codes
    words = sorted(ids | (codes - named), key=len, reverse=True)
    return [
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"),
        re.compile(r"\b[0-9a-f]{12,64}\b"),
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
        re.compile(r"commit|sha-?256|plantrack|×", re.IGNORECASE),
    ]


def _check_clean(text: str, vm: Consolidation) -> None:
    for pattern in _artefacts(vm):
        found = pattern.findall(text)
        assert not found, (pattern.pattern[:60], found[:5])


def test_word_report_has_no_machine_artefacts(word: Path, vm: Consolidation) -> None:
    _check_clean(_all_text(docx.Document(str(word))), vm)


def test_markdown_and_html_reports_have_no_machine_artefacts(vm: Consolidation) -> None:
    _check_clean(render_markdown(vm, ROOT), vm)
    html = render_html(vm, ROOT)
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<[^>]+>", " ", html, flags=re.DOTALL)
    _check_clean(text, vm)


def test_section_for_the_cchc_report_has_no_machine_artefacts(vm: Consolidation) -> None:
    _check_clean(render_markdown(vm, ROOT, SECTION_TEMPLATE), vm)


def test_no_paragraph_appears_twice(word: Path, vm: Consolidation) -> None:
    # each appendix says which report it is attached to: the one line meant to repeat
    paragraphs = [p for p in _paragraphs(docx.Document(str(word))) if not p.startswith("(Kèm theo")]
    repeated = {p for p in paragraphs if paragraphs.count(p) > 1}
    assert not repeated, sorted(repeated)[:5]
    lines = [
        line
        for line in render_markdown(vm, ROOT).splitlines()
        if len(line) > 20 and "Kèm theo" not in line and not line.startswith("|")
    ]
    assert len(lines) == len(set(lines)), sorted({x for x in lines if lines.count(x) > 1})[:5]


def test_dates_are_written_dd_mm_yyyy(word: Path) -> None:
    text = _all_text(docx.Document(str(word)))
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", text)
    assert not re.search(r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b", text)


def test_illustrative_plan_marks_every_page(word: Path, vm: Consolidation) -> None:
    assert vm.plan.illustrative
    document = docx.Document(str(word))
    first = document.sections[0]
    assert "DỮ LIỆU MINH HỌA" in " ".join(p.text for p in first.first_page_header.paragraphs)
    for section in document.sections:  # later sections repeat the first one's header
        header = section.header if not section.header.is_linked_to_previous else first.header
        assert "DỮ LIỆU MINH HỌA" in " ".join(p.text for p in header.paragraphs)
    assert render_markdown(vm, ROOT).startswith("**DỮ LIỆU MINH HỌA")
    assert '<div class="marks">DỮ LIỆU MINH HỌA</div>' in render_html(vm, ROOT)


def test_signed_by_the_plan_signer_and_sent_as_listed(word: Path, vm: Consolidation) -> None:
    document = docx.Document(str(word))
    sign = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    left, right = sign.rows[0].cells
    assert vm.document is not None and vm.document.signer_name
    assert right.paragraphs[-1].text == vm.document.signer_name
    lines = [p.text for p in left.paragraphs]
    assert lines[1].startswith("- UBND huyện") and lines[-1].startswith("- Lưu:")
    assert "DỰ THẢO" not in " ".join(
        p.text for s in document.sections for p in s.first_page_header.paragraphs
    )


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout.split("\f")


def test_word_report_body_fits_in_fifteen_pages(word: Path, tmp_path: Path) -> None:
    """LibreOffice lays the document out: the body (up to the first appendix) is at most
    fifteen A4 pages."""
    if _soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils not installed")
    pdf = office_pdf(word, tmp_path)
    pages = _pages(pdf)
    body = next(i for i, page in enumerate(pages) if "(Kèm theo Báo cáo số" in page)
    assert 4 <= body <= BODY_PAGES, body
    assert "Nơi nhận" in pages[body - 1]  # the signature closes the body
    assert re.search(r"Phụ lục 1", pages[body])


def test_word_headings_follow_the_decree(word: Path) -> None:
    document = docx.Document(str(word))
    marks = []
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            marks.append(paragraph.text.split(" ")[0])
    assert [m for m in marks if re.match(r"^[IVX]+\.$", m)] == ["I.", "II.", "III.", "IV.", "V."]
    assert all(re.match(r"^([IVX]+\.|\d+\.|[a-zđ]+\))$", m) for m in marks), marks
