"""Pruning the cache of mirrors over a real git daemon: a mirror no parent links any more goes,
with the trees and derived figures no lock pins; one another parent sharing the cache still
links stays until that parent's folder is gone."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from plantrack.app.rollup import Fetching, sync
from plantrack.app.rollup_cache import DERIVED
from plantrack.app.rollup_lock import read_lock
from plantrack.app.rollup_prune import prune
from plantrack.app.rollup_verify import rolled_up
from plantrack.io import mirror
from tests.city import PERIOD, City, city_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
NOW = dt.datetime(2024, 10, 1, 8, 0, tzinfo=dt.UTC)


def _sync(city: City, root: Path) -> None:
    sync(root, PERIOD, Fetching(city.cache, jobs=3, timeout=20, retries=0), now=NOW)


def _unlink(root: Path, unit: str) -> str:
    """Drop the repository of ``unit`` from the parent at ``root``; the URL it named."""
    path = root / f"data/units/{unit}.yaml"
    text = path.read_text("utf-8")
    head, _, _ = text.partition("repository:\n")
    path.write_text(head, "utf-8")
    url = text.split("url: ", 1)[1].split("\n", 1)[0]
    return url


def test_prune_keeps_what_a_parent_uses_and_removes_the_rest(city: City, tmp_path: Path) -> None:
    _sync(city, city.parent)
    rolled_up(city.parent, PERIOD, city.cache)  # keeps each child's derived figures
    other = tmp_path / "other-city"
    shutil.copytree(city.parent, other)
    _sync(city, other)  # a second parent sharing the cache, linking the same children
    commit = read_lock(city.parent, PERIOD)["xa-c"].commit
    url = _unlink(city.parent, "xa-c")
    _sync(city, city.parent)
    gone = mirror.mirror_path(city.cache, url)
    assert prune(city.cache).mirrors == []  # the other parent still links it
    assert gone.is_dir() and (city.cache / "trees" / str(commit)).is_dir()
    shutil.rmtree(other)
    pruned = prune(city.cache)
    assert pruned.mirrors == [gone.name] and not gone.exists()
    assert pruned.trees >= 1 and not (city.cache / "trees" / str(commit)).exists()
    assert pruned.freed > 0
    kept = read_lock(city.parent, PERIOD)["xa-a"]
    assert mirror.has_commit(mirror.mirror_path(city.cache, kept.url), str(kept.commit))
    assert (city.cache / "trees" / str(kept.commit)).is_dir()
    entries = [p.name.split("-", 1)[0] for p in (city.cache / DERIVED).iterdir()]
    assert entries == [kept.commit]  # xa-c's derivation went with its tree
    assert prune(city.cache).mirrors == []  # nothing more to remove
