"""Writing a new data repository: refuse a non-empty folder, copy file trees, ``git init``.

Skeleton files are stored with ``dot-`` in place of a leading dot (``dot-gitattributes``,
``dot-github/``) so that packaging tools never drop them as hidden files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from plantrack.io.atomic import create_exclusive
from plantrack.io.git import run as git_run

GitState = Literal["committed", "initialised", "no-git"]
_DOT = "dot-"


class NotEmptyError(Exception):
    """The target folder exists and holds something (its path is the message)."""


def ensure_empty(target: Path) -> None:
    """Raise ``NotEmptyError`` unless ``target`` is absent or an empty folder."""
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir() or any(target.iterdir()):
        raise NotEmptyError(str(target))


def _public_name(part: str) -> str:
    return "." + part[len(_DOT) :] if part.startswith(_DOT) else part


def _walk(src: Path, skip: Iterable[str]) -> list[tuple[str, Path]]:
    """Repo-relative POSIX names and paths of the files under ``src``, sorted; hidden files,
    caches and top-level names in ``skip`` left out."""
    skipped = set(skip)
    found: list[tuple[str, Path]] = []
    for folder, dirs, names in os.walk(src):
        here = Path(folder)
        top = here == src
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d != "__pycache__" and not (top and d in skipped)
        )
        for name in sorted(names):
            if name.startswith(".") or name.endswith((".pyc", "~")) or (top and name in skipped):
                continue
            path = here / name
            found.append((path.relative_to(src).as_posix(), path))
    return found


def read_texts(src: Path) -> dict[str, str]:
    """The UTF-8 text files under ``src`` by their public name (``dot-x`` → ``.x``)."""
    return {
        "/".join(_public_name(p) for p in rel.split("/")): path.read_text("utf-8")
        for rel, path in _walk(src, ())
    }


def read_tree(src: Path, skip: Iterable[str] = ()) -> dict[str, bytes]:
    """The files under ``src`` as bytes, by relative name, except top-level names in ``skip``."""
    return {rel: path.read_bytes() for rel, path in _walk(src, skip)}


def write_tree(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """Create every ``relative name → bytes`` under ``root``, each file whole and exclusively
    (another run writing the same folder at once stops this one: ``NotEmptyError``); the
    names written."""
    for rel, data in sorted(files.items()):
        if not create_exclusive(root / rel, data):
            raise NotEmptyError(str(root))
    return sorted(files)


def _configured(root: Path, key: str, *env: str) -> bool:
    if any(os.environ.get(name) for name in env):
        return True
    done = git_run(root, "config", "--get", key)
    return done is not None and done.returncode == 0 and bool(done.stdout.strip())


def has_identity(root: Path) -> bool:
    """Whether git has a configured author name and email (never guessed from the host)."""
    return _configured(root, "user.name", "GIT_AUTHOR_NAME") and _configured(
        root, "user.email", "GIT_AUTHOR_EMAIL", "EMAIL"
    )


def git_init(root: Path, message: str) -> GitState:
    """``git init`` at ``root``; commit everything when an identity is configured.

    ``no-git`` when git cannot run, ``initialised`` when the files are left for the user to
    commit (no identity, or the commit failed, e.g. a signing key is required).
    """
    done = git_run(root, "init", "-q")
    if done is None or done.returncode != 0:
        return "no-git"
    if not has_identity(root):
        return "initialised"
    added = git_run(root, "add", "-A")
    if added is None or added.returncode != 0:
        return "initialised"
    committed = git_run(root, "commit", "-q", "--no-verify", "-m", message)
    if committed is None or committed.returncode != 0:
        git_run(root, "reset", "-q")
        return "initialised"
    return "committed"
