"""Fixtures of the application-layer tests: the mini repository with a git history of its own
(from the audit tests), and a plain writable copy for the use cases that need no history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.audit.conftest import _isolated, cli, mini  # noqa: F401 - fixtures shared here

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    """A writable copy of the mini repository, not a git repository."""
    root = tmp_path / "plain"
    shutil.copytree(MINI, root)
    return root
