"""Atomic writes: a temporary file in the same folder, then a rename (or, to create a file
that must not exist yet, a hard link, which fails when another writer got there first)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def _staged(path: Path, data: bytes | str) -> Iterator[str]:
    """A temporary file beside ``path`` holding ``data`` (synced), removed afterwards."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes it private; files follow the umask as usual
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    with _staged(path, data) as tmp:
        os.replace(tmp, path)


def create_exclusive(path: Path, data: bytes | str) -> bool:
    """Create ``path`` holding ``data`` only if no file is there; ``False`` when one is.

    The complete file is linked into place in one step, so readers never see it half
    written and two concurrent writers cannot silently replace each other: the second one
    gets ``False``. Where hard links are not supported the file is created with
    ``O_CREAT | O_EXCL`` and then filled.
    """
    with _staged(path, data) as tmp:
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (some network or FAT file systems)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
    return True


def _umask() -> int:
    """The process's umask (reading it means setting it; set it straight back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
