"""Publish a folder of outputs at once: build it beside the target, then swap it in.

Readers never see a mix of two runs; a folder plantrack did not write is never replaced
without ``force``. The marker file lists what plantrack wrote with each file's SHA-256, so a
file a user added to the folder, or a written file the user edited, also needs ``force``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".plantrack-output"
# concurrent runs on one folder: how many times a run moves another's output aside and retries
_ATTEMPTS = 20


class OutputExistsError(Exception):
    """The target folder holds files plantrack did not write."""


def publish(target: Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name → bytes) as the whole content of ``target``; return their paths."""
    target = target.absolute()
    if target.exists() and not force and not _ours(target):
        raise OutputExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; outputs are for sharing
    try:
        for name, payload in files.items():
            (staging / name).write_bytes(payload)
        (staging / MARKER).write_text(_marker(files), encoding="utf-8")
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]


def _marker(files: dict[str, bytes]) -> str:
    """``plantrack`` then one ``<sha256>  <name>`` line per file written."""
    lines = [f"{hashlib.sha256(payload).hexdigest()}  {name}" for name, payload in files.items()]
    return "\n".join(["plantrack", *lines]) + "\n"


def _ours(target: Path) -> bool:
    """An empty folder, or one holding exactly what plantrack last wrote there, unchanged."""
    if not target.is_dir():
        return False
    entries = {p.name for p in target.iterdir()}
    if not entries:
        return True
    marker = target / MARKER
    if not marker.is_file():
        return False
    written = {}
    for line in marker.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        digest, _, name = line.partition("  ")
        written[name] = digest
    for name in entries - {MARKER}:
        path = target / name
        if name not in written or not path.is_file() or _sha256(path) != written[name]:
            return False  # a user's file, or one of ours the user edited
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _swap(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``, moving any previous output aside first.

    Another run may publish to the same target between the two renames: the target then
    exists again, and this run moves that output aside too and retries, so the last run wins
    whole. Any other failure puts the previous output back.
    """
    for _ in range(_ATTEMPTS):
        old = _move_aside(target)
        try:
            os.replace(staging, target)
        except OSError:
            if not target.exists():
                if old is not None:
                    os.replace(old, target)
                raise
            if old is not None:  # superseded by the concurrent run's output
                shutil.rmtree(old, ignore_errors=True)
            continue
        if old is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
        return
    raise OSError(f"{target}: other runs kept replacing it; try again")


def _move_aside(target: Path) -> Path | None:
    """Rename ``target`` to a fresh hidden sibling; ``None`` when there is no target."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    old.rmdir()
    try:
        os.replace(target, old)
    except FileNotFoundError:
        return None
    return old


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
