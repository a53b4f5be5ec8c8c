"""Shared fixtures: a writable copy of the mini repository and helpers to break it and check it.

Tests never edit ``tests/fixtures/mini``; they copy it to a temporary folder and break the copy.
Pytest imports this file as ``tests.conftest`` (import mode ``importlib``), so test modules
take the helpers below with ``from tests.conftest import …``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import settings

from plantrack.validate.check import check_repository
from plantrack.validate.finding import Finding

# CI must give the same verdict on every run: property tests draw the same examples each time
# (derandomized). Explore further by hand with `pytest --hypothesis-seed=<n>`.
settings.register_profile("plantrack", derandomize=True)
settings.load_profile("plantrack")

MINI = Path(__file__).parent / "fixtures" / "mini"
# Later than every submission date in the mini repository, so PT226 stays quiet by default.
TODAY = dt.date(2024, 10, 1)

PLAN = "data/plan.yaml"
REPORT_DON = "data/reports/2024-Q3/xa-tra-don.yaml"
REPORT_DZON = "data/reports/2024-Q3/xa-tra-dzon.yaml"
REPORT_PNV = "data/reports/2024-Q3/phong-noi-vu.yaml"
UNIT_DON = "data/units/xa-tra-don.yaml"
UNIT_DZON = "data/units/xa-tra-dzon.yaml"
INDEX_PAPI = "data/indices/papi.yaml"

_QUOTED = re.compile(r"'[^']*'")


def has_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter with a Vietnamese diacritic (or đ)."""
    return any(ch in "đĐ" or unicodedata.normalize("NFD", ch) != ch for ch in text)


class MiniRepo:
    """A writable copy of the mini repository, with helpers to edit and check it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        """The absolute path of a repo-relative file."""
        return self.root / rel

    def read(self, rel: str) -> str:
        """A file's text."""
        return self.path(rel).read_text("utf-8")

    def write(self, rel: str, text: str) -> None:
        """Write a file (creating folders)."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in a file by ``new``."""
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def pos(self, rel: str, needle: str, nth: int = 1) -> tuple[int, int]:
        """1-based line and column of the ``nth`` occurrence of ``needle`` in a file."""
        text = self.read(rel)
        offset = -1
        for _ in range(nth):
            offset = text.index(needle, offset + 1)
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def check(self, *, only: list[str] | None = None, today: dt.date = TODAY) -> list[Finding]:
        """Every finding of the repository (or of ``only``)."""
        return check_repository(self.root, today=today, only=only).findings

    def one(self, code: str, **kwargs: object) -> Finding:
        """The single finding ``code`` of a check (fails if there is none or several)."""
        found = [f for f in self.check(**kwargs) if f.code == code]  # type: ignore[arg-type]
        assert len(found) == 1, [f"{f.code} {f.path}:{f.line} {f.message_en}" for f in found]
        return found[0]

    def codes(self, **kwargs: object) -> set[str]:
        """The set of codes a check reports."""
        return {f.code for f in self.check(**kwargs)}  # type: ignore[arg-type]


def place(f: Finding) -> tuple[str, str, str, int | None, int | None, str]:
    """A finding's code, severity, path, line, column and key path, for one comparison."""
    return (f.code, f.severity, f.path, f.line, f.column, f.key)


def assert_bilingual(f: Finding, *data: str) -> None:
    """The Vietnamese message is Vietnamese, the English one is English.

    Quoted values (``'…'``) and the ``data`` strings (content copied from the files, such as a
    task title) may be Vietnamese in the English text; nothing else may.
    """
    assert f.message_vi and f.message_en
    assert f.message_vi != f.message_en
    assert has_vietnamese(f.message_vi), f.message_vi
    english = _QUOTED.sub("", f.message_en)
    for value in data:
        english = english.replace(value, "")
    assert not has_vietnamese(english), f.message_en
    assert bool(f.hint_vi) == bool(f.hint_en)
    if f.hint_en:
        assert not has_vietnamese(_QUOTED.sub("", f.hint_en)) or f.code == "PT217", f.hint_en


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    """A fresh copy of ``tests/fixtures/mini`` that a test may break."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root, symlinks=True)
    return MiniRepo(root)


@pytest.fixture(autouse=True)
def _private_parse_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own parse cache folder, never the user's ~/.cache."""
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
