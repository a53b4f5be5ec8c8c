"""Swap a freshly built folder into place so that its path always holds a complete folder.

On Linux, ``renameat2(RENAME_EXCHANGE)`` swaps two paths in one step: the target holds the
previous folder until the instant it holds the new one. Where the kernel, the C library or
the file system lacks it, two renames are the fallback (the previous folder moved aside, the
new one moved in); a process killed between them leaves the previous folder beside the
target under a hidden name, which the next run puts back (:func:`recover`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NOT_SUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def _renameat2() -> object | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.renameat2
    except (OSError, AttributeError):  # not glibc ≥ 2.28 (musl, macOS, Windows)
        return None


_EXCHANGE = _renameat2() if os.name == "posix" else None


def exchange(first: Path, second: Path) -> bool:
    """Swap the folders at ``first`` and ``second`` in one step; ``False`` when this system
    cannot (the caller falls back to two renames). Other failures raise ``OSError``."""
    if _EXCHANGE is None:
        return False
    result = _EXCHANGE(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def run_tag() -> str:
    """A name part unique to this run, starting with its process id (see :func:`abandoned`)."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def abandoned(name: str, target: Path) -> bool:
    """``name`` is a hidden sibling of ``target`` left by a run that is no longer running."""
    prefix = f".{target.name}."
    if not name.startswith(prefix):
        return False
    pid = name[len(prefix) :].split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's
        return False
    return False


def aside_name(target: Path, tag: str) -> Path:
    """The hidden sibling where the previous folder waits during a two-rename swap."""
    return target.parent / f".{target.name}.{tag}.previous"


def swap_in(staging: Path, target: Path, tag: str) -> Path | None:
    """Put ``staging`` at ``target``; return where the previous folder now is (``None``
    when there was none). ``tag`` names this run's hidden siblings."""
    if target.exists():
        if exchange(staging, target):
            return staging
        previous = aside_name(target, tag)
        os.rename(target, previous)
        # the gap: killed here, the previous folder waits at ``previous`` (see recover)
        try:
            os.rename(staging, target)
        except OSError:
            if not os.path.lexists(target):
                os.rename(previous, target)
            raise
        return previous
    os.rename(staging, target)
    return None


def recover(target: Path) -> None:
    """Put back a previous folder left aside by a two-rename swap that was killed half way."""
    if target.exists():
        return
    if not target.parent.is_dir():
        return
    waiting = sorted(
        p
        for p in target.parent.iterdir()
        if p.name.endswith(".previous") and abandoned(p.name, target)
    )
    if waiting:
        os.rename(waiting[-1], target)
