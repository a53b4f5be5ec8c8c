"""Read-only git access: the data commit, uncommitted inputs, and when report files were added.

Each function runs one git process; none is called per file. Outside a git repository (or
without git) they return empty answers so plantrack still works from plain files.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from plantrack import layout


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run ``git ARGS`` in ``root`` (paths unquoted, UTF-8); ``None`` when git is missing."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:
        return None


def output(root: Path, *args: str) -> str | None:
    """The standard output of ``git ARGS`` in ``root``, or ``None`` when it fails."""
    done = run(root, *args)
    return done.stdout if done is not None and done.returncode == 0 else None


def head_commit(root: Path) -> str | None:
    """The commit checked out at ``root``, or ``None`` (no git, or no commit yet)."""
    out = output(root, "rev-parse", "--verify", "-q", "HEAD")
    return out.strip() or None if out else None


def uncommitted(root: Path, prefix: str = layout.DATA) -> set[str]:
    """Repo-relative paths under ``prefix`` that differ from HEAD or are untracked."""
    out = output(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", prefix)
    if not out:
        return set()
    # Porcelain paths are relative to the top of the git work tree, which may lie above root.
    top_prefix = (output(root, "rev-parse", "--show-prefix") or "").strip()
    paths: set[str] = set()
    entries = out.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        if len(entry) > 3:
            paths.add(entry[3:].removeprefix(top_prefix))
            if entry[0] in "RC":  # a rename is followed by its old path
                index += 1
        index += 1
    return paths


def first_added(root: Path, prefix: str = layout.REPORTS) -> dict[str, dt.datetime]:
    """For every file under ``prefix``, the author date of the commit that first added it.

    One ``git log`` pass over the history, oldest first.
    """
    out = output(
        root,
        "log",
        "--reverse",
        "--relative",
        "--diff-filter=A",
        "--name-only",
        "--format=@@%aI",
        "--",
        prefix,
    )
    found: dict[str, dt.datetime] = {}
    if not out:
        return found
    when: dt.datetime | None = None
    for line in out.splitlines():
        if line.startswith("@@"):
            when = dt.datetime.fromisoformat(line[2:])
        elif line and when is not None:
            found.setdefault(line, when)
    return found
