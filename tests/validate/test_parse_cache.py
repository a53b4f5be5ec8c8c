"""The parse cache: a re-check after one edit parses only the edited file, and the cache
never changes what a check finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plantrack.io import cache as cache_module
from plantrack.validate import loading
from tests.conftest import MiniRepo, place

DON = "data/reports/2024-Q3/xa-tra-don.yaml"
DZON = "data/reports/2024-Q3/xa-tra-dzon.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the report files parsed through the cached loader."""
    calls: list[int] = []
    original = loading.load_yaml_bytes

    def counting(raw: bytes, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(len(raw))
        return original(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "load_yaml_bytes", counting)
    return calls


def test_a_recheck_parses_only_the_edited_file(repo: MiniRepo, parses: list[int]) -> None:
    first = repo.check()
    assert len(parses) == 3  # the three reports of the fixture
    parses.clear()
    assert repo.check() == first
    assert parses == []
    repo.edit(DON, "Đã niêm yết 98", "Đã niêm yết 99")
    second = repo.check()
    assert len(parses) == 1
    assert second == first


def test_findings_are_the_same_with_and_without_the_cache(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit(DZON, "unit: xa-tra-dzon", "unit: xa-tra-don")  # a cross-file finding
    repo.edit(DON, "    progress: 100\n", "    progres: 100\n")  # a file's own finding
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    uncached = repo.check()
    monkeypatch.undo()
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(repo.root.parent / "cache"))
    cold = repo.check()
    warm = repo.check()
    assert [place(f) for f in uncached] == [place(f) for f in cold] == [place(f) for f in warm]
    assert any(f.code == "PT205" and f.line == 2 for f in warm)  # placed by a lazy re-parse
    assert any(f.code == "PT101" and f.line is not None for f in warm)


def test_a_broken_or_foreign_cache_file_is_ignored(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", str(folder))
    clean = repo.check()
    (cache_file,) = folder.iterdir()
    cache_file.write_text("{not json", encoding="utf-8")
    assert repo.check() == clean
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    for entry in data["entries"].values():  # a payload that no longer fits the model
        entry["payload"] = {"model": {"unexpected": 1}, "findings": []}
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert repo.check() == clean
    data["fingerprint"] = "another version"
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    assert repo.check() == clean


def test_caching_can_be_turned_off(
    repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, parses: list[int]
) -> None:
    monkeypatch.setenv("PLANTRACK_CACHE_DIR", "off")
    assert cache_module.cache_dir() is None
    repo.check()
    repo.check()
    assert parses == []  # the uncached path reads files through load_model, not this loader


def test_the_default_cache_lives_outside_the_repository(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLANTRACK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.cache_dir() == tmp_path / "xdg" / "plantrack"
