"""Mirrors from data-given URLs: only plain transports, never an option, never outside the
cache; a commit's files extracted without leaving the target folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plantrack.io import mirror
from tests.audit.conftest import Repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_the_ext_transport_never_runs_a_command(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    done = mirror.fetch(tmp_path / "cache", f"ext::sh -c touch% {marker}", 20)
    assert not done.ok and not marker.exists()


def test_a_url_is_never_read_as_an_option(tmp_path: Path) -> None:
    done = mirror.fetch(tmp_path / "cache", "--upload-pack=touch /tmp/x", 20)
    assert not done.ok and "invalid" in done.error


def test_mirror_folders_stay_in_the_cache(tmp_path: Path) -> None:
    for url in ("../../etc", "https://h/../../x.git", "/", "git://h/a b/ü.git"):
        path = mirror.mirror_path(tmp_path, url)
        assert path.parent == tmp_path and path.name.endswith(".git")
    assert mirror.mirror_path(tmp_path, "a/x") != mirror.mirror_path(tmp_path, "b/x")


def test_clone_then_fetch_then_extract(tmp_path: Path) -> None:
    source = Repo(tmp_path / "src").init()
    source.write("data/plan.yaml", "id: x\n")
    source.write("other.txt", "không lấy\n")
    first = source.commit("2024-09-01", "a@example.vn")
    cache = tmp_path / "cache"
    assert mirror.fetch(cache, str(source.root), 20).ok
    target = mirror.mirror_path(cache, str(source.root))
    assert mirror.branch_commit(target, "main") == first
    source.write("data/plan.yaml", "id: y\n")
    second = source.commit("2024-09-02", "a@example.vn")
    assert mirror.fetch(cache, str(source.root), 20).ok
    assert mirror.branch_commit(target, "main") == second
    assert mirror.is_ancestor(target, first, second) and not mirror.is_ancestor(
        target, second, first
    )
    assert mirror.branch_commit(target, "khong-co") is None
    out = tmp_path / "out"
    assert mirror.extract(target, first, out, "data")
    assert (out / "data/plan.yaml").read_text() == "id: x\n" and not (out / "other.txt").exists()
    assert not mirror.extract(target, "0" * 40, tmp_path / "none", "data")


def test_a_slow_git_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    done = mirror._git(["-c", "alias.slow=!sleep 5", "slow"], tmp_path, 0.5)
    assert done.code is None and not done.ok
