"""The cycle collector is paused while a check lists the repository and loads its plan, units
and indices, and runs again afterwards (also after a failure)."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from plantrack.validate import check
from plantrack.validate.check import check_repository
from tests.conftest import TODAY, MiniRepo


def test_the_collector_is_paused_while_the_base_loads(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = check.base_of

    def noted(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(check, "base_of", noted)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    result = check_repository(repo.root, today=TODAY)
    assert seen == [False]
    assert gc.isenabled()
    assert result.files > 0


def test_the_collector_runs_again_after_a_failure(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("broken")

    monkeypatch.setattr(check, "base_of", broken)
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    with pytest.raises(RuntimeError):
        check_repository(repo.root, today=TODAY)
    assert gc.isenabled()
