"""Fixtures of the hardening tests: a writable copy of the mini repository, outside any git
repository, and a listing of every file in a folder to prove it unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.hardening.corpus import MINI


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini repository; git stops looking for a repository at ``tmp_path``."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    return root


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (``.git`` included) → its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
