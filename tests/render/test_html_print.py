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

EMBEDDED = Path(__file__).resolve().parents[2]
Word = tuple[float, str]  # bottom edge, text


def _pages(pdf: Path) -> list[tuple[float, list[Word]]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for height, body in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S
    ):
        words = re.findall(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', body
        )
        pages.append((float(height), [(float(y), html.unescape(w)) for y, w in words]))
    return pages


def _headings(page: str) -> list[str]:
    found = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", page, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split()) for h in found]


def _text(words: list[Word]) -> str:
    text = " ".join(w for _, w in words)
    return re.sub(r"^\d+ ", "", text)  # the page number at the top


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
    pages = _pages(pdf)
    assert len(pages) >= 10
    for number, (height, words) in enumerate(pages, start=1):
        assert words, number
        text = _text(words)
        for heading in headings:  # a heading never ends a page
            assert not text.endswith(heading), (number, heading)
        if number == len(pages):
            continue
        filled = max(bottom for bottom, _ in words) / height
        if filled < 0.5:  # allowed only at the end of a section: the next page starts one
            following = _text(pages[number][1])
            assert any(following.startswith(h) for h in headings), (number, filled)
