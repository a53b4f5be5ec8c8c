"""The cache of mirrors kept to what is used: ``rollup sync --prune`` removes each mirror no
parent using the cache links any more, and each extracted tree (a pinned commit's files,
migrated or not) no lock of theirs pins.

The cache may be shared by several parent repositories (the default one is per user), so each
``rollup sync`` records its parent's use in ``<cache>/parents/<digest>.json``: the parent's
folder, the URLs it links and the commits its locks pin. A record whose parent folder is gone
no longer protects anything. Folders being written (``.clone-…``, ``.tree-…``) are left alone.
The derived figures kept by commit (``derived/<commit>-…``) go with their commit's tree.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plantrack import layout
from plantrack.app.rollup_cache import DERIVED
from plantrack.app.rollup_lock import read_lock
from plantrack.io import mirror
from plantrack.io.atomic import write_atomic
from plantrack.io.picklestore import SUFFIX

PARENTS = "parents"
TREES = "trees"  # beside the mirrors: each pinned commit's data, extracted once
LOCK_SUFFIX = ".lock.yaml"


@dataclass
class Pruned:
    """What ``prune`` removed: mirrors (by folder name) and trees, and the bytes freed."""

    mirrors: list[str] = field(default_factory=list)
    trees: int = 0
    freed: int = 0


def pinned_commits(root: Path) -> set[str]:
    """Every commit any lock of the parent at ``root`` pins, whatever its period."""
    folder = root / layout.ROLLUP
    periods = [p.name.removesuffix(LOCK_SUFFIX) for p in folder.glob(f"*{LOCK_SUFFIX}")]
    out: set[str] = set()
    for period in periods:
        pins = read_lock(root, period) or {}
        out |= {pin.commit for pin in pins.values() if pin.commit}
    return out


def record_use(cache: Path, root: Path, urls: Iterable[str]) -> None:
    """Record in ``cache`` what the parent at ``root`` uses: its linked URLs and pins."""
    where = str(root.resolve())
    name = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16] + ".json"
    use = {"parent": where, "urls": sorted(set(urls)), "commits": sorted(pinned_commits(root))}
    (cache / PARENTS).mkdir(parents=True, exist_ok=True)
    write_atomic(cache / PARENTS / name, json.dumps(use, indent=1) + "\n")


def _in_use(cache: Path) -> tuple[set[str], set[str]]:
    """The URLs and commits the parents recorded in ``cache`` use (those still there)."""
    urls: set[str] = set()
    commits: set[str] = set()
    for path in sorted((cache / PARENTS).glob("*.json")):
        try:
            use = json.loads(path.read_text("utf-8"))
            if not Path(use["parent"]).is_dir():
                path.unlink()
                continue
            urls |= {str(u) for u in use["urls"]}
            commits |= {str(c) for c in use["commits"]}
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: it protects nothing, and is left for a person to see
    return urls, commits


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _remove(folder: Path, done: Pruned) -> None:
    done.freed += _size(folder)
    shutil.rmtree(folder, ignore_errors=True)


def prune(cache: Path) -> Pruned:
    """Remove from ``cache`` the mirrors, trees and kept derivations no recorded parent uses
    any more."""
    done = Pruned()
    if not cache.is_dir():
        return done
    urls, commits = _in_use(cache)
    keep = {mirror.mirror_path(cache, url).name for url in urls}
    for entry in sorted(cache.iterdir()):
        if entry.name.endswith(".git") and entry.is_dir() and entry.name not in keep:
            _remove(entry, done)
            done.mirrors.append(entry.name)
    trees = cache / TREES
    for entry in sorted(trees.iterdir()) if trees.is_dir() else []:
        commit = entry.name.split("-", 1)[0]  # ``<commit>`` or ``<commit>-v<form>``
        if not entry.name.startswith(".") and entry.is_dir() and commit not in commits:
            _remove(entry, done)
            done.trees += 1
    kept = cache / DERIVED
    for entry in sorted(kept.glob(f"*{SUFFIX}")) if kept.is_dir() else []:
        if entry.name.split("-", 1)[0] not in commits:  # ``<commit>-<digest>.pickle``
            done.freed += entry.stat().st_size
            entry.unlink(missing_ok=True)
    return done
