"""Publish a folder of outputs at once: build it beside the target, then swap it in.

Readers never see a mix of two runs; a folder plantrack did not write is never replaced
without ``force``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".plantrack-output"


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
        (staging / MARKER).write_text("plantrack\n", encoding="utf-8")
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]


def _ours(target: Path) -> bool:
    return target.is_dir() and ((target / MARKER).is_file() or not any(target.iterdir()))


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
