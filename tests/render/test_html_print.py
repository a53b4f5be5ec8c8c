"""The HTML report printed by Chromium on A4: no heading left alone at the foot of a page,
and no page more than half empty unless the next one starts a section."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plantrack import api
from plantrack.render.html import render_html
from tests.render.pdfpages import Page, pdf_pages

EMBEDDED = Path(__file__).resolve().parents[2]


def _headings(page: str) -> list[str]:
    found = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split()) for h in found]


def _text(page: Page) -> str:
    return re.sub(r"^\d+ ", "", page.text)  # the page number at the top


@pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("pdftotext")), reason="Chromium not installed"
)
def test_chromium_prints_without_orphans_or_half_empty_pages(tmp_path: Path) -> None:
    prepared = api.prepare_consolidation(EMBEDDED, "2024-Y")
    assert prepared.vm is not None
    page = render_html(prepared.vm)
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    headings = [h for h in _headings(page) if h]
    pages = pdf_pages(pdf)
    assert len(pages) >= 10
    for number, printed in enumerate(pages, start=1):
        assert printed.words, number
        text = _text(printed)
        for heading in headings:  # a heading never ends a page
            assert not text.endswith(heading), (number, heading)
        if number == len(pages):
            continue
        filled = printed.filled()
        if filled < 0.5:  # allowed only at the end of a section: the next page starts one
            following = _text(pages[number])
            assert any(following.startswith(h) for h in headings), (number, filled)
