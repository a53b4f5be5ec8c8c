"""Reading a printed PDF back for the print tests: each page's height and words with their
boxes (``pdftotext -bbox``), how far down a page its text reaches, and LibreOffice's PDF."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
)
FOOTER = re.compile(r"^(.*) - Trang (\d+)/(\d+)$")  # the workbook's footer: sheet, page


@dataclass(frozen=True)
class Word:
    """A word and its top and bottom edges (points from the top of the page)."""

    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Page:
    """A printed page: its height and its words in reading order."""

    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def footer_line(self) -> str:
        """The words of the lowest line, where a footer prints."""
        if not self.words:
            return ""
        lowest = max(w.top for w in self.words)
        return " ".join(w.text for w in self.words if w.top >= lowest - 1)

    def filled(self, *, footer: bool = False) -> float:
        """How far down the page the text reaches (0–1), the footer's line left out when
        ``footer``."""
        words = self.words
        if footer and words:
            lowest = max(w.top for w in words)
            words = [w for w in words if w.top < lowest - 1]
        return max((w.bottom for w in words), default=0.0) / self.height


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its words."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        Page(
            float(height),
            [Word(float(t), float(b), html.unescape(w)) for t, b, w in _WORD.findall(body)],
        )
        for height, body in _PAGE.findall(out)
    ]


def office_pdf(source: Path, outdir: Path) -> Path:
    """``source`` printed to PDF by LibreOffice (its own profile: runs at once do not meet)."""
    subprocess.run(
        [
            shutil.which("soffice") or shutil.which("libreoffice") or "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
    return outdir / f"{source.stem}.pdf"


def has_font(family: str) -> bool:
    """Whether fontconfig knows ``family`` (LibreOffice lays text out with what it finds)."""
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
    return bool(found.strip())
